import { describe, expect, test } from 'vitest';
import { loadSource } from './load.js';
import { discriminativeScore } from './metrics/discriminative.js';
import { haveOsdbSample, noiseWindows, osdbSamplePath } from './test-helpers.js';
import { makeRng } from './util/rng.js';
import { mean, std } from './util/stats.js';
import { countWindows, splitByEvent, subsetWindows } from './windows.js';

// The shared real OSDB sample (47 events, 1,343 datapoints) beside the repository; never copied into it.
describe.skipIf(!haveOsdbSample)('on the shared real OSDB sample', () => {
  test('real training events against real validation events score near the real-vs-real floor', async () => {
    const { set } = await loadSource(osdbSamplePath, 'real');
    // 1,343 datapoints, less the 48 that repeat the time of another in their event (ingest drops them).
    expect(countWindows(set)).toBe(1295);
    // Split by event, 20% of events for validation, seed fixed.
    const { first, second } = splitByEvent(set, 0.2, makeRng(1));
    const train = subsetWindows(set, first);
    const val = subsetWindows(set, second);
    const score = await discriminativeScore(val, train, { seed: 1 });
    // The floor from another event split of the same data, as evaluate() computes one.
    const other = splitByEvent(set, 0.2, makeRng(2));
    const floor = await discriminativeScore(subsetWindows(set, other.second), subsetWindows(set, other.first), {
      seed: 2,
    });
    expect(score.score).toBeLessThan(0.12);
    expect(Math.abs(score.score - floor.score)).toBeLessThan(0.1);
    expect(score.lo).toBe(0); // chance lies inside the interval
  });

  test('Gaussian noise with the real mean and std is told apart almost perfectly (score near 0.5)', async () => {
    const { set } = await loadSource(osdbSamplePath, 'real');
    const noise = noiseWindows(countWindows(set), { mean: mean(set.values), std: std(set.values), seed: 4 });
    const score = await discriminativeScore(set, { ...noise, ictal: set.ictal }, { seed: 1 });
    expect(score.score).toBeGreaterThan(0.45);
    expect(score.perClass.ictal?.score).toBeGreaterThan(0.45);
  });
});
