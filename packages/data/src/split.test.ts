import { describe, expect, it } from 'vitest';
import { isAccelganError } from './errors.js';
import { splitEvents } from './split.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `event-${i}`);

describe('splitEvents', () => {
  it('puts every event on exactly one side', () => {
    const { train, val } = splitEvents(ids(50), { valFraction: 0.2, seed: 3 });
    expect(new Set([...train, ...val]).size).toBe(50);
    expect(train.filter((id) => val.includes(id))).toEqual([]);
  });

  it('respects the fraction (of events) and is reproducible for a seed', () => {
    const a = splitEvents(ids(50), { valFraction: 0.2, seed: 3 });
    expect(a.val).toHaveLength(10);
    expect(splitEvents(ids(50), { valFraction: 0.2, seed: 3 })).toEqual(a);
    expect(splitEvents(ids(50).reverse(), { valFraction: 0.2, seed: 3 })).toEqual(a);
    expect(splitEvents(ids(50), { valFraction: 0.2, seed: 4 }).val).not.toEqual(a.val);
  });

  it('ignores repeated ids (one id per window)', () => {
    const { train, val } = splitEvents(['a', 'a', 'b', 'b', 'b', 'c'], { valFraction: 0.34, seed: 1 });
    expect(train.length + val.length).toBe(3);
  });

  it('gives each side at least one event when there are two or more', () => {
    expect(splitEvents(['a', 'b'], { valFraction: 0.01, seed: 1 }).val).toHaveLength(1);
    expect(splitEvents(['a', 'b'], { valFraction: 0.99, seed: 1 }).train).toHaveLength(1);
    expect(splitEvents(['a', 'b', 'c'], { valFraction: 0.9, seed: 1 }).train).toHaveLength(1);
  });

  it('puts a single event, and everything at fraction 0, in train', () => {
    expect(splitEvents(['a'], { valFraction: 0.5, seed: 1 })).toEqual({ train: ['a'], val: [] });
    expect(splitEvents(ids(5), { valFraction: 0, seed: 1 }).val).toEqual([]);
  });

  it('refuses fractions outside [0, 1)', () => {
    for (const valFraction of [-0.1, 1, 2, Number.NaN]) {
      let error: unknown;
      try {
        splitEvents(ids(3), { valFraction, seed: 1 });
      } catch (e) {
        error = e;
      }
      expect(isAccelganError(error), String(valFraction)).toBe(true);
    }
  });
});
