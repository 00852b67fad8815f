import { describe, expect, test } from 'vitest';
import { scoreFromAccuracies } from './score.js';
import { groupKFold } from './folds.js';
import { makeRng } from '../util/rng.js';

describe('discriminative score from fold accuracies', () => {
  test('chance accuracy scores 0, perfect accuracy 0.5', () => {
    expect(scoreFromAccuracies([0.5, 0.5, 0.5]).score).toBe(0);
    const perfect = scoreFromAccuracies([1, 1, 1]);
    expect(perfect).toMatchObject({ score: 0.5, lo: 0.5, hi: 0.5 });
  });
  test('the score is max(0, ā − 0.5) below, at and above chance, its interval mapped the same way', () => {
    // Equal accuracies: the interval is the mean itself.
    const at = (a: number) => scoreFromAccuracies([a, a, a]);
    for (const a of [0, 0.3, 0.49]) expect(at(a)).toMatchObject({ score: 0, lo: 0, hi: 0 });
    expect(at(0.5)).toMatchObject({ score: 0, lo: 0, hi: 0 });
    for (const a of [0.51, 0.7, 1]) {
      expect(at(a).score).toBeCloseTo(a - 0.5, 12);
      expect(at(a).lo).toBeCloseTo(a - 0.5, 12);
      expect(at(a).hi).toBeCloseTo(a - 0.5, 12);
    }
  });
  test('an accuracy interval straddling 0.5 maps to a score interval starting at 0', () => {
    const r = scoreFromAccuracies([0.45, 0.55, 0.5, 0.52]);
    expect(r.score).toBeCloseTo(0.005, 12);
    expect(r.lo).toBe(0);
    expect(r.hi).toBeCloseTo(r.accuracy.hi - 0.5, 12);
    expect(r.hi).toBeGreaterThan(r.score);
  });
  test('accuracy below chance scores 0: a critic worse than chance on held-out folds has learnt nothing', () => {
    const below = scoreFromAccuracies([0.2, 0.22, 0.18, 0.2]);
    expect(below.accuracy.mean).toBeCloseTo(0.2, 12);
    expect(below.accuracy.hi).toBeLessThan(0.5);
    expect(below).toMatchObject({ score: 0, lo: 0, hi: 0 });
  });
  test('an interval reaching from below chance past it starts at 0 and ends at its upper end above chance', () => {
    const r = scoreFromAccuracies([0.3, 0.5, 0.4, 0.6]);
    expect(r.accuracy.mean).toBeLessThan(0.5);
    expect(r.score).toBe(0);
    expect(r.lo).toBe(0);
    expect(r.hi).toBeCloseTo(r.accuracy.hi - 0.5, 12);
    expect(r.hi).toBeGreaterThan(0);
  });
  test('an interval above 0.5 maps to [lo - 0.5, hi - 0.5] (clipped to 0.5)', () => {
    const r = scoreFromAccuracies([0.8, 0.82, 0.78, 0.8]);
    expect(r.score).toBeCloseTo(0.3, 12);
    expect(r.lo).toBeCloseTo(r.accuracy.lo - 0.5, 12);
    expect(r.hi).toBeCloseTo(r.accuracy.hi - 0.5, 12);
  });
});

describe('group k-fold', () => {
  test('keeps every group in one fold and balances the folds', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `e${i % 30}`);
    const folds = groupKFold(groups, 3, makeRng(1));
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) expect(folds[i]).toBe(foldOf.get(g));
      foldOf.set(g, folds[i] as number);
    });
    const sizes = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(10);
  });
  test('is deterministic given the seed', () => {
    const groups = Array.from({ length: 50 }, (_, i) => `e${i % 17}`);
    expect([...groupKFold(groups, 5, makeRng(7))]).toEqual([...groupKFold(groups, 5, makeRng(7))]);
  });
  test('puts a group in the same fold whatever the order of the items', () => {
    const groups = Array.from({ length: 50 }, (_, i) => `e${i % 17}`);
    const foldOfGroup = (items: string[]) => {
      const folds = groupKFold(items, 5, makeRng(7));
      return Object.fromEntries(items.map((g, i) => [g, folds[i]]));
    };
    expect(foldOfGroup([...groups].reverse())).toEqual(foldOfGroup(groups));
  });
});
