import { AccelganError, type WindowTable } from '@accelgan/data';

/** What the GAN is conditioned on. */
export type Condition = 'ictal' | 'subtype' | 'none';

export const NON_ICTAL = 'non-ictal';
export const ICTAL = 'ictal';
/** Subtype class name for ictal windows whose event has no subtype. */
export const UNSPECIFIED_SUBTYPE = 'unspecified';

export interface ClassAssignment {
  /** Class names, index = label. */
  readonly classNames: readonly string[];
  /** Label of every window. */
  readonly labels: Int32Array;
  /** Windows per class, same order as classNames. */
  readonly counts: readonly number[];
}

/**
 * Maps windows to condition classes.
 * ictal: [non-ictal, ictal]. subtype: non-ictal plus one class per OSDB subtype of
 * ictal windows (a seizure's subtype says nothing about the calm before it).
 * none: one class.
 */
export function assignClasses(windows: Pick<WindowTable, 'ictal' | 'subType'>, condition: Condition): ClassAssignment {
  const n = windows.ictal.length;
  const nameOf = (i: number): string => {
    if (condition === 'none') return 'all';
    if (!windows.ictal[i]) return NON_ICTAL;
    return condition === 'ictal' ? ICTAL : windows.subType[i] || UNSPECIFIED_SUBTYPE;
  };
  const names = new Set<string>();
  for (let i = 0; i < n; i++) names.add(nameOf(i));
  const fixed = condition === 'ictal' ? [NON_ICTAL, ICTAL] : condition === 'none' ? ['all'] : [NON_ICTAL];
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

/** Whether a class of this condition is a seizure class (for the CSV `label` column and OSDB events). */
export function isIctalClass(className: string): boolean {
  return className !== NON_ICTAL && className !== 'all';
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
