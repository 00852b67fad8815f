import { describe, expect, test } from 'vitest';
import { dataCopying, mannWhitneyZ } from './data-copying.js';
import { memorisation } from './memorisation.js';
import { noiseWindows, sineWindows } from '../test-helpers.js';
import { concatWindows, subsetWindows } from '../windows.js';
import { makeRng, normal } from '../util/rng.js';
import type { WindowSet } from '../types.js';

/** Still wrists (sensor noise of 1–10 mg around one watch's gravity reading) and moving ones (a 2 Hz sway of 150 mg, or 120 mg of noise). */
function still(n: number, seed: number): WindowSet {
  const rand = makeRng(seed);
  return concatWindows(
    Array.from({ length: n }, (_, i) => noiseWindows(1, { mean: 1000, std: 1 + 9 * rand(), seed: seed * 1000 + i })),
  );
}
const moving = (n: number, seed: number) =>
  concatWindows([
    sineWindows(n / 2, 2, { amplitude: 150, offset: 1200, seed }),
    noiseWindows(n / 2, { mean: 1200, std: 120, seed: seed + 50 }),
  ]);

function jittered(set: WindowSet, mg: number, seed: number): WindowSet {
  const rand = makeRng(seed);
  return { ...set, values: Float32Array.from(set.values, (v) => v + mg * normal(rand)) };
}

describe('mannWhitneyZ', () => {
  test('is negative when the first sample is smaller, symmetric, and 0 for equal samples', () => {
    // U = 0 of 9 pairs: Z = (0 − 4.5) / sqrt(9 · 7 / 12).
    expect(mannWhitneyZ([1, 2, 3], [4, 5, 6])).toBeCloseTo(-4.5 / Math.sqrt(63 / 12), 10);
    expect(mannWhitneyZ([4, 5, 6], [1, 2, 3])).toBeCloseTo(4.5 / Math.sqrt(63 / 12), 10);
    expect(mannWhitneyZ([1, 2, 2, 3], [1, 2, 2, 3])).toBe(0);
  });
});

describe('data-copying test', () => {
  // Training: many still windows and many moving ones. Held-out: few still windows.
  const train = concatWindows([still(60, 1), moving(60, 2)]);
  const heldOut = concatWindows([still(5, 3), moving(120, 4)]);

  test('fresh windows with more still ones than the held-out set: nearer by the global median, no copying region by region', () => {
    const fresh = concatWindows([still(60, 5), moving(60, 6)]);
    const m = memorisation(fresh, train, heldOut, 7);
    // Half the fresh windows are still, and a still window lies within sensor noise of a
    // training one: the make-up alone puts their median distance far below the held-out one.
    expect(m.perClass.all.medianSynthetic).toBeLessThan(0.5 * m.perClass.all.medianHeldOut);
    // Compared with held-out windows of their own region, they are no nearer.
    expect(m.dataCopying.cellsUsed).toBeGreaterThanOrEqual(2);
    expect(Math.abs(m.dataCopying.statistic)).toBeLessThan(2);
  });

  test('training windows returned with a little noise read as copying', () => {
    const copies = jittered(
      subsetWindows(
        train,
        Array.from({ length: 60 }, (_, i) => 2 * i),
      ),
      1,
      8,
    );
    const m = memorisation(copies, train, heldOut, 7);
    expect(m.dataCopying.statistic).toBeLessThan(-3);
    for (const cell of m.dataCopying.cells) expect(cell.z).toBeLessThan(0);
  });

  test('is a pure function of its inputs and seed, and covers only cells with both kinds of windows', () => {
    const fresh = concatWindows([still(60, 5), moving(60, 6)]);
    const distances = (set: WindowSet) => memorisation(set, train, heldOut, 7);
    const a = distances(fresh);
    const b = dataCopying(
      train,
      { set: fresh, distance: a.synthetic.distance },
      { set: heldOut, distance: a.heldOut.distance },
      { seed: 7 },
    );
    expect(b).toEqual(a.dataCopying);
    for (const cell of b.cells) {
      expect(cell.heldOut).toBeGreaterThanOrEqual(5);
      expect(cell.synthetic).toBeGreaterThanOrEqual(5);
    }
    expect(b.heldOutCovered).toBeCloseTo(b.cells.reduce((s, c) => s + c.heldOut, 0) / 125, 10);
  });
});
