import { mean, std, tCritical975 } from '../util/stats.js';
import type { EventScore } from './event-scores.js';

/**
 * The augmentation study's figures (docs/metrics.md, "Augmentation study"): per unit
 * (one fold of one seed), per detector and arm, figures pooled over the unit's held-out
 * events; then their mean ± sd over units, per user, and each arm's paired difference
 * from real-only over the same units.
 */

/** The figures of one detector trained under one arm, scored on one unit's held-out events. */
export interface UnitMetrics {
  /** Held-out events whose recording overlaps their seizure. */
  readonly seizures: number;
  readonly detected: number;
  /** detected / seizures; null without seizures. */
  readonly sensitivity: number | null;
  /** Mean latency of the detected seizures, seconds; null where none was detected. */
  readonly latencySeconds: number | null;
  readonly falseAlarms: number;
  readonly nonIctalHours: number;
  /** falseAlarms / nonIctalHours, pooled over the unit's events; null without non-ictal time. */
  readonly falseAlarmsPerHour: number | null;
  /** Share of seizures with any window in alarm (the toolkit's event rule, no consecutive rule). */
  readonly anyWindowSensitivity: number | null;
  /** AUROC of the window scores against the window labels; null where one class is missing. */
  readonly auroc: number | null;
}

/** Pools event scores into a unit's figures. */
export function unitMetrics(events: readonly EventScore[], auroc: number | null): UnitMetrics {
  let seizures = 0;
  let detected = 0;
  let anyWindow = 0;
  let falseAlarms = 0;
  let nonIctalSeconds = 0;
  const latencies: number[] = [];
  for (const e of events) {
    falseAlarms += e.falseAlarms;
    nonIctalSeconds += e.nonIctalSeconds;
    if (!e.seizure) continue;
    seizures++;
    if (e.anyWindow) anyWindow++;
    if (e.detected) {
      detected++;
      latencies.push(e.latencySeconds!);
    }
  }
  const hours = nonIctalSeconds / 3600;
  return {
    seizures,
    detected,
    sensitivity: seizures ? detected / seizures : null,
    latencySeconds: latencies.length ? mean(latencies) : null,
    falseAlarms,
    nonIctalHours: hours,
    falseAlarmsPerHour: hours > 0 ? falseAlarms / hours : null,
    anyWindowSensitivity: seizures ? anyWindow / seizures : null,
    auroc: auroc !== null && Number.isFinite(auroc) ? auroc : null,
  };
}

/** The figures summarised over units, and which way is better. */
export const STUDY_METRICS = [
  { key: 'sensitivity', label: 'sensitivity', higherIsBetter: true },
  { key: 'falseAlarmsPerHour', label: 'false alarms / h', higherIsBetter: false },
  { key: 'latencySeconds', label: 'latency (s)', higherIsBetter: false },
  { key: 'auroc', label: 'window AUROC', higherIsBetter: true },
  { key: 'anyWindowSensitivity', label: 'any-window sensitivity', higherIsBetter: true },
] as const;
export type StudyMetric = (typeof STUDY_METRICS)[number]['key'];

