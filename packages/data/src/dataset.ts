import { normalisationFrom, normalise, rowStatistics } from './normalise.js';
import { splitRecordings } from './split.js';
import {
  SAMPLE_RATE_HZ,
  type Dataset,
  type DatasetMeta,
  type DatasetSource,
  type ScaleMethod,
  type Split,
  type WindowTable,
} from './types.js';

export interface DatasetOptions {
  readonly windowSeconds: number;
  readonly strideSeconds?: number;
  /**
   * Split events afresh with this fraction and seed; or `keep` the split the windows
   * already carry (windows from Arrow datasets), with the recorded fraction and seed.
   */
  readonly split: { readonly valFraction: number; readonly seed: number; readonly keep?: boolean };
  readonly scale: ScaleMethod;
  readonly filters: DatasetMeta['filters'];
  readonly sources: readonly DatasetSource[];
  /** Default: from the sources' labelling (`window` where they do not say). */
  readonly labelling?: DatasetMeta['labelling'];
  readonly skipped: Readonly<Record<string, number>>;
  /** DatasetMeta.fingerprint, where the windows were cut from recordings. */
  readonly fingerprint?: string;
  readonly provenance?: Readonly<Record<string, unknown>>;
}

/**
 * Turns windows in milli-g into a Dataset: assigns every event to train or val,
 * fits the scaling on the training windows only, scales all windows with it, and
 * records how in the metadata.
 */
export function buildDataset(milliG: WindowTable, options: DatasetOptions): Dataset {
  const n = milliG.eventId.length;
  let split: Split[];
  let trainEvents: readonly string[];
  let valEvents: readonly string[];
  if (options.split.keep) {
    split = milliG.split.slice();
    trainEvents = eventsIn(milliG, split, 'train');
    valEvents = eventsIn(milliG, split, 'val');
  } else {
    const events = splitRecordings(milliG, options.split);
    const val = new Set(events.val);
    split = milliG.eventId.map((id) => (val.has(id) ? 'val' : 'train'));
    ({ train: trainEvents, val: valEvents } = events);
  }
  // With every event in val (possible only when keeping a split) fit on all windows rather than on none.
  const fitOnTrain = split.includes('train');
  const fitted = rowStatistics(milliG.values, milliG.samplesPerWindow, (row) => !fitOnTrain || split[row] === 'train');
  const normalisation = normalisationFrom(fitted, options.scale);
  let ictal = 0;
  for (const label of milliG.ictal) ictal += label;
  const train = split.filter((s) => s === 'train').length;
  const meta: DatasetMeta = {
    format: 'accelgan-dataset',
    version: 1,
    createdAt: new Date().toISOString(),
    sampleRateHz: SAMPLE_RATE_HZ,
    windowSeconds: options.windowSeconds,
    ...(options.strideSeconds === undefined ? {} : { strideSeconds: options.strideSeconds }),
    samplesPerWindow: milliG.samplesPerWindow,
    normalisation,
    split: { valFraction: options.split.valFraction, seed: options.split.seed, trainEvents, valEvents },
    filters: options.filters,
    sources: options.sources,
    labelling: options.labelling ?? labellingOf(options.sources),
    counts: { windows: n, events: new Set(milliG.eventId).size, ictal, nonIctal: n - ictal, train, val: n - train },
    skipped: options.skipped,
    ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
    ...(options.provenance ? { provenance: options.provenance } : {}),
  };
  const windows: WindowTable = { ...milliG, values: normalise(milliG.values, normalisation), split };
  return { meta, windows };
}

/** One labelling shared by every source, or `mixed`. */
export function labellingOf(sources: readonly DatasetSource[]): NonNullable<DatasetMeta['labelling']> {
  const kinds = new Set(sources.map((s) => s.labelling ?? 'window'));
  return kinds.size > 1 ? 'mixed' : (kinds.values().next().value ?? 'window');
}

function eventsIn(table: WindowTable, split: readonly Split[], side: Split): string[] {
  const ids = new Set<string>();
  split.forEach((s, i) => {
    if (s === side) ids.add(table.eventId[i]!);
  });
  return [...ids].sort();
}
