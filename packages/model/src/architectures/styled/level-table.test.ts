import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useBackend } from '../../test-helpers.js';
import {
  BANDWIDTH_FACTORS,
  FALLBACK_BANDWIDTH_FACTOR,
  LEVEL_TABLE_ROWS,
  LevelTable,
  chooseBandwidthFactor,
} from './level-table.js';
import { VariableStore } from '../../nn/variable-store.js';
import { seizureBandPlan, seizureBandShare } from '../../ops/seizure-band.js';

/** Three orthonormal directions of a 16-dimensional latent: its first three axes. */
const directions = () =>
  tf.tensor2d(
    Array.from({ length: 16 * 3 }, (_, i) => (Math.floor(i / 3) === i % 3 ? 1 : 0)),
    [16, 3],
  );

/**
 * A seizure-band plan for windows of `length` samples, kept in `store` (disposed with it).
 * Eight samples resolve OSD's bands only at 16 Hz or more; these tests of the level and
 * scale do not read the share.
 */
function bandPlan(store: VariableStore, length: number, sampleRateHz = length === 8 ? 16 : 25) {
  const plan = seizureBandPlan(length, sampleRateHz);
  store.constant(plan.dft);
  store.constant(plan.seizureBins);
  return plan;
}

/** table.draw(z, labels) read back to arrays, checking that drawing leaks no tensors. */
function drawValues(
  table: LevelTable,
  z: tf.Tensor2D,
  labels: tf.Tensor1D,
): { level: Float32Array; logStd: Float32Array; seizureShare: Float32Array } {
  let values = { level: new Float32Array(0), logStd: new Float32Array(0), seizureShare: new Float32Array(0) };
  expectNoLeak(() => {
    const drawn = table.draw(z, labels);
    values = {
      level: drawn.level.dataSync() as Float32Array,
      logStd: drawn.logStd.dataSync() as Float32Array,
      seizureShare: drawn.seizureShare.dataSync() as Float32Array,
    };
    tf.dispose([drawn.level, drawn.logStd, drawn.seizureShare]);
  });
  return values;
}

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
    const table = new LevelTable(store, 'levels', 3, directions(), 1, bandPlan(store, 8));
    const levels = [0, 0.1, 0.2, 5, 5.1];
    const windows = windowsOf(levels, [1, 1, 1, 0.5, 0.5]);
    const labels = tf.tensor1d([0, 0, 0, 1, 1], 'int32');
    table.fit(windows, labels);
    expect(Array.from(table.rows.dataSync())).toEqual([3, 2, 5]);
    const rows = table.table.arraySync();
    const levelsOf = (c: number, n: number) =>
      rows.slice(c * LEVEL_TABLE_ROWS, c * LEVEL_TABLE_ROWS + n).map((r) => r[0]!);
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
    const table = new LevelTable(store, 'levels', 1, directions(), 2, bandPlan(store, 8));
    // Three windows at level 0 and seven at 100: a 30/70 mixture once drawn.
    const levels = [0, 100, 100, 0, 100, 100, 100, 0, 100, 100];
    const windows = windowsOf(
      levels,
      levels.map(() => 1),
    );
    const labels = tf.zeros([10], 'int32') as tf.Tensor1D;
    table.fit(windows, labels);
    const n = 5000;
    const z = tf.randomNormal([n, 16], 0, 1, 'float32', 3) as tf.Tensor2D;
    const drawLabels = tf.zeros([n], 'int32') as tf.Tensor1D;
    const drawn = drawValues(table, z, drawLabels).level;
    const low = Array.from(drawn).filter((x) => x < 50);
    expect(Math.abs(low.length / n - 0.3)).toBeLessThan(0.02);
    // Kernel std: ½ · 10^(-1/6) · min(std, IQR / 1.349) of the levels = ½ · 0.681 · 48.3 ≈ 16.4.
    const spread = Math.sqrt(low.reduce((sum, x) => sum + x * x, 0) / low.length);
    expect(spread).toBeGreaterThan(16.4 * 0.9);
    expect(spread).toBeLessThan(16.4 * 1.1);
    tf.dispose([windows, labels, z, drawLabels]);
    store.dispose();
  });

  it("marks each row with its window's grid flag, and each draw with its row's", () => {
    const store = new VariableStore('g', 2);
    const table = new LevelTable(store, 'levels', 2, directions(), 2, bandPlan(store, 8));
    // Class 0: the windows at level 0 are on the grid, those at 100 are not; class 1: all on it.
    const levels = [0, 100, 100, 0, 100, 5, 6, 7];
    const windows = windowsOf(
      levels,
      levels.map(() => 1),
    );
    const labels = tf.tensor1d([0, 0, 0, 0, 0, 1, 1, 1], 'int32');
    table.fit(windows, labels, undefined, Uint8Array.of(1, 0, 0, 1, 0, 1, 1, 1));
    // Every row of each class, drawn without jitter (z along the index direction only).
    const rowsOf = [5, 3];
    const picks = rowsOf.flatMap((filled, c) => Array.from({ length: filled }, (_, r) => [c, r] as const));
    const z = tf.tensor2d(
      picks.flatMap(([c, r]) => [LevelTable.indexLatent(r, rowsOf[c]!), ...new Array(15).fill(0)]),
      [picks.length, 16],
    );
    const drawLabels = tf.tensor1d(
      picks.map(([c]) => c),
      'int32',
    );
    const level = drawValues(table, z, drawLabels).level;
    let flags = new Float32Array(0);
    expectNoLeak(() => {
      const drawn = table.drawnOnGrid(z, drawLabels);
      flags = drawn.dataSync() as Float32Array;
      drawn.dispose();
    });
    expect(Array.from(flags)).toEqual(picks.map(([c], i) => (c === 1 || level[i]! < 50 ? 1 : 0)));
    expect(Array.from(flags).filter((_, i) => picks[i]![0] === 0)).toContain(0);
    expect(Array.from(flags).filter((_, i) => picks[i]![0] === 0)).toContain(1);
    // Without flags, no row is on the grid.
    table.fit(windows, labels);
    const none = table.drawnOnGrid(z, drawLabels);
    expect(Array.from(none.dataSync()).every((v) => v === 0)).toBe(true);
    tf.dispose([windows, labels, z, drawLabels, none]);
    store.dispose();
  });

  it("keeps every draw within its class's range of centres, reflecting the kernel's tails", () => {
    const store = new VariableStore('g', 6);
    const table = new LevelTable(store, 'levels', 2, directions(), 6, bandPlan(store, 8));
    // Class 0: levels 0–1 (stds e^-1..e^0); class 1: levels 10–30 (stds e^1..e^2). Wide kernels.
    const levels = [0, 0.5, 1, 0.2, 0.8, 10, 20, 30, 15, 25];
    const stds = [-1, -0.5, 0, -0.8, -0.2, 1, 1.5, 2, 1.2, 1.8].map(Math.exp);
    const windows = windowsOf(levels, stds);
    const labels = tf.tensor1d([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 'int32');
    table.fit(windows, labels);
    const n = 4000;
    const z = tf.mul(tf.randomNormal([n, 16], 0, 1, 'float32', 7), 2) as tf.Tensor2D; // z twice as wide: the kernels' tails reach far out
    const drawLabels = tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 2),
      'int32',
    );
    const { level, logStd } = drawValues(table, z, drawLabels);
    const range = (values: Float32Array, cls: number) => {
      const mine = Array.from(values).filter((_, i) => i % 2 === cls);
      return [Math.min(...mine), Math.max(...mine)];
    };
    const [lo0, hi0] = range(level, 0);
    const [lo1, hi1] = range(level, 1);
    expect(lo0).toBeGreaterThanOrEqual(0);
    expect(hi0).toBeLessThanOrEqual(1 + 1e-6);
    expect(lo1).toBeGreaterThanOrEqual(10 - 1e-5);
    expect(hi1).toBeLessThanOrEqual(30 + 1e-5);
    // Reflected, not clipped: no pile-up at an edge.
    expect(Array.from(level).filter((x, i) => i % 2 === 0 && (x === 0 || x === 1)).length).toBeLessThan(n / 200);
    const [sLo0, sHi0] = range(logStd, 0);
    expect(sLo0).toBeGreaterThanOrEqual(-1 - 1e-4);
    expect(sHi0).toBeLessThanOrEqual(0 + 1e-4);
    // The tails were there to reflect: with z this wide, some draws lie near each edge.
    expect(lo1).toBeLessThan(11);
    expect(hi1).toBeGreaterThan(29);
    tf.dispose([windows, labels, z, drawLabels]);
    store.dispose();
  });

  it("draws each row's own seizure-band share with its level, as OSD's ratio / 100", () => {
    const store = new VariableStore('g', 8);
    const plan = bandPlan(store, 125);
    const table = new LevelTable(store, 'levels', 1, directions(), 8, plan);
    // 25 Hz windows: a 5 Hz rhythm at level 0 (all its power in 3–8 Hz), a 1.6 Hz sway at
    // level 10 (none), and both at level 20 (equal amplitudes: half).
    const wave = (hz: number, t: number) => Math.sin((2 * Math.PI * hz * t) / 25);
    const kinds = [
      (t: number) => wave(5, t),
      (t: number) => 10 + wave(1.6, t),
      (t: number) => 20 + wave(5, t) + wave(1.6, t),
    ];
    const windows = tf.tensor3d(
      Array.from({ length: 30 }, (_, i) => Array.from({ length: 125 }, (_, t) => kinds[i % 3]!(t))).flat(),
      [30, 125, 1],
    );
    const labels = tf.zeros([30], 'int32') as tf.Tensor1D;
    table.fit(windows, labels);
    const n = 600;
    const z = tf.randomNormal([n, 16], 0, 1, 'float32', 9) as tf.Tensor2D;
    const drawLabels = tf.zeros([n], 'int32') as tf.Tensor1D;
    const { level, seizureShare: share } = drawValues(table, z, drawLabels);
    // Every share is one of the three rows' own; the level's kernel (std ≈ 2.4 here) blurs
    // which row a draw's level came from only for a draw more than two stds out.
    const expected = (l: number) => (l < 5 ? 1 : l < 15 ? 0 : 0.5);
    for (let i = 0; i < n; i++) expect([0, 0.5, 1].some((value) => Math.abs(share[i]! - value) < 0.01)).toBe(true);
    const agreeing = Array.from(level).filter((l, i) => Math.abs(share[i]! - expected(l)) < 0.01).length;
    expect(agreeing / n).toBeGreaterThan(0.95);
    expect(new Set(Array.from(level, (l) => expected(l))).size).toBe(3);
    // The table's column is the share seizureBandShare measures.
    const measured = seizureBandShare(windows, plan);
    const column = table.table
      .arraySync()
      .slice(0, 30)
      .map((r) => r[4]!);
    expect(column.slice().sort()).toEqual(
      Array.from(measured.dataSync())
        .sort()
        .map((x) => expect.closeTo(x, 5)),
    );
    tf.dispose([windows, labels, z, drawLabels, measured]);
    store.dispose();
  });

  it('orders rows so that neighbours are alike: a slowly drifting latent keeps its level', () => {
    const store = new VariableStore('g', 4);
    const table = new LevelTable(store, 'levels', 1, directions(), 4, bandPlan(store, 8));
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

  it('reads back its rows, and indexLatent picks exactly the row asked for in every class', () => {
    const store = new VariableStore('g', 6);
    const table = new LevelTable(store, 'levels', 2, directions(), 6, bandPlan(store, 8));
    // Class 0: 7 windows; class 1: 300 (so its rows are narrow in Φ(u), 1/300 each).
    const levels = Array.from({ length: 307 }, (_, i) => (i < 7 ? i : 10 + i / 100));
    const stds = Array.from({ length: 307 }, (_, i) => Math.exp(-2 + (i % 13) / 6));
    const windows = windowsOf(levels, stds);
    const labels = tf.tensor1d(
      levels.map((_, i) => (i < 7 ? 0 : 1)),
      'int32',
    );
    table.fit(windows, labels);
    const rows = table.rowValues();
    expect(rows.map((r) => r.level.length)).toEqual([7, 300]);
    // Every window's level is some row's, in its own class.
    expect(Array.from(rows[0]!.level).sort((a, b) => a - b)).toEqual(
      levels.slice(0, 7).map((l) => expect.closeTo(l, 4)),
    );
    // z along the index direction only (jitter 0): the drawn level, log std and share are the row's own.
    const asked = [0, 3, 6, 0, 1, 149, 150, 298, 299];
    const classes = [0, 0, 0, 1, 1, 1, 1, 1, 1];
    const z = tf.tensor2d(
      asked.flatMap((row, i) => [
        LevelTable.indexLatent(row, rows[classes[i]!]!.level.length),
        ...new Array(15).fill(0),
      ]),
      [asked.length, 16],
    );
    const drawLabels = tf.tensor1d(classes, 'int32');
    const drawn = drawValues(table, z, drawLabels);
    asked.forEach((row, i) => {
      const r = rows[classes[i]!]!;
      expect(drawn.level[i]).toBeCloseTo(r.level[row]!, 5);
      expect(drawn.logStd[i]).toBeCloseTo(r.logStd[row]!, 5);
      expect(drawn.seizureShare[i]).toBeCloseTo(r.share[row]!, 5);
    });
    expect(() => LevelTable.indexLatent(7, 7)).toThrow(RangeError);
    tf.dispose([windows, labels, z, drawLabels]);
    store.dispose();
  });

  describe('the kernel width, cross-validated over recordings', () => {
    /** A seeded standard normal (Box–Muller on a small LCG), so the data are fixed. */
    const normals = (n: number, seed: number) => {
      let state = seed;
      const uniform = () => ((state = (state * 1664525 + 1013904223) >>> 0) + 0.5) / 2 ** 32;
      return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    };
    const scottBase = (xs: number[], ys: number[]): [number, number] => {
      const sd = (v: number[]) =>
        Math.sqrt(v.reduce((a, x) => a + (x - v.reduce((p, q) => p + q, 0) / v.length) ** 2, 0) / (v.length - 1));
      return [xs.length ** (-1 / 6) * sd(xs), xs.length ** (-1 / 6) * sd(ys)];
    };

    it('is wide where each recording sits at its own level, and near Scott’s rule where recordings are alike', () => {
      // 20 recordings of 15 windows. Clustered: each recording's windows within 0.02 of its
      // own centre, centres spread N(0, 1). Alike: every window drawn from N(0, 1).
      const centres = normals(20, 1);
      const jitter = normals(600, 2);
      const groups = Array.from({ length: 300 }, (_, i) => Math.floor(i / 15));
      const clusteredX = groups.map((g, i) => centres[g]! + 0.02 * jitter[i]!);
      const clusteredY = groups.map((g, i) => centres[(g + 7) % 20]! + 0.02 * jitter[300 + i]!);
      const alikeX = normals(300, 3);
      const alikeY = normals(300, 4);
      const clustered = chooseBandwidthFactor(clusteredX, clusteredY, groups, scottBase(clusteredX, clusteredY));
      const alike = chooseBandwidthFactor(alikeX, alikeY, groups, scottBase(alikeX, alikeY));
      expect(clustered).toBeGreaterThanOrEqual(1.4);
      expect(alike).toBeGreaterThanOrEqual(0.7);
      expect(alike).toBeLessThanOrEqual(1.4);
      // Without the recordings, a leave-one-window-out choice would reproduce the clusters: the narrowest factor.
      const eachOwn = groups.map((_, i) => i);
      expect(chooseBandwidthFactor(clusteredX, clusteredY, eachOwn, scottBase(clusteredX, clusteredY))).toBe(
        BANDWIDTH_FACTORS[0],
      );
    });

    it('falls back to the fixed factor with fewer than three recordings or no spread', () => {
      const xs = normals(40, 5);
      const ys = normals(40, 6);
      expect(
        chooseBandwidthFactor(
          xs,
          ys,
          xs.map((_, i) => i % 2),
          [0.5, 0.5],
        ),
      ).toBe(FALLBACK_BANDWIDTH_FACTOR);
      expect(
        chooseBandwidthFactor(
          xs,
          ys,
          xs.map((_, i) => i % 5),
          [0, 0.5],
        ),
      ).toBe(FALLBACK_BANDWIDTH_FACTOR);
    });

    it('fit uses the groups it is given, per class, and the fallback without them', () => {
      const store = new VariableStore('g', 5);
      const table = new LevelTable(store, 'levels', 2, directions(), 5, bandPlan(store, 8));
      // Class 0: ten recordings, each at its own level; class 1: the same values, in one recording.
      const levels = Array.from({ length: 200 }, (_, i) => Math.floor((i % 100) / 10) + 0.001 * (i % 10));
      const stds = Array.from({ length: 200 }, (_, i) =>
        Math.exp(-1 + (0.5 * ((Math.floor((i % 100) / 10) * 3) % 10)) / 10 + 0.001 * (i % 7)),
      );
      const windows = windowsOf(levels, stds);
      const labels = tf.tensor1d(
        levels.map((_, i) => (i < 100 ? 0 : 1)),
        'int32',
      );
      const note = table.fit(
        windows,
        labels,
        Int32Array.from(levels, (_, i) => (i < 100 ? Math.floor(i / 10) : 10)),
      );
      expect(table.bandwidthFactors[0]).toBeGreaterThan(FALLBACK_BANDWIDTH_FACTOR);
      expect(note).toBe(
        `level table: 100, 100 rows by class; kernel width ×${table.bandwidthFactors[0]}, ×0.5 Scott's rule by class, chosen by leave-one-recording-out likelihood over 11 recordings`,
      );
      expect(table.bandwidthFactors[1]).toBe(FALLBACK_BANDWIDTH_FACTOR);
      // The kernel std stored with each row is the chosen factor × Scott's rule.
      const rows = table.table.arraySync();
      expect(rows[0]![2]! / rows[LEVEL_TABLE_ROWS]![2]!).toBeCloseTo(
        table.bandwidthFactors[0]! / FALLBACK_BANDWIDTH_FACTOR,
        4,
      );
      expect(table.fit(windows, labels)).toMatch(
        /×0.5, ×0.5 Scott's rule by class, the fixed factor \(recordings not known\)$/,
      );
      expect(table.bandwidthFactors).toEqual([FALLBACK_BANDWIDTH_FACTOR, FALLBACK_BANDWIDTH_FACTOR]);
      tf.dispose([windows, labels]);
      store.dispose();
    });
  });
});
