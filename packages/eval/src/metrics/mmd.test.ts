import { describe, expect, test } from 'vitest';
import { medianHeuristicSigma, mmdSquared } from './mmd.js';
import { noiseWindows } from '../test-helpers.js';

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('MMD² (RBF, unbiased)', () => {
  test('two samples of one distribution give about 0; a shifted distribution gives clearly more', () => {
    const a = noiseWindows(150, { seed: 1 });
    const b = noiseWindows(150, { seed: 2 });
    const shifted = noiseWindows(150, { seed: 3, mean: 1030 });
    const sigma = medianHeuristicSigma(a);
    const same = mmdSquared(a, all(150), b, all(150), sigma);
    const apart = mmdSquared(a, all(150), shifted, all(150), sigma);
    expect(Math.abs(same)).toBeLessThan(0.01);
    expect(apart).toBeGreaterThan(0.05);
  });
  test('the median heuristic gives the median pairwise distance', () => {
    // Three windows of length 1 at 0, 3 and 4: distances 3, 4, 1 → median 3.
    const set = { samplesPerWindow: 1, values: Float32Array.from([0, 3, 4]) };
    expect(medianHeuristicSigma(set)).toBeCloseTo(3, 12);
  });
});
