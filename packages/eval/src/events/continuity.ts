import { quantileSorted, sorted } from '../util/stats.js';
import { DATAPOINT_SAMPLES, type EventSeries } from './event-series.js';
import type { DatapointFeatures } from './datapoint-features.js';

/**
 * Whether consecutive datapoints join like one recording:
 * - steps: |x[t+1] − x[t]| across the 5 s boundaries (first sample of a datapoint minus
 *   the last of the one before) and everywhere else. In a real recording the boundary is
 *   an ordinary sample step; windows generated one by one jump there.
 * - neighbour correlation: Pearson correlation, over all pairs of consecutive datapoints
 *   of every event, of a per-datapoint quantity (log std, 3–8 Hz power): how much the
 *   character of the movement carries over from one 5 s to the next.
 */
export interface StepSummary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
}

export interface ContinuityMetrics {
  readonly boundarySteps: StepSummary;
  readonly withinSteps: StepSummary;
  /** Median boundary step over median within-datapoint step: about 1 for a continuous recording. */
  readonly boundaryRatio: number;
  readonly neighbourCorrelation: { readonly logStd: number; readonly band38: number };
}

/** Every boundary and within-datapoint step of a set of events. */
export function steps(events: readonly EventSeries[]): { boundary: Float64Array; within: Float64Array } {
  const boundary: number[] = [];
  const within: number[] = [];
  for (const e of events) {
    const x = e.values;
    for (let t = 0; t + 1 < e.datapoints * DATAPOINT_SAMPLES; t++) {
      const step = Math.abs(x[t + 1]! - x[t]!);
      ((t + 1) % DATAPOINT_SAMPLES === 0 ? boundary : within).push(step);
    }
  }
  return { boundary: Float64Array.from(boundary), within: Float64Array.from(within) };
}

function summary(values: Float64Array): StepSummary {
  const s = sorted(values);
  return s.length
    ? { n: s.length, median: quantileSorted(s, 0.5), p95: quantileSorted(s, 0.95) }
    : { n: 0, median: Number.NaN, p95: Number.NaN };
}

export function neighbourCorrelation(
  events: readonly EventSeries[],
  features: readonly DatapointFeatures[],
  feature: 'logStd' | 'band38',
): number {
  const xs: number[] = [];
  const ys: number[] = [];
  events.forEach((e, i) => {
    const v = features[i]![feature];
    for (let k = 1; k < e.datapoints; k++) {
      xs.push(v[k - 1]!);
      ys.push(v[k]!);
    }
  });
  return pearson(xs, ys);
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 3) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export function continuity(events: readonly EventSeries[], features: readonly DatapointFeatures[]): ContinuityMetrics {
  const { boundary, within } = steps(events);
  const b = summary(boundary);
  const w = summary(within);
  return {
    boundarySteps: b,
    withinSteps: w,
    boundaryRatio: w.median > 0 ? b.median / w.median : Number.NaN,
    neighbourCorrelation: {
      logStd: neighbourCorrelation(events, features, 'logStd'),
      band38: neighbourCorrelation(events, features, 'band38'),
    },
  };
}
