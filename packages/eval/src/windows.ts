import { AccelganError } from '@accelgan/data';
import type { ClassName, WindowSet } from './types.js';
import { makeRng, shuffleInPlace, subSeed } from './util/rng.js';

/** Number of windows in a set. */
export function countWindows(set: WindowSet): number {
  return set.samplesPerWindow > 0 ? Math.floor(set.values.length / set.samplesPerWindow) : 0;
}

/** A WindowSet from plain rows (milli-g), with optional labels and event ids. */
export function windowsFromRows(
  rows: readonly ArrayLike<number>[],
  options: { ictal?: ArrayLike<number>; eventId?: readonly string[] } = {},
): WindowSet {
  const first = rows[0];
  if (!first) throw new AccelganError('no windows given');
  const l = first.length;
  const values = new Float32Array(rows.length * l);
  rows.forEach((row, i) => {
    if (row.length !== l) throw new AccelganError(`window ${i} has ${row.length} samples, expected ${l}`);
    values.set(row, i * l);
  });
  return {
    samplesPerWindow: l,
    values,
    ictal: options.ictal ? Uint8Array.from(options.ictal as ArrayLike<number>) : undefined,
    eventId: options.eventId,
  };
}

/** The windows at `indices`, in that order, with their labels and event ids. */
export function subsetWindows(set: WindowSet, indices: ArrayLike<number>): WindowSet {
  const l = set.samplesPerWindow;
  const values = new Float32Array(indices.length * l);
  const ictal = set.ictal ? new Uint8Array(indices.length) : undefined;
  const eventId = set.eventId ? new Array<string>(indices.length) : undefined;
  const groupId = set.groupId ? new Array<string>(indices.length) : undefined;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    values.set(set.values.subarray(i * l, (i + 1) * l), k * l);
    if (ictal && set.ictal) ictal[k] = set.ictal[i] as number;
    if (eventId && set.eventId) eventId[k] = set.eventId[i] ?? '';
    if (groupId && set.groupId) groupId[k] = set.groupId[i] ?? '';
  }
  return { samplesPerWindow: l, values, ictal, eventId, ...(groupId ? { groupId } : {}) };
}

/** Concatenates sets of equal window length; labels/event ids are kept only if every set has them. */
export function concatWindows(sets: readonly WindowSet[]): WindowSet {
  const first = sets[0];
  if (!first) throw new AccelganError('no windows given');
  const l = first.samplesPerWindow;
  for (const s of sets)
    if (s.samplesPerWindow !== l)
      throw new AccelganError(`window lengths differ: ${l} and ${s.samplesPerWindow} samples`);
  const total = sets.reduce((n, s) => n + countWindows(s), 0);
  const values = new Float32Array(total * l);
  let offset = 0;
  for (const s of sets) {
    values.set(s.values.subarray(0, countWindows(s) * l), offset);
    offset += countWindows(s) * l;
  }
  const ictal = sets.every((s) => s.ictal) ? new Uint8Array(total) : undefined;
  const eventId = sets.every((s) => s.eventId) ? ([] as string[]) : undefined;
  const groupId = sets.every((s) => s.groupId) ? ([] as string[]) : undefined;
  let row = 0;
  for (const s of sets) {
    const n = countWindows(s);
    if (ictal && s.ictal) ictal.set(s.ictal.subarray(0, n), row);
    if (eventId && s.eventId) for (let i = 0; i < n; i++) eventId.push(s.eventId[i] ?? '');
    if (groupId && s.groupId) for (let i = 0; i < n; i++) groupId.push(s.groupId[i] ?? '');
    row += n;
  }
  return { samplesPerWindow: l, values, ictal, eventId, ...(groupId ? { groupId } : {}) };
}

/** Indices of the windows of a class ('all' = every window); none for a labelled class in an unlabelled set. */
export function classIndices(set: WindowSet, cls: ClassName): number[] {
  const n = countWindows(set);
  if (cls === 'all') return Array.from({ length: n }, (_, i) => i);
  if (!set.ictal) return [];
  const want = cls === 'ictal' ? 1 : 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if ((set.ictal[i] ? 1 : 0) === want) out.push(i);
  return out;
}

/**
 * The classes to report for a pair of sets: 'all' always, then 'ictal' and 'nonIctal'
 * where both sets are labelled and each has at least `minPerClass` windows of the class.
 */
export function sharedClasses(a: WindowSet, b: WindowSet, minPerClass = 1): ClassName[] {
  const out: ClassName[] = ['all'];
  if (!a.ictal || !b.ictal) return out;
  for (const cls of ['ictal', 'nonIctal'] as const) {
    if (classIndices(a, cls).length >= minPerClass && classIndices(b, cls).length >= minPerClass) out.push(cls);
  }
  return out;
}

/** Group key of each window for event-wise splitting: its event id, or a unique key where it has none. */
export function groupKeys(set: WindowSet): string[] {
  const n = countWindows(set);
  const keys = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const id = set.eventId?.[i];
    keys[i] = id ? `e:${id}` : `w:${i}`;
  }
  return keys;
}

/**
 * Recording key of each window: its recording group where the set has one, else its event
 * (groupKeys). Splits that must not put shared datapoints on both sides split on these.
 */
export function recordingKeys(set: WindowSet): string[] {
  const events = groupKeys(set);
  return events.map((key, i) => (set.groupId?.[i] ? `g:${set.groupId[i]}` : key));
}

/** Throws unless both sets have windows of the same length. */
export function assertComparable(a: WindowSet, b: WindowSet, what = 'real and synthetic windows'): void {
  if (countWindows(a) === 0 || countWindows(b) === 0) throw new AccelganError(`${what}: a set has no windows`);
  if (a.samplesPerWindow !== b.samplesPerWindow) {
    throw new AccelganError(`${what} differ in length: ${a.samplesPerWindow} and ${b.samplesPerWindow} samples`);
  }
}

/**
 * Splits a set by event into two parts with about `fraction` of the events (hence
 * windows) in the second; deterministic given the seed. Used when no training set is known.
 */
export function splitByEvent(
  set: WindowSet,
  fraction: number,
  rand: () => number,
): { first: number[]; second: number[] } {
  return splitByKeys(groupKeys(set), fraction, rand);
}

/**
 * `splits` seeded splits of the keys, each as splitByKeys makes it, from the seed stream
 * `${stream}/${index}`: the re-splits over which a real-vs-real spread is measured.
 */
export function reSplits(
  keys: readonly string[],
  fraction: number,
  options: { readonly splits: number; readonly seed: number; readonly stream: string },
): { first: number[]; second: number[] }[] {
  return Array.from({ length: options.splits }, (_, s) =>
    splitByKeys(keys, fraction, makeRng(subSeed(options.seed, `${options.stream}/${s}`))),
  );
}

/** Splits windows by key (all windows of a key on one side) with about `fraction` of the keys in the second part. */
export function splitByKeys(
  keys: readonly string[],
  fraction: number,
  rand: () => number,
): { first: number[]; second: number[] } {
  const unique = shuffleInPlace([...new Set(keys)].sort(), rand);
  const nSecond = Math.max(1, Math.min(unique.length - 1, Math.round(unique.length * fraction)));
  const second = new Set(unique.slice(0, nSecond));
  const first: number[] = [];
  const secondIdx: number[] = [];
  keys.forEach((k, i) => (second.has(k) ? secondIdx : first).push(i));
  return { first, second: secondIdx };
}
