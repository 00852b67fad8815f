import { describe, expect, test } from 'vitest';
import { foldsByKey, splitByKeys } from './windows.js';
import { makeRng } from './util/rng.js';

const keys = ['a', 'b', 'a', 'c', 'd', 'e', 'b', 'f', 'g', 'c', 'h'];

describe('foldsByKey', () => {
  test('every window is held out exactly once, with all windows of its key', () => {
    const folds = foldsByKey(keys, 3, makeRng(1));
    expect(folds).toHaveLength(3);
    const heldOut = folds.flatMap((f) => f.second).sort((a, b) => a - b);
    expect(heldOut).toEqual(keys.map((_, i) => i));
    for (const { first, second } of folds) {
      expect([...first, ...second].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
      const held = new Set(second.map((i) => keys[i]));
      expect(first.some((i) => held.has(keys[i]!))).toBe(false);
    }
    // 8 keys dealt into 3 folds: 3, 3 and 2 keys.
    expect(folds.map((f) => new Set(f.second.map((i) => keys[i])).size).sort()).toEqual([2, 3, 3]);
  });
  test('deterministic given the seed, and independent of the order of the windows', () => {
    const heldKeys = (ks: string[], seed: number) => foldsByKey(ks, 4, makeRng(seed)).map((f) => [...new Set(f.second.map((i) => ks[i]))].sort());
    expect(heldKeys(keys, 5)).toEqual(heldKeys(keys, 5));
    expect(heldKeys([...keys].reverse(), 5)).toEqual(heldKeys(keys, 5));
    expect(heldKeys(keys, 6)).not.toEqual(heldKeys(keys, 5));
  });
  test('fewer keys than folds: one fold per key, each key held out once', () => {
    const few = ['x', 'y', 'x'];
    const folds = foldsByKey(few, 5, makeRng(1));
    expect(folds).toHaveLength(2);
    expect(folds.map((f) => [...new Set(f.second.map((i) => few[i]))]).sort()).toEqual([['x'], ['y']]);
  });
});

describe('splitByKeys', () => {
  test('is deterministic given the seed and holds out about the fraction of keys', () => {
    const a = splitByKeys(keys, 0.25, makeRng(3));
    const b = splitByKeys(keys, 0.25, makeRng(3));
    expect(a).toEqual(b);
    expect(new Set(a.second.map((i) => keys[i])).size).toBe(2);
  });
});
