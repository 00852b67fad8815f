import { describe, expect, test } from 'vitest';
import { compareProfiles, DISTANCE_NAMES } from './compare.js';
import { profileSet } from './profile.js';
import { toyRecordings } from '../test-helpers.js';

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * docs/metrics.md's MMD² written out plainly: the unbiased estimator with the RBF kernel
 * exp(−|x − y|² / (2σ²)) over every window of two sets of `length`-sample windows.
 */
function referenceMmd2(x: ArrayLike<number>, y: ArrayLike<number>, length: number, sigma: number): number {
  const k = (p: ArrayLike<number>, i: number, q: ArrayLike<number>, j: number): number => {
    let d = 0;
    for (let t = 0; t < length; t++) d += (p[i * length + t]! - q[j * length + t]!) ** 2;
    return Math.exp(-d / (2 * sigma * sigma));
  };
  const within = (p: ArrayLike<number>): number => {
    const n = p.length / length;
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += k(p, i, p, j);
    return sum / (n * (n - 1));
  };
  const [m, n] = [x.length / length, y.length / length];
  let across = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) across += k(x, i, y, j);
  return within(x) + within(y) - (2 * across) / (m * n);
}

describe('distribution distances', () => {
  const set = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 1 });
  const p = profileSet(set);

  test("a set against itself: every distance is 0 but MMD², which is the unbiased estimator's small negative value", () => {
    const d = compareProfiles(p, all(72), p, all(72), { sigma: 500, seed: 1 });
    for (const name of DISTANCE_NAMES) if (name !== 'mmd2') expect(d[name]).toBe(0);
    // For two copies of one set of m windows the estimator is 2(k̄ − 1)/m, k̄ the mean kernel
    // value over pairs of distinct windows: in [−2/m, 0), and fixed by σ.
    expect(d.mmd2).toBeLessThan(0);
    expect(d.mmd2).toBeGreaterThanOrEqual(-2 / 72);
    expect(d.mmd2).toBeCloseTo(referenceMmd2(set.values, set.values, 125, 500), 10);
  });

  test('MMD²: near 0 for two samples of one process, clearly positive for a shifted one, and the estimator at the σ given', () => {
    const other = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 2 });
    const shifted = { ...set, values: set.values.map((v) => v + 100) };
    const sigma = 500;
    const same = compareProfiles(p, all(72), profileSet(other), all(72), { sigma, seed: 1 }).mmd2;
    const apart = compareProfiles(p, all(72), profileSet(shifted), all(72), { sigma, seed: 1 }).mmd2;
    expect(Math.abs(same)).toBeLessThan(0.02);
    expect(apart).toBeGreaterThan(0.1);
    expect(apart).toBeGreaterThan(10 * Math.abs(same));
    // Both are the estimator at σ = 500 (at twice or half that σ they would differ in the second decimal).
    expect(same).toBeCloseTo(referenceMmd2(set.values, other.values, 125, sigma), 10);
    expect(apart).toBeCloseTo(referenceMmd2(set.values, shifted.values, 125, sigma), 10);
  });

  test('a constant shift moves only the level: value W1 = shift, shape distances 0', () => {
    const shifted = profileSet({ ...set, values: set.values.map((v) => v + 25) });
    const d = compareProfiles(p, all(72), shifted, all(72), { sigma: 500, seed: 1 });
    expect(d.valuesW1).toBeCloseTo(25, 3);
    expect(d.stdW1).toBeLessThan(1e-3);
    expect(d.psdDb).toBeLessThan(1e-3);
    expect(d.acfDistance).toBeLessThan(1e-6);
    expect(d.osdRatioW1).toBeLessThan(1e-6);
    expect(d.alarmRateDiff).toBe(0);
  });
});
