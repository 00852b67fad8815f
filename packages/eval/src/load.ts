import { AccelganError, denormalise, loadWindows, recordingGroups, type Dataset } from '@accelgan/data';
import { countWindows } from './windows.js';
import type { WindowSet } from './types.js';

/**
 * Where windows come from: file paths (an Arrow dataset, OSDB JSON or CSV, or the
 * generator's windows CSV — anything the data package's loadWindows reads), a Dataset
 * (values normalised per its meta), or a WindowSet already in milli-g.
 */
export type WindowSource = string | readonly string[] | Dataset | WindowSet;

export interface LoadedWindows {
  /** Windows in milli-g. */
  readonly set: WindowSet;
  /** The dataset's train/val split of each window, where the source is a dataset. */
  readonly split?: readonly string[] | undefined;
  /** A short description for the report: the paths, or "in-memory windows". */
  readonly origin: string;
  /** The dataset the windows came from, where they came from one (its times and seizure columns place windows in their events). */
  readonly dataset?: Dataset | undefined;
}

export async function loadSource(source: WindowSource, what: string): Promise<LoadedWindows> {
  if (typeof source === 'string' || Array.isArray(source)) {
    const paths = typeof source === 'string' ? [source] : (source as readonly string[]);
    if (!paths.length) throw new AccelganError(`no ${what} files named`);
    const dataset = await loadWindows(paths);
    return { ...fromDataset(dataset, what), origin: paths.join(', '), dataset };
  }
  if (isDataset(source)) return { ...fromDataset(source, what), origin: 'in-memory dataset', dataset: source };
  const set = source as WindowSet;
  if (!(set.values instanceof Float32Array || set.values instanceof Float64Array) || !(set.samplesPerWindow > 0)) {
    throw new AccelganError(`${what}: not a dataset, a windows set or a path`);
  }
  return { set, origin: 'in-memory windows' };
}

function isDataset(source: unknown): source is Dataset {
  return typeof source === 'object' && source !== null && 'meta' in source && 'windows' in source;
}

/** A dataset's windows in milli-g (denormalised per its meta), with labels, events, recording groups and split. */
export function fromDataset(dataset: Dataset, what: string): { set: WindowSet; split: readonly string[] } {
  const w = dataset.windows;
  if (countWindows({ samplesPerWindow: w.samplesPerWindow, values: w.values }) === 0)
    throw new AccelganError(`${what}: the dataset has no windows`);
  const n = dataset.meta.normalisation;
  const values = n.method === 'none' && n.offset === 0 && n.scale === 1 ? w.values : denormalise(w.values, n);
  const groups = recordingGroups(w);
  const groupId = w.eventId.map((id) => groups.get(id) ?? id);
  return {
    set: { samplesPerWindow: w.samplesPerWindow, values, ictal: w.ictal, eventId: w.eventId, groupId },
    split: w.split,
  };
}
