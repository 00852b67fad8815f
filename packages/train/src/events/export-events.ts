import { extname, resolve } from 'node:path';
import {
  AccelganError,
  buildDataset,
  eventWindows,
  SAMPLES_PER_DATAPOINT,
  windowShape,
  WindowTableBuilder,
  writeDataset,
  writeOsdbCsv,
  writeOsdbJson,
  type OsdbEvent,
} from '@accelgan/data';
import { EXPORT_FORMATS, SYNTHETIC_SOURCE, syntheticIdPrefix, type ExportOptions } from '../export.js';
import { describeGeneration, type TrainedGenerator } from '../generate.js';
import { describeEventSettings, type GeneratedEvents } from './generate-events.js';

/**
 * Writes whole synthetic events in the format the extension names, atomically:
 * .json = OSDB JSON events (what OSDB tools and `accelgan ingest` read), with the OSD
 * fields of every datapoint; .csv = the OSDB toolkit's flattened CSV of them, one row per
 * datapoint, which has no seizure times (re-ingested, every window of a seizure event is
 * ictal: event-level labels, as the toolkit reads it); .arrow = a dataset of their 5 s
 * windows in milli-g, with times and seizure columns. .json and .arrow re-ingest to the
 * same windows and labels. Events get ids `syn-<hash of the run and settings>-<n>` (see
 * syntheticIdPrefix) and, when they hold a seizure, the type Seizure. Returns the path.
 */
export async function exportEvents(
  path: string,
  generated: GeneratedEvents,
  trained: TrainedGenerator,
  options: ExportOptions,
): Promise<string> {
  const format = extname(path).toLowerCase();
  const write = { force: options.force ?? false };
  const source = describeGeneration(trained, options.seed, describeEventSettings(generated.settings));
  const prefix = syntheticIdPrefix(source);
  const events = generated.events.map(
    (event, i): OsdbEvent => ({
      ...event,
      id: `${prefix}-${String(i + 1).padStart(6, '0')}`,
      type: event.seizureTimes ? 'Seizure' : event.type,
      desc: `${event.desc} from ${source}`,
    }),
  );
  switch (format) {
    case '.json':
      await writeOsdbJson(path, events, { ...write, dataSourceName: SYNTHETIC_SOURCE });
      break;
    case '.csv':
      await writeOsdbCsv(path, events, { ...write, dataSourceName: SYNTHETIC_SOURCE });
      break;
    case '.arrow': {
      const builder = new WindowTableBuilder(SAMPLES_PER_DATAPOINT);
      const shape = windowShape(5);
      for (const event of events) for (const window of eventWindows(event, shape)) builder.add(window);
      const dataset = buildDataset(builder.build(), {
        windowSeconds: 5,
        strideSeconds: 5,
        split: { valFraction: 0, seed: options.seed },
        scale: 'none',
        filters: { types: [], subTypes: [], users: [] },
        sources: [
          {
            path: resolve(trained.runDir),
            format: 'synthetic',
            events: events.length,
            datapoints: builder.length,
            labelling: 'window',
          },
        ],
        skipped: {},
        provenance: { generatedBy: source, wholeEvents: true, averagedGenerator: trained.averaged },
      });
      await writeDataset(path, dataset, write);
      break;
    }
    default:
      throw new AccelganError(`cannot tell the format of ${path}: use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return path;
}
