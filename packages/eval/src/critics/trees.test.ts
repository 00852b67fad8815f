import { describe, expect, test } from 'vitest';
import { fitLogistic } from './logistic.js';
import { applyBinning, fitBinning, fitTrees } from './trees.js';
import { makeRng } from '../util/rng.js';
import type { FeatureMatrix } from '../metrics/features.js';

/** Rows of `cols` uniform features; class 1 where the first two agree in sign (an interaction no linear model sees). */
function xorData(n: number, cols: number, seed: number): { x: FeatureMatrix; y: Uint8Array } {
  const rand = makeRng(seed);
  const data = new Float64Array(n * cols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = rand() * 2 - 1;
    y[i] = (data[i * cols] as number) * (data[i * cols + 1] as number) > 0 ? 1 : 0;
  }
  return { x: { rows: n, cols, data }, y };
}

const accuracy = (logits: Float64Array, y: Uint8Array) =>
  logits.reduce((t, z, i) => t + ((z > 0 ? 1 : 0) === y[i] ? 1 : 0), 0) / y.length;

describe('gradient-boosted trees', () => {
  test('learn an interaction a linear model cannot, and credit the features that carry it', () => {
    const train = xorData(1200, 10, 1);
    const test = xorData(400, 10, 2);
    const model = fitTrees(train.x, train.y, undefined);
    expect(accuracy(model.predictLogit(test.x), test.y)).toBeGreaterThan(0.9);
    const linear = fitLogistic(train.x, train.y, undefined, { quadratic: false });
    expect(accuracy(Float64Array.from(linear.predictLogit(test.x)), test.y)).toBeLessThan(0.6);
    const total = model.gain.reduce((a, b) => a + b, 0);
    expect(((model.gain[0] as number) + (model.gain[1] as number)) / total).toBeGreaterThan(0.8);
  });

  test('are deterministic: the same rows give the same model', () => {
    const { x, y } = xorData(500, 6, 3);
    const a = fitTrees(x, y, undefined).predictLogit(x);
    const b = fitTrees(x, y, undefined).predictLogit(x);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test('weight rows: a side weighted up pulls the predictions its way', () => {
    const rand = makeRng(4);
    const n = 400;
    const data = Float64Array.from({ length: n }, () => rand());
    const y = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const x = { rows: n, cols: 1, data };
    const heavyOnes = Float64Array.from(y, (v) => (v ? 9 : 1));
    const logits = fitTrees(x, y, heavyOnes, { iterations: 20 }).predictLogit(x);
    expect(logits.filter((z) => z > 0).length / n).toBeGreaterThan(0.8);
  });

  test('bin by midpoints between few distinct values, by quantiles beyond maxBins; value <= threshold goes left', () => {
    const few = { rows: 6, cols: 1, data: Float64Array.from([3, 1, 2, 2, 1, 3]) };
    const binning = fitBinning(few, 64);
    expect(Array.from(binning.thresholds[0] as Float64Array)).toEqual([1.5, 2.5]);
    expect(Array.from(applyBinning({ rows: 4, cols: 1, data: Float64Array.from([1, 1.5, 2.6, 9]) }, binning))).toEqual([
      0, 0, 2, 2,
    ]);
    const many = { rows: 1000, cols: 1, data: Float64Array.from({ length: 1000 }, (_, i) => i) };
    const edges = fitBinning(many, 4).thresholds[0] as Float64Array;
    expect(Array.from(edges)).toEqual([249.5, 499.5, 749.5]);
  });
});
