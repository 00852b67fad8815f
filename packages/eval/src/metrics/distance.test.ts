import { describe, expect, test } from 'vitest';
import { auroc, ksStatistic, wasserstein1 } from './distance.js';

describe('Wasserstein-1', () => {
  test('identical samples are at distance 0', () => {
    expect(wasserstein1([3, 1, 2, 5], [5, 2, 1, 3])).toBe(0);
  });
  test('a shifted constant is at distance = shift', () => {
    expect(wasserstein1([1000, 1000, 1000], [1007, 1007])).toBeCloseTo(7, 12);
  });
  test('a shifted sample is at distance = shift', () => {
    const a = [0, 1, 4, 9, 16];
    expect(
      wasserstein1(
        a,
        a.map((v) => v + 2.5),
      ),
    ).toBeCloseTo(2.5, 12);
  });
  test('matches a hand-computed value with unequal sizes', () => {
    // F_a jumps 1/2 at 0 and 1; F_b jumps 1 at 1: ∫|F_a - F_b| = 0.5 over [0, 1].
    expect(wasserstein1([0, 1], [1])).toBeCloseTo(0.5, 12);
  });
  test('an empty side gives NaN', () => {
    expect(wasserstein1([], [1])).toBeNaN();
  });
});

describe('Kolmogorov–Smirnov statistic', () => {
  test('0 for identical samples, 1 for disjoint ones', () => {
    expect(ksStatistic([1, 2, 3], [3, 2, 1])).toBe(0);
    expect(ksStatistic([1, 2, 3], [10, 11])).toBe(1);
  });
  test('ties are handled: half the mass apart', () => {
    expect(ksStatistic([0, 1], [1, 1])).toBeCloseTo(0.5, 12);
  });
});

describe('AUROC', () => {
  test('a perfect ranking gives 1, a reversed one 0, constant scores 0.5', () => {
    const labels = [0, 0, 0, 1, 1];
    expect(auroc([0.1, 0.2, 0.3, 0.8, 0.9], labels)).toBe(1);
    expect(auroc([0.9, 0.8, 0.7, 0.2, 0.1], labels)).toBe(0);
    expect(auroc([1, 1, 1, 1, 1], labels)).toBe(0.5);
  });
  test('one pair out of order in 2×2', () => {
    expect(auroc([0.1, 0.6, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.75);
  });
  test('NaN without both classes', () => {
    expect(auroc([1, 2], [1, 1])).toBeNaN();
  });
});