/** A figure over units: mean, sample standard deviation (n − 1), range; over the units where it is defined. */
export interface Stat {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * An arm minus real-only, unit by unit (same fold, same seed, same detector seed).
 * `ci95` is the 95% interval of the mean difference with Nadeau and Bengio's correction
 * for repeated cross-validation (variance × (1/n + held-out/training windows)), since
 * the units share training data and the plain t-interval (`ci95Naive`) is too narrow.
 */
export interface Paired {
  readonly n: number;
  readonly meanDifference: number | null;
  readonly sd: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly ci95Naive: readonly [number, number] | null;
  /** Units where the arm did better, worse, the same as real-only (by the figure's direction). */
  readonly better: number;
  readonly worse: number;
  readonly same: number;
}

/** One unit's results, as the study's detect unit writes them. */
export interface UnitResults {
  readonly seed: number;
  readonly fold: number;
  /** Real training and held-out windows of the fold (the correction's ratio). */
  readonly trainingWindows: number;
  readonly heldOutWindows: number;
  /** detector → arm → figures over all held-out events, and per user. */
  readonly results: Readonly<
    Record<
      string,
      Readonly<Record<string, { readonly all: UnitMetrics; readonly byUser: Readonly<Record<string, UnitMetrics>> }>>
    >
  >;
}

export interface SummaryRow {
  readonly detector: string;
  readonly arm: string;
  readonly metrics: Readonly<Record<StudyMetric, Stat>>;
  /** Against real-only; absent for real-only itself and for untrained detectors. */
  readonly vsReal?: Readonly<Record<StudyMetric, Paired>>;
}

export interface UserRow {
  readonly user: string;
  readonly detector: string;
  readonly arm: string;
  readonly metrics: Readonly<Record<StudyMetric, Stat>>;
}

export interface StudySummary {
  readonly units: number;
  readonly rows: readonly SummaryRow[];
  readonly perUser: readonly UserRow[];
}

/** The arm every other is compared with. */
export const REAL_ONLY = 'real';

/** Mean ± sd per detector and arm (in the order given), per user, and the paired differences from real-only. */
export function summariseStudy(
  units: readonly UnitResults[],
  order: { readonly detectors: readonly string[]; readonly arms: Readonly<Record<string, readonly string[]>> },
): StudySummary {
  const ratio = mean(units.map((u) => u.heldOutWindows / Math.max(1, u.trainingWindows)));
  const rows: SummaryRow[] = [];
  const perUser: UserRow[] = [];
  const users = [
    ...new Set(
      units.flatMap((u) =>
        Object.values(u.results).flatMap((arms) => Object.values(arms).flatMap((a) => Object.keys(a.byUser))),
      ),
    ),
  ].sort();
  for (const detector of order.detectors) {
    const arms = order.arms[detector] ?? [];
    for (const arm of arms) {
      const figures = units.map((u) => u.results[detector]?.[arm]?.all ?? null);
      const metrics = statsOf(figures);
      const real =
        arms.includes(REAL_ONLY) && arm !== REAL_ONLY
          ? units.map((u) => u.results[detector]?.[REAL_ONLY]?.all ?? null)
          : null;
      rows.push({ detector, arm, metrics, ...(real ? { vsReal: pairedOf(figures, real, ratio) } : {}) });
      for (const user of users) {
        const byUser = units.map((u) => u.results[detector]?.[arm]?.byUser[user] ?? null);
        if (byUser.every((m) => m === null)) continue;
        perUser.push({ user, detector, arm, metrics: statsOf(byUser) });
      }
    }
  }
  return { units: units.length, rows, perUser };
}

function statsOf(figures: readonly (UnitMetrics | null)[]): Record<StudyMetric, Stat> {
  const out = {} as Record<StudyMetric, Stat>;
  for (const { key } of STUDY_METRICS) out[key] = stat(figures.map((f) => (f ? f[key] : null)));
  return out;
}

function pairedOf(
  arm: readonly (UnitMetrics | null)[],
  real: readonly (UnitMetrics | null)[],
  heldOutPerTraining: number,
): Record<StudyMetric, Paired> {
  const out = {} as Record<StudyMetric, Paired>;
  for (const { key, higherIsBetter } of STUDY_METRICS) {
    const differences: number[] = [];
    arm.forEach((a, u) => {
      const x = a?.[key];
      const y = real[u]?.[key];
      if (x != null && y != null) differences.push(x - y);
    });
    out[key] = paired(differences, higherIsBetter, heldOutPerTraining);
  }
  return out;
}

/** Summary of values, nulls left out. */
export function stat(values: readonly (number | null)[]): Stat {
  const x = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!x.length) return { n: 0, mean: null, sd: null, min: null, max: null };
  return { n: x.length, mean: mean(x), sd: x.length > 1 ? std(x) : null, min: Math.min(...x), max: Math.max(...x) };
}

/** The paired summary of differences (arm − real-only); see Paired. */
export function paired(differences: readonly number[], higherIsBetter: boolean, heldOutPerTraining: number): Paired {
  const n = differences.length;
  const sign = higherIsBetter ? 1 : -1;
  let better = 0;
  let worse = 0;
  for (const d of differences) {
    if (d * sign > 0) better++;
    else if (d * sign < 0) worse++;
  }
  const counts = { better, worse, same: n - better - worse };
  if (!n) return { n, meanDifference: null, sd: null, ci95: null, ci95Naive: null, ...counts };
  const m = mean(differences);
  if (n < 2) return { n, meanDifference: m, sd: null, ci95: null, ci95Naive: null, ...counts };
  const s = std(differences);
  const t = tCritical975(n - 1);
  const naive = (t * s) / Math.sqrt(n);
  const corrected = t * s * Math.sqrt(1 / n + heldOutPerTraining);
  return {
    n,
    meanDifference: m,
    sd: s,
    ci95: [m - corrected, m + corrected],
    ci95Naive: [m - naive, m + naive],
    ...counts,
  };
}
