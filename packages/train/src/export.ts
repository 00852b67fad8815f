import { extname, resolve } from 'node:path';
import {
  AccelganError,
  assertWritable,
  buildDataset,
  sidecarPath,
  SAMPLE_RATE_HZ,
  windowsToEvents,
  writeDataset,
  writeOsdbJson,
  writeWindowsCsv,
  type OsdbEvent,
  type WindowTable,
} from '@accelgan/data';
import { isIctalClass } from './conditioning.js';
import { describeGeneration, type GeneratedWindows, type TrainedGenerator } from './generate.js';

export const EXPORT_FORMATS = ['.json', '.csv', '.arrow'] as const;

/** Synthetic events start here, one per window, an hour apart: clearly not a real recording's time. */
const SYNTHETIC_EPOCH_MS = Date.UTC(2000, 0, 1);
const EVENT_SPACING_MS = 3_600_000;

export interface ExportOptions {
  readonly seed: number;
  readonly force?: boolean;
}

/** Fails before any work if `path` names no known format, or exists and `force` is not set. */
export async function checkExportPath(path: string, force = false): Promise<void> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(extname(path).toLowerCase())) {
    throw new AccelganError(`cannot tell the format of ${path}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  await assertWritable(path, { force });
  if (extname(path).toLowerCase() === '.arrow') await assertWritable(sidecarPath(path), { force });
}

/**
 * Writes generated windows in the format the extension names:
 * .json = OSDB events (one event per window; ictal windows carry seizureTimes covering them),
 * .csv = eventId,label,M000… (label 1 = ictal), .arrow = the dataset schema in milli-g.
 * Returns the path written.
 */
export async function exportGenerated(
  path: string,
  windows: GeneratedWindows,
  trained: TrainedGenerator,
  options: ExportOptions,
): Promise<string> {
  const format = extname(path).toLowerCase();
  const table = syntheticTable(windows, trained);
  const write = { force: options.force ?? false };
  const source = describeGeneration(trained, options.seed);
  switch (format) {
    case '.csv':
      await writeWindowsCsv(path, table, write);
      break;
    case '.json':
      await writeOsdbJson(path, syntheticEvents(table, source), { ...write, dataSourceName: 'accelgan-synthetic' });
      break;
    case '.arrow': {
      const dataset = buildDataset(table, {
        windowSeconds: table.samplesPerWindow / SAMPLE_RATE_HZ,
        split: { valFraction: 0, seed: options.seed, keep: true },
        scale: 'none',
        filters: { types: [], subTypes: [], users: [] },
        sources: [
          {
            path: resolve(trained.runDir),
            format: 'synthetic',
            events: table.eventId.length,
            datapoints: table.eventId.length,
          },
        ],
        skipped: {},
        provenance: { generatedBy: source, classNames: windows.classNames, averagedGenerator: trained.averaged },
      });
      await writeDataset(path, dataset, write);
      break;
    }
    default:
      throw new AccelganError(`cannot tell the format of ${path}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return path;
}

/** Generated windows as a window table in milli-g, one synthetic event per window. */
export function syntheticTable(windows: GeneratedWindows, trained: TrainedGenerator): WindowTable {
  const n = windows.labels.length;
  const { classNames, classEventTypes, config } = trained.header;
  const className = (i: number) => classNames[windows.labels[i]!]!;
  const eventId = Array.from({ length: n }, (_, i) => `synthetic-${String(i + 1).padStart(6, '0')}`);
  const startTime = Float64Array.from({ length: n }, (_, i) => SYNTHETIC_EPOCH_MS + i * EVENT_SPACING_MS);
  const ictal = Uint8Array.from({ length: n }, (_, i) => (isIctalClass(className(i)) ? 1 : 0));
  const windowMs = (windows.samplesPerWindow / SAMPLE_RATE_HZ) * 1000;
  return {
    samplesPerWindow: windows.samplesPerWindow,
    values: windows.values,
    eventId,
    userId: eventId.map(() => 'synthetic'),
    type: eventId.map((_, i) => classEventTypes[windows.labels[i]!] ?? 'Seizure'),
    // Under subtype conditioning the class is the subtype; otherwise the run does not know one.
    subType: eventId.map((_, i) =>
      config.condition === 'subtype' && isIctalClass(className(i)) && className(i) !== 'unspecified'
        ? className(i)
        : '',
    ),
    startTime,
    ictal,
    // Each window is its own event; an ictal one is a seizure spanning exactly the window (as the OSDB JSON says).
    seizureStart: startTime.map((t, i) => (ictal[i] ? t : Number.NaN)),
    seizureEnd: startTime.map((t, i) => (ictal[i] ? t + windowMs : Number.NaN)),
    split: eventId.map(() => 'train' as const),
  };
}

/** One OSDB event per window, laid out by the data package so that re-ingesting gives back every window and label. */
function syntheticEvents(table: WindowTable, source: string): OsdbEvent[] {
  return windowsToEvents(table, { startTime: SYNTHETIC_EPOCH_MS }).map((event, i) => ({
    ...event,
    desc: `Synthetic ${table.ictal[i] ? 'ictal' : 'non-ictal'} window generated by ${source}`,
  }));
}
