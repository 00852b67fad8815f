import { createHash } from 'node:crypto';
import { extname, resolve } from 'node:path';
import {
  AccelganError,
  assertWritable,
  buildDataset,
  sidecarPath,
  SAMPLE_RATE_HZ,
  windowsToEvents,
  writeDataset,
  writeOsdbCsv,
  writeOsdbJson,
  type OsdbEvent,
  type WindowTable,
} from '@accelgan/data';
import { isIctalClass } from './conditioning.js';
import { describeGeneration, type GeneratedChunk, type GeneratedWindows, type TrainedGenerator } from './generate.js';

export const EXPORT_FORMATS = ['.json', '.csv', '.arrow'] as const;

/** The `dataSourceName` of every event accelgan generates: names accelgan, and no source the OSDB tools leave out. */
export const SYNTHETIC_SOURCE = 'accelgan-synthetic';

/** Synthetic events start here, one per window, a minute apart per 5 s of window: clearly not a real recording's time. */
const SYNTHETIC_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * An .arrow output is built in memory; more samples than this (1 GB as float32) must go
 * to .json or .csv, which are written as they are generated.
 */
const ARROW_MAX_SAMPLES = 2 ** 28;

export interface ExportOptions {
  readonly seed: number;
  readonly force?: boolean;
  /**
   * What else picks the windows (e.g. "n 1000, label ictal"): hashed into the ids with the
   * run and seed, so that two different requests of one run and seed never share an id.
   */
  readonly request?: string;
}

/**
 * Fails before any work if `path` names no known format, exists and `force` is not set, or
 * (given `samples`, the number of samples to write) is an .arrow file too large to build.
 */
