import { describe, expect, test } from 'vitest';
import { fitLogistic } from './logistic.js';
import { auroc } from '../metrics/distance.js';
import { makeRng, normal } from '../util/rng.js';
import type { FeatureMatrix } from '../metrics/features.js';

function matrix(rows: number[][]): FeatureMatrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

describe('regularised logistic regression', () => {
  test('separates linearly separable classes', () => {
    const rand = makeRng(1);
    const rows = Array.from({ length: 200 }, (_, i) => [(i < 100 ? -2 : 2) + normal(rand) * 0.3, normal(rand)]);
    const y = rows.map((_, i) => (i < 100 ? 0 : 1));
    const logits = fitLogistic(matrix(rows), y).predictLogit(matrix(rows));
    expect(logits.filter((z, i) => (z > 0 ? 1 : 0) === y[i]).length).toBe(200);
  });
  test('the squared features catch classes that differ only in spread; a linear model cannot', () => {
    const rand = makeRng(2);
    const rows = Array.from({ length: 400 }, (_, i) => [normal(rand) * (i < 200 ? 1 : 3)]);
    const y = rows.map((_, i) => (i < 200 ? 0 : 1));
    const quadratic = auroc(fitLogistic(matrix(rows), y).predictLogit(matrix(rows)), y);
    const linear = auroc(fitLogistic(matrix(rows), y, undefined, { quadratic: false }).predictLogit(matrix(rows)), y);
    expect(quadratic).toBeGreaterThan(0.7); // the Bayes-optimal |x| threshold gives about 0.79
    expect(Math.abs(linear - 0.5)).toBeLessThan(0.1);
  });
  test('weights balance unequal classes', () => {
    const rand = makeRng(3);
    const rows = Array.from({ length: 300 }, (_, i) => [normal(rand) + (i < 250 ? 0 : 1)]);
    const y = rows.map((_, i) => (i < 250 ? 0 : 1));
    const w = y.map((c) => (c ? 300 / (2 * 50) : 300 / (2 * 250)));
    const logits = fitLogistic(matrix(rows), y, w, { quadratic: false }).predictLogit(matrix([[0.5]]));
    expect(Math.abs(logits[0] as number)).toBeLessThan(0.3); // the midpoint is the boundary
  });
});
