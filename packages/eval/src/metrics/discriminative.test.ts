import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { discriminativeScore } from './discriminative.js';
import { noiseWindows, sineWindows, toyRecordings } from '../test-helpers.js';
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

  test('a class missing from one side is reported overall only', async () => {
    const real = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 6 });
    const only = sineWindows(60, 5, { seed: 2 });
    const synthetic = { ...only, ictal: new Uint8Array(60).fill(1) };
    const r = await discriminativeScore(real, concatWindows([synthetic]), { critics: ['features'], minPerClass: 20 });
    expect(r.perClass.nonIctal).toBeUndefined();
    expect(r.perClass.ictal).toBeDefined();
  });
});