export async function checkExportPath(path: string, force = false, samples?: number): Promise<void> {
  const format = extname(path).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AccelganError(`cannot tell the format of ${path}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (format === '.arrow' && samples !== undefined && samples > ARROW_MAX_SAMPLES) {
    throw new AccelganError(
      `an .arrow file is built in memory, up to ${ARROW_MAX_SAMPLES.toLocaleString('en-US')} samples; this is ${samples.toLocaleString('en-US')}: write .json or .csv, which stream`,
    );
  }
  await assertWritable(path, { force });
  if (format === '.arrow') await assertWritable(sidecarPath(path), { force });
}

/**
 * Ids of generated events: `syn-`, 8 hex digits of a hash of where they came from (the
 * run, its architecture and step, the seed and the event settings, as describeGeneration
 * words them, and for windows the request: their number and label), then the event's
 * number. Real OSDB ids are whole numbers, so no synthetic id can be one; and two
 * exports of different runs or seeds get different ids, so that files fed together to the
 * OSDB toolkit (which groups rows and splits folds by id) never merge two events.
 */
export function syntheticIdPrefix(source: string): string {
  return `syn-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
}

function syntheticId(prefix: string, index: number): string {
  return `${prefix}-${String(index + 1).padStart(6, '0')}`;
}

/**
 * Writes generated windows in the format the extension names:
 * .json = OSDB events (one event per window; ictal windows carry seizureTimes covering them),
 * .csv = the OSDB toolkit's flattened CSV of those events, .arrow = the dataset schema in
 * milli-g. Returns the path written.
 */
export async function exportGenerated(
  path: string,
  windows: GeneratedWindows,
  trained: TrainedGenerator,
  options: ExportOptions,
): Promise<string> {
  const request = options.request ?? `n ${windows.labels.length}`;
  return exportGeneratedChunks(path, single({ ...windows, first: 0 }), trained, { ...options, request });
}

async function* single(chunk: GeneratedChunk): AsyncGenerator<GeneratedChunk> {
  yield chunk;
}

/**
 * As exportGenerated, from chunks of a generation as they are sampled (generateWindowChunks):
 * .json and .csv are written chunk by chunk, so memory holds one chunk whatever the number
 * of windows; .arrow gathers them first (checkExportPath bounds its size).
 */
export async function exportGeneratedChunks(
  path: string,
  chunks: AsyncIterable<GeneratedChunk>,
  trained: TrainedGenerator,
  options: ExportOptions,
): Promise<string> {
  const format = extname(path).toLowerCase();
  const write = { force: options.force ?? false };
  const source = describeGeneration(trained, options.seed);
  const prefix = syntheticIdPrefix(`${source} ${options.request ?? ''}`);
  async function* events(): AsyncGenerator<OsdbEvent> {
    for await (const chunk of chunks) yield* syntheticEvents(syntheticTable(chunk, trained, prefix), source);
  }
  switch (format) {
    case '.csv':
      await writeOsdbCsv(path, events(), { ...write, dataSourceName: SYNTHETIC_SOURCE });
      break;
    case '.json':
      await writeOsdbJson(path, events(), { ...write, dataSourceName: SYNTHETIC_SOURCE });
      break;
    case '.arrow': {
      const table = syntheticTable(await gather(chunks), trained, prefix);
      const { classNames } = trained.header;
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
            labelling: 'window',
          },
        ],
        skipped: {},
        provenance: { generatedBy: source, classNames, averagedGenerator: trained.averaged },
      });
      await writeDataset(path, dataset, write);
      break;
    }
    default:
      throw new AccelganError(`cannot tell the format of ${path}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return path;
}

/**
 * Generated windows as a window table in milli-g, one synthetic event per window. An ictal
 * window's event is a Seizure, of the subtype the run was conditioned on where it was; a
 * non-ictal window's is the type its class's training windows came from where that is not
 * Seizure (a False Alarm, say), else NDA: so the OSDB toolkit, which labels every row by its
 * event's type, reads the windows with the labels they were generated with.
 */
export function syntheticTable(
  windows: GeneratedWindows & { readonly first?: number },
  trained: TrainedGenerator,
  prefix: string,
): WindowTable {
  const n = windows.labels.length;
  const first = windows.first ?? 0;
  const { classNames, classEventTypes, config } = trained.header;
  const className = (i: number) => classNames[windows.labels[i]!]!;
  const eventId = Array.from({ length: n }, (_, i) => syntheticId(prefix, first + i));
  const windowMs = (windows.samplesPerWindow / SAMPLE_RATE_HZ) * 1000;
  const spacing = eventSpacing(windows.samplesPerWindow);
  const startTime = Float64Array.from({ length: n }, (_, i) => SYNTHETIC_EPOCH_MS + (first + i) * spacing);
  const ictal = Uint8Array.from({ length: n }, (_, i) => (isIctalClass(className(i)) ? 1 : 0));
  const nonIctalType = (i: number) => {
    const type = classEventTypes[windows.labels[i]!] ?? '';
    return type === '' || type.toLowerCase() === 'seizure' ? 'NDA' : type;
  };
  return {
    samplesPerWindow: windows.samplesPerWindow,
    values: windows.values,
    eventId,
    userId: eventId.map(() => 'synthetic'),
    type: eventId.map((_, i) => (ictal[i] ? 'Seizure' : nonIctalType(i))),
    // Under subtype conditioning the class is the subtype; otherwise the run does not know one.
    subType: eventId.map((_, i) =>
      config.condition === 'subtype' && ictal[i] && className(i) !== 'unspecified' ? className(i) : '',
    ),
    startTime,
    ictal,
    // Each window is its own event; an ictal one is a seizure spanning exactly the window (as the OSDB JSON says).
    seizureStart: startTime.map((t, i) => (ictal[i] ? t : Number.NaN)),
    seizureEnd: startTime.map((t, i) => (ictal[i] ? t + windowMs : Number.NaN)),
    split: eventId.map(() => 'train' as const),
  };
}

/** The chunks of a generation as one (for .arrow, which is built whole). */
async function gather(chunks: AsyncIterable<GeneratedChunk>): Promise<GeneratedChunk> {
  const parts: GeneratedChunk[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const n = parts.reduce((sum, p) => sum + p.labels.length, 0);
  const values = new Float32Array(n * first.samplesPerWindow);
  const labels = new Int32Array(n);
  for (const part of parts) {
    values.set(part.values, (part.first - first.first) * first.samplesPerWindow);
    labels.set(part.labels, part.first - first.first);
  }
  return { ...first, values, labels };
}

/** Milliseconds between synthetic window events: a minute per 5 s of window, so a billion 5 s windows stay within four-digit years. */
function eventSpacing(samplesPerWindow: number): number {
  return 12 * (samplesPerWindow / SAMPLE_RATE_HZ) * 1000;
}

/** One OSDB event per window, laid out by the data package so that re-ingesting gives back every window and label. */
function syntheticEvents(table: WindowTable, source: string): OsdbEvent[] {
  return windowsToEvents(table, {
    startTime: table.startTime[0] ?? SYNTHETIC_EPOCH_MS,
    eventSpacingMs: eventSpacing(table.samplesPerWindow),
  }).map((event, i) => ({
    ...event,
    desc: `Synthetic ${table.ictal[i] ? 'ictal' : 'non-ictal'} window generated by ${source}`,
  }));
}
