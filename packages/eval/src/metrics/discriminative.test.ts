import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { discriminativeScore } from './discriminative.js';
import { RICH_FEATURE_NAMES } from './rich-features.js';
import { rungWindows } from '../ladder/surrogates.js';
import { noiseWindows, nonlinearWindows, sineWindows, toyRecordings } from '../test-helpers.js';
import { concatWindows } from '../windows.js';

const fastCnn = { epochs: 3 };

describe('discriminative score', () => {
  test('perfectly separable sets score 0.5 with both critics', async () => {
    const real = sineWindows(120, 5, { seed: 1 });
    const synthetic = noiseWindows(120, { mean: 1000, std: 141 });
    await discriminativeScore(real, synthetic, { cnn: { epochs: 1 }, seeds: 1, folds: 2 }); // warm up the backend
    const tensors = tf.memory().numTensors;
    const r = await discriminativeScore(real, synthetic, { cnn: fastCnn });
    expect(tf.memory().numTensors).toBe(tensors); // no tensor leaks
    expect(r.critics.features?.score).toBeGreaterThan(0.48);
    expect(r.critics.cnn?.score).toBeGreaterThan(0.45);
    expect(r.score).toBeGreaterThan(0.48);
    expect(r.grouping).toEqual({ a: 'window', b: 'window' });
  });

  test('two samples of one process score near 0, per class too', async () => {
    const real = toyRecordings({ events: 30, windowsPerEvent: 9, seed: 1 });
    const synthetic = toyRecordings({ events: 30, windowsPerEvent: 9, seed: 2, prefix: 's' });
    const r = await discriminativeScore(real, synthetic, { cnn: fastCnn, seed: 3 });
    expect(r.score).toBeLessThan(0.12);
    expect(r.lo).toBe(0);
    expect(r.perClass.ictal?.score).toBeLessThan(0.15);
    expect(r.perClass.nonIctal?.score).toBeLessThan(0.15);
    expect(r.grouping).toEqual({ a: 'event', b: 'event' });
    expect(r.windowsPerSide.all).toBe(270);
  });

  test('is deterministic given the seed', async () => {
    const real = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 4 });
    const synthetic = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 5, prefix: 's', ictalAmplitude: 400 });
    const options = { critics: ['features'] as const, seed: 9 };
    const a = await discriminativeScore(real, synthetic, options);
    const b = await discriminativeScore(real, synthetic, options);
    expect(a).toEqual(b);
  });

  test('a critic worse than chance scores 0, as docs/metrics.md defines: max(0, ā − 0.5), its interval mapped the same way', async () => {
    // Each side: one recording at 1,000 mg and one at 1,300 mg, 20 windows each; two folds
    // by recording, so each fold tests one recording per side. Where they are of different
    // levels, the critic trained on the other two learnt "this level is A, that one B", which
    // the test fold reverses: every window is wrong (accuracy 0). Where they are of the same
    // level, the critic never saw it on either side and puts all of them on one side (0.5).
    const side = (prefix: string, seed: number) => {
      const values = new Float32Array(40 * 125);
      values.set(noiseWindows(20, { seed, mean: 1000 }).values, 0);
      values.set(noiseWindows(20, { seed: seed + 100, mean: 1300 }).values, 20 * 125);
      return {
        samplesPerWindow: 125,
        values,
        eventId: Array.from({ length: 40 }, (_, i) => `${prefix}${i < 20 ? 0 : 1}`),
      };
    };
    const expected: number[] = [];
    const r = await discriminativeScore(side('a', 1), side('b', 2), {
      critics: ['features'],
      folds: 2,
      seeds: 6,
      seed: 4,
      onSplit: ({ testA, testB }) => expected.push(testA[0]! < 20 === testB[0]! < 20 ? 0.5 : 0),
    });
    const critic = r.critics.features!;
    expect(expected).toHaveLength(12);
    expect(expected).toContain(0);
    expect(critic.accuracy.mean).toBeCloseTo(expected.reduce((t, a) => t + a, 0) / expected.length, 12);
    expect(critic.accuracy.hi).toBeLessThan(0.5);
    // Below chance: a score of 0, not the distance below chance; so the headline too.
    expect(critic).toMatchObject({ score: 0, lo: 0, hi: 0 });
    expect(r.score).toBe(0);
  });

  test('a class missing from one side is reported overall only', async () => {
    const real = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 6 });
    const only = sineWindows(60, 5, { seed: 2 });
    const synthetic = { ...only, ictal: new Uint8Array(60).fill(1) };
    const r = await discriminativeScore(real, concatWindows([synthetic]), { critics: ['features'], minPerClass: 20 });
    expect(r.perClass.nonIctal).toBeUndefined();
    expect(r.perClass.ictal).toBeDefined();
  });

  test('the tree critic tells IAAFT surrogates of windows with sharp, asymmetric moves from real ones; the logistic critic cannot', async () => {
    // Two draws of one process, and IAAFT surrogates of the second: each window's values and
    // spectrum kept, its slow rises and sudden falls and its short peaks scrambled.
    const real = nonlinearWindows({ seed: 1, prefix: 'a' });
    const other = nonlinearWindows({ seed: 2, prefix: 'b' });
    const surrogates = rungWindows(other, 'iaaft', 3);
    const options = { critics: ['trees', 'features'] as const, seed: 4 };
    const floor = await discriminativeScore(real, other, options);
    const iaaft = await discriminativeScore(real, surrogates, options);
    const trees = { floor: floor.critics.trees?.score as number, iaaft: iaaft.critics.trees?.score as number };
    expect(trees.floor).toBeLessThan(0.12);
    expect(trees.iaaft).toBeGreaterThan(trees.floor + 0.2);
    expect(iaaft.critic).toBe('trees');
    // The 41 features are spectra and value distributions, which IAAFT keeps.
    const logistic = { floor: floor.critics.features?.score as number, iaaft: iaaft.critics.features?.score as number };
    expect(logistic.iaaft).toBeLessThan(logistic.floor + 0.1);
    // Both sides' importance: what the trees split on most is the steps' shape or the time asymmetry.
    const gain = iaaft.treeGain as readonly number[];
    expect(gain.length).toBe(RICH_FEATURE_NAMES.length);
    const top = RICH_FEATURE_NAMES[gain.indexOf(Math.max(...gain))] as string;
    expect(top).toMatch(/^(diff|reversal|c3_|part|peak|extrema|roughness|complexity)/);
  });

  test('the tree critic is deterministic given the seed, and its seed moves the folds', async () => {
    const real = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 4 });
    const synthetic = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 5, prefix: 's', ictalAmplitude: 400 });
    const options = { critics: ['trees'] as const, seed: 9 };
    const a = await discriminativeScore(real, synthetic, options);
    const b = await discriminativeScore(real, synthetic, options);
    expect(a).toEqual(b);
    const c = await discriminativeScore(real, synthetic, { ...options, seed: 10 });
    expect(c.critics.trees?.accuracy.mean).not.toBe(a.critics.trees?.accuracy.mean);
  });
});
