/**
 * A set of windows to evaluate, in milli-g. Structurally compatible with the data
 * package's WindowTable, but `values` must be milli-g here (denormalise first).
 */
export interface WindowSet {
  /** Samples per window: 125 for one 5 s OSDB datapoint at 25 Hz, 250, 375… for longer windows. */
  readonly samplesPerWindow: number;
  /** Row-major samples in milli-g: row i is values[i * samplesPerWindow, (i + 1) * samplesPerWindow). */
  readonly values: Float32Array | Float64Array;
  /** 1 = ictal, 0 = not; absent when the set is unlabelled. */
  readonly ictal?: Uint8Array | undefined;
  /** Event of each window; windows of one event always share a fold. Absent or '' = each window on its own. */
  readonly eventId?: readonly string[] | undefined;
  /**
   * Recording group of each window: events of one user whose recordings overlap in time
   * (and so share datapoints) share a group, as the data package's split keeps them
   * together. Absent or '' = the window's event.
   */
  readonly groupId?: readonly string[] | undefined;
}

/** The classes every metric is reported for: all windows, then each ictal label where both sides have it. */
export type ClassName = 'all' | 'ictal' | 'nonIctal';
export const CLASS_NAMES: readonly ClassName[] = ['all', 'ictal', 'nonIctal'];

/** A value per class; `ictal`/`nonIctal` are absent when a side has no windows of that class. */
export type PerClass<T> = { readonly all: T } & { readonly ictal?: T; readonly nonIctal?: T };

/** Progress callback: a stage name as it starts, optionally with a fraction done. */
export type ProgressFn = (stage: string, fraction?: number) => void;
