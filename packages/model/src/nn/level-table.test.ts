import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useBackend } from '../test-helpers.js';
import { LEVEL_TABLE_ROWS, LevelTable } from './level-table.js';
import { VariableStore } from './variable-store.js';

/** Three orthonormal directions of a 16-dimensional latent: its first three axes. */
const directions = () => tf.tensor2d(Array.from({ length: 16 * 3 }, (_, i) => (Math.floor(i / 3) === i % 3 ? 1 : 0)), [16, 3]);

/** Flat windows [N, 8, 1] of the given levels and stds (alternating ±std, so mean and std are exact). */
function windowsOf(levels: number[], stds: number[]): tf.Tensor3D {
  return tf.tensor3d(
    levels.flatMap((level, i) => Array.from({ length: 8 }, (_, t) => level + (t % 2 ? 1 : -1) * stds[i]!)),
    [levels.length, 8, 1],
  );
}

describe('LevelTable', () => {
  beforeAll(() => useBackend('wasm'));

  it("fills each class's rows from its own windows, a class without any from all of them", () => {
    const store = new VariableStore('g', 1);
    const table = new LevelTable(store, 'levels', 3, directions(), 1);
    const levels = [0, 0.1, 0.2, 5, 5.1];
    const windows = windowsOf(levels, [1, 1, 1, 0.5, 0.5]);
    const labels = tf.tensor1d([0, 0, 0, 1, 1], 'int32');
    table.fit(windows, labels);
    expect(Array.from(table.rows.dataSync())).toEqual([3, 2, 5]);
    const rows = table.table.arraySync();
    const levelsOf = (c: number, n: number) => rows.slice(c * LEVEL_TABLE_ROWS, c * LEVEL_TABLE_ROWS + n).map((r) => r[0]!);
    expect(levelsOf(0, 3).sort((a, b) => a - b)).toEqual([0, 0.1, 0.2].map((x) => expect.closeTo(x, 5)));
    expect(levelsOf(1, 2).sort((a, b) => a - b)).toEqual([5, 5.1].map((x) => expect.closeTo(x, 5)));
    expect(levelsOf(2, 5).length).toBe(5);
    // Log std as standardiseWindows defines it: ½·log(variance + 1e-6).
    expect(rows[LEVEL_TABLE_ROWS]![1]).toBeCloseTo(Math.log(0.5), 4);
    tf.dispose([windows, labels]);
    store.dispose();
  });

  it('draws rows uniformly through Φ(z · a), each with the Gaussian kernel, without leaking tensors', () => {
    const store = new VariableStore('g', 2);
    const table = new LevelTable(store, 'levels', 1, directions(), 2);
    // Three windows at level 0 and seven at 100: a 30/70 mixture once drawn.
    const levels = [0, 100, 100, 0, 100, 100, 100, 0, 100, 100];
    const windows = windowsOf(levels, levels.map(() => 1));
    const labels = tf.zeros([10], 'int32') as tf.Tensor1D;
    table.fit(windows, labels);
    const n = 5000;
    const z = tf.randomNormal([n, 16], 0, 1, 'float32', 3) as tf.Tensor2D;
    const drawLabels = tf.zeros([n], 'int32') as tf.Tensor1D;
    let drawn: Float32Array = new Float32Array(0);
    expectNoLeak(() => {
      const { level, logStd } = table.draw(z, drawLabels);
      drawn = level.dataSync() as Float32Array;
      tf.dispose([level, logStd]);
    });
    const low = Array.from(drawn).filter((x) => x < 50);
    expect(Math.abs(low.length / n - 0.3)).toBeLessThan(0.02);
    // Kernel std: ½ · 10^(-1/6) · min(std, IQR / 1.349) of the levels = ½ · 0.681 · 48.3 ≈ 16.4.
    const spread = Math.sqrt(low.reduce((sum, x) => sum + x * x, 0) / low.length);
    expect(spread).toBeGreaterThan(16.4 * 0.9);
    expect(spread).toBeLessThan(16.4 * 1.1);
    tf.dispose([windows, labels, z, drawLabels]);
    store.dispose();
  });

  it('orders rows so that neighbours are alike: a slowly drifting latent keeps its level', () => {
    const store = new VariableStore('g', 4);
    const table = new LevelTable(store, 'levels', 1, directions(), 4);
    // 400 windows: four users' levels, each with stds from still to convulsing.
    const levels = Array.from({ length: 400 }, (_, i) => [-1.5, -0.5, 0.5, 1.5][i % 4]! + 0.01 * Math.sin(i));
    const stds = Array.from({ length: 400 }, (_, i) => Math.exp(-3 + (3 * ((i * 37) % 100)) / 100));
    const windows = windowsOf(levels, stds);
    const labels = tf.zeros([400], 'int32') as tf.Tensor1D;
    table.fit(windows, labels);
    const rows = table.table.arraySync().slice(0, 400);
    const meanStep = (k: number) => rows.slice(1).reduce((sum, r, i) => sum + Math.abs(r[k]! - rows[i]![k]!), 0) / 399;
    // In random order neighbouring rows would differ by about 1.25 in level and 1 in log std.
    expect(meanStep(0)).toBeLessThan(0.05);
    expect(meanStep(1)).toBeLessThan(0.25);
    tf.dispose([windows, labels]);
    store.dispose();
  });
});
