// Verdicts: each metric's value beside its real-vs-real floor, graded good / fair / poor
// by the fixed rules below (docs/metrics.md lists them), and an overall verdict.
import type { Verdict } from '../result-types.js';

/** How a distance (lower is better) is graded against its floor f: good if v <= 1.5f + eps, fair if v <= 3f + eps. */
export const DISTANCE_TOLERANCE: Readonly<Record<string, number>> = {
  psdDb: 0.5,
  band38W1: 0.05,
  osdRatioW1: 1,
  osdRatioKs: 0.02,
  alarmRateDiff: 0.02,
  valuesW1: 2,
  stdW1: 2,
  acfDistance: 0.01,
  skewnessW1: 0.05,
  kurtosisW1: 0.1,
  mmd2: 0.002,
};

export function gradeDistance(value: number, floor: number | null | undefined, eps: number): Verdict {
  if (!Number.isFinite(value) || floor === null || floor === undefined || !Number.isFinite(floor)) return 'n/a';
  const f = Math.max(0, floor);
  if (value <= 1.5 * f + eps) return 'good';
  if (value <= 3 * f + eps) return 'fair';
  return 'poor';
}

/** How far above the floor a discriminative score stays good: about the floor's own 95% interval. */
export const DISCRIMINATIVE_GOOD_MARGIN = 0.05;
/** Without a calibration ladder, how far above the floor it stays fair: where the IAAFT rung stands on the shared sample. */
export const DISCRIMINATIVE_FAIR_MARGIN = 0.15;

/**
 * Discriminative score s against its floor f and, where the calibration ladder ran, the
 * IAAFT rung's score b (the first bar: a phase-scrambled copy of the training windows):
 * good if s <= f + 0.05 and s < b; fair if s < b (without a ladder: s <= f + 0.15); poor
 * otherwise — a generator no harder to tell from real than a phase-scrambled copy of its
 * own training data has not learnt the signal's shape.
 */
export function gradeDiscriminative(
  score: number,
  floor: number | null | undefined,
  iaaftBar?: number | null | undefined,
): Verdict {
  if (!Number.isFinite(score) || floor === null || floor === undefined || !Number.isFinite(floor)) return 'n/a';
  const bar = iaaftBar !== null && iaaftBar !== undefined && Number.isFinite(iaaftBar) ? iaaftBar : null;
  const fair = bar === null ? score <= floor + DISCRIMINATIVE_FAIR_MARGIN : score < bar;
  if (fair && score <= floor + DISCRIMINATIVE_GOOD_MARGIN) return 'good';
  return fair ? 'fair' : 'poor';
}

/** A detector's AUROC against the real-trained one's: good if >= ref - goodGap, fair if >= ref - fairGap. */
export function gradeAuroc(value: number | null, reference: number | null, goodGap: number, fairGap: number): Verdict {
  if (value === null || reference === null || !Number.isFinite(value) || !Number.isFinite(reference)) return 'n/a';
  if (value >= reference - goodGap) return 'good';
  if (value >= reference - fairGap) return 'fair';
  return 'poor';
}

/** Class agreement of a real-trained detector on synthetic windows against held-out real ones: good within 0.10 below, fair within 0.25. */
export function gradeAgreement(value: number | null, reference: number | null): Verdict {
  return gradeAuroc(value, reference, 0.1, 0.25);
}

/** Near-copy rate: good if <= 2%, fair if <= 5% (held-out real windows give about 1% by construction). */
export function gradeNearCopies(rate: number): Verdict {
  if (!Number.isFinite(rate)) return 'n/a';
  if (rate <= 0.02) return 'good';
  if (rate <= 0.05) return 'fair';
  return 'poor';
}

/** The data-copying test's C_T: good if >= 0 (no nearer than held-out real windows of the same region), fair if >= -3, poor below (Meehan et al.'s copying). */
export function gradeDataCopying(statistic: number): Verdict {
  if (!Number.isFinite(statistic)) return 'n/a';
  if (statistic >= 0) return 'good';
  if (statistic >= -3) return 'fair';
  return 'poor';
}

/** Exact copies: good if none, poor otherwise. */
export function gradeExactCopies(count: number): Verdict {
  return count === 0 ? 'good' : 'poor';
}

export interface GradedRow {
  readonly verdict: Verdict;
  /** Whether the row enters the overall verdict (informational rows do not). */
  readonly graded: boolean;
  readonly id: string;
}

/**
 * Overall verdict from the 'all' rows: poor if the headline discriminative score or the
 * memorisation check (near or exact copies) is poor, or at least a third of the graded rows
 * are poor; good if the headline is good and no graded row is poor; fair otherwise.
 */
export function overallVerdict(rows: readonly GradedRow[]): Verdict {
  const graded = rows.filter((r) => r.graded && r.verdict !== 'n/a');
  if (!graded.length) return 'n/a';
  const headline = rows.find((r) => r.id === 'discriminative')?.verdict;
  const memorised = rows.some((r) => (r.id === 'nearCopies' || r.id === 'exactCopies') && r.verdict === 'poor');
  const poor = graded.filter((r) => r.verdict === 'poor').length;
  if (headline === 'poor' || memorised || poor * 3 >= graded.length) return 'poor';
  if (headline === 'good' && poor === 0) return 'good';
  return 'fair';
}

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  good: 'within the variation between real events',
  fair: 'noticeably further from real than real events are from each other',
  poor: 'clearly unlike the real windows',
  'n/a': 'not measurable on these inputs',
};

export const OVERALL_TEXT: Readonly<Record<Verdict, string>> = {
  good: 'The synthetic windows are about as close to the real held-out windows as other real windows are: critics cannot tell them apart beyond the real-vs-real floor, and no metric is clearly off.',
  fair: 'The synthetic windows resemble the real ones in some respects but differ measurably in others; see the rows graded fair or poor.',
  poor: 'The synthetic windows are easy to tell from real ones (or copy training windows); see the rows graded poor.',
  'n/a': 'No metric could be graded on these inputs.',
};
