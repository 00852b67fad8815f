import { quantileSorted, sorted } from '../util/stats.js';
import { DATAPOINT_SECONDS, datapointIctal, type EventSeries } from './event-series.js';
import type { DatapointFeatures } from './datapoint-features.js';

/**
 * How a per-datapoint quantity runs over the events of a set, two ways:
 * - around the onset: by the datapoint's midpoint in seconds from the seizure's start,
 *   in 10 s bins from −60 s to +120 s (events with a seizure only; where the recording
 *   begins after the onset, those bins simply get no datapoint from it);
 * - through the seizure: ictal datapoints by how far into the seizure their midpoint is,
 *   (midpoint − start) / (end − start), in fifths.
 * Each bin holds the pooled datapoints of every event: their count and quartiles.
 */
export type Alignment = 'onset' | 'seizure';
export const ONSET_BINS = { from: -60, to: 120, width: 10 } as const;
export const SEIZURE_BINS = 5;

export interface CourseBin {
  /** Bin centre: seconds from onset, or fraction of the seizure. */
  readonly x: number;
  readonly n: number;
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
}

export type FeatureName = keyof DatapointFeatures;

/** Where datapoint k of an event falls, as a bin index; -1 where in none. */
function binOf(event: EventSeries, k: number, alignment: Alignment): number {
  if (!event.seizure) return -1;
  const midpoint = (k + 0.5) * DATAPOINT_SECONDS;
  const [start, end] = event.seizure;
  if (alignment === 'onset') {
    const t = midpoint - start;
    if (t < ONSET_BINS.from || t >= ONSET_BINS.to) return -1;
    return Math.floor((t - ONSET_BINS.from) / ONSET_BINS.width);
  }
  if (!datapointIctal(event, k)) return -1;
  const position = end > start ? (midpoint - start) / (end - start) : 0.5;
  return Math.min(SEIZURE_BINS - 1, Math.floor(position * SEIZURE_BINS));
}

export function binCentres(alignment: Alignment): number[] {
  if (alignment === 'seizure') return Array.from({ length: SEIZURE_BINS }, (_, b) => (b + 0.5) / SEIZURE_BINS);
  const bins = (ONSET_BINS.to - ONSET_BINS.from) / ONSET_BINS.width;
  return Array.from({ length: bins }, (_, b) => ONSET_BINS.from + (b + 0.5) * ONSET_BINS.width);
}

/** The quartiles of `feature` per bin over all events of a set (features[i] belongs to events[i]). */
export function course(
  events: readonly EventSeries[],
  features: readonly DatapointFeatures[],
  feature: FeatureName,
  alignment: Alignment,
): CourseBin[] {
  const centres = binCentres(alignment);
  const pools = centres.map(() => [] as number[]);
  events.forEach((event, i) => {
    const values = features[i]![feature];
    for (let k = 0; k < event.datapoints; k++) {
      const b = binOf(event, k, alignment);
      if (b >= 0) pools[b]!.push(values[k]!);
    }
  });
  return centres.map((x, b) => {
    const s = sorted(pools[b]!);
    return s.length
      ? { x, n: s.length, median: quantileSorted(s, 0.5), q25: quantileSorted(s, 0.25), q75: quantileSorted(s, 0.75) }
      : { x, n: 0, median: Number.NaN, q25: Number.NaN, q75: Number.NaN };
  });
}

/** Bins a course distance counts need this many datapoints on both sides. */
export const MIN_BIN_DATAPOINTS = 5;

/** Mean |median_a − median_b| over bins where both sides hold at least {@link MIN_BIN_DATAPOINTS}; NaN where none do. */
export function courseDistance(a: readonly CourseBin[], b: readonly CourseBin[]): number {
  let sum = 0;
  let bins = 0;
  a.forEach((bin, i) => {
    const other = b[i];
    if (!other || bin.n < MIN_BIN_DATAPOINTS || other.n < MIN_BIN_DATAPOINTS) return;
    sum += Math.abs(bin.median - other.median);
    bins++;
  });
  return bins ? sum / bins : Number.NaN;
}
