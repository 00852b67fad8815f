import { describe, expect, test } from 'vitest';
import { splitByKeys } from './windows.js';
import { makeRng } from './util/rng.js';

const keys = ['a', 'b', 'a', 'c', 'd', 'e', 'b', 'f', 'g', 'c', 'h'];

describe('splitByKeys', () => {
  test('is deterministic given the seed and holds out about the fraction of keys', () => {
    const a = splitByKeys(keys, 0.25, makeRng(3));
    const b = splitByKeys(keys, 0.25, makeRng(3));
    expect(a).toEqual(b);
    expect(new Set(a.second.map((i) => keys[i])).size).toBe(2);
  });
});
