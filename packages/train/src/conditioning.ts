import { AccelganError, SAMPLE_RATE_HZ, type WindowTable } from '@accelgan/data';

/** What the GAN is conditioned on. */
export type Condition = 'ictal' | 'subtype' | 'phase' | 'none';
export const CONDITIONS: readonly Condition[] = ['ictal', 'subtype', 'phase', 'none'];

export const NON_ICTAL = 'non-ictal';
export const ICTAL = 'ictal';
/** Subtype class name for ictal windows whose event has no subtype. */
export const UNSPECIFIED_SUBTYPE = 'unspecified';
/** Phase class of windows after their event's seizure ended. */
export const POST_ICTAL = 'post-ictal';
/**
 * Phase classes, in label order: before the seizure (or in an event without one), the
 * first, middle and last third of the seizure, and after it. Always all five, so a phase
 * run's labels mean the same whatever its data held.
 */
export const PHASES = [NON_ICTAL, 'ictal-early', 'ictal-mid', 'ictal-late', POST_ICTAL] as const;
export type Phase = (typeof PHASES)[number];

export interface ClassAssignment {
  /** Class names, index = label. */
  readonly classNames: readonly string[];
  /** Label of every window. */
  readonly labels: Int32Array;
  /** Windows per class, same order as classNames. */
  readonly counts: readonly number[];
}

/** The columns conditioning reads; phase needs the window's time and its event's seizure. */
export type ConditioningColumns = Pick<WindowTable, 'ictal' | 'subType'> &
  Partial<Pick<WindowTable, 'samplesPerWindow' | 'startTime' | 'seizureStart' | 'seizureEnd'>>;

/**
 * Maps windows to condition classes.
 * ictal: [non-ictal, ictal]. subtype: non-ictal plus one class per OSDB subtype of
 * ictal windows (a seizure's subtype says nothing about the calm before it).
 * phase: where the window lies in the course of its event (see {@link phaseOf}).
 * none: one class.
 */
export function assignClasses(windows: ConditioningColumns, condition: Condition): ClassAssignment {
  const n = windows.ictal.length;
  const nameOf =
    condition === 'phase'
      ? phaseNamer(windows)
      : (i: number): string => {
          if (condition === 'none') return 'all';
          if (!windows.ictal[i]) return NON_ICTAL;
          return condition === 'ictal' ? ICTAL : windows.subType[i] || UNSPECIFIED_SUBTYPE;
        };
  const names = new Set<string>();
  for (let i = 0; i < n; i++) names.add(nameOf(i));
  const fixed: readonly string[] =
    condition === 'ictal'
      ? [NON_ICTAL, ICTAL]
      : condition === 'none'
        ? ['all']
        : condition === 'phase'
          ? PHASES
          : [NON_ICTAL];
  const classNames = [...fixed, ...[...names].filter((name) => !fixed.includes(name)).sort()];
  const index = new Map(classNames.map((name, i) => [name, i]));
  const labels = new Int32Array(n);
  const counts = classNames.map(() => 0);
  for (let i = 0; i < n; i++) {
    const label = index.get(nameOf(i))!;
    labels[i] = label;
    counts[label]! += 1;
  }
  return { classNames, labels, counts };
}

function phaseNamer(windows: ConditioningColumns): (i: number) => Phase {
  const { startTime, seizureStart, seizureEnd, samplesPerWindow } = windows;
  if (!startTime || !seizureStart || !seizureEnd || !samplesPerWindow) {
    throw new AccelganError(
      'phase conditioning needs window times and seizure times; re-ingest the recordings with this version of accelgan',
    );
  }
  const halfWindowMs = (samplesPerWindow / SAMPLE_RATE_HZ) * 500;
  return (i) => phaseOf(startTime[i]! + halfWindowMs, windows.ictal[i] === 1, seizureStart[i]!, seizureEnd[i]!);
}

/**
 * The phase of a window whose midpoint is at `midpoint` (any time unit, the same as the
 * seizure's `start` and `end`; NaN where the event has no seizure or it is unknown):
 * - ictal windows: `ictal-early`, `ictal-mid` or `ictal-late` by the third of the seizure
 *   their midpoint falls in (`ictal-mid` when the seizure's times are unknown, e.g. a CSV
 *   label without seizureTimes: the middle is the least wrong guess);
 * - other windows: `post-ictal` when their midpoint is after the seizure's end, else
 *   `non-ictal` (before the seizure, in an event without one, or labelled non-ictal by the
 *   source although inside seizureTimes: the source's label wins, as it does for `ictal`).
 * Same rule as the ictal label (midpoint inside [start, end], ends included), so a window is
 * in an ictal phase exactly when it is ictal.
 */
export function phaseOf(midpoint: number, ictal: boolean, start: number, end: number): Phase {
  const known = Number.isFinite(start) && Number.isFinite(end);
  if (!ictal) return known && midpoint > end ? POST_ICTAL : NON_ICTAL;
  if (!known) return 'ictal-mid';
  const position = end > start ? (midpoint - start) / (end - start) : 0.5;
  return position < 1 / 3 ? 'ictal-early' : position < 2 / 3 ? 'ictal-mid' : 'ictal-late';
}

/** Whether a class of this condition is a seizure class (for the CSV `label` column and OSDB events). */
export function isIctalClass(className: string): boolean {
  return className !== NON_ICTAL && className !== POST_ICTAL && className !== 'all';
}

/** Resolves a user's `--label` (a class name, case-insensitive; "1"/"0" for ictal/non-ictal) to a class index. */
export function resolveLabel(label: string, classNames: readonly string[]): number {
  const wanted = label.trim().toLowerCase();
  const alias = wanted === '1' ? ICTAL : wanted === '0' || wanted === 'nonictal' ? NON_ICTAL : wanted;
  const index = classNames.findIndex((name) => name.toLowerCase() === alias);
  if (index < 0) {
    throw new AccelganError(`unknown label "${label}": this run knows ${classNames.map((c) => `"${c}"`).join(', ')}`);
  }
  return index;
}
