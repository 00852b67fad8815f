import { describe, expect, test } from 'vitest';
import { compareProfiles, DISTANCE_NAMES } from './compare.js';
import { profileSet } from './profile.js';
import { toyRecordings } from '../test-helpers.js';

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('distribution distances', () => {
  const set = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 1 });
  const p = profileSet(set);

  test('a set against itself: every distance is 0 (MMD² at most float noise below 0)', () => {
    const d = compareProfiles(p, all(72), p, all(72), { sigma: 500, seed: 1 });
    for (const name of DISTANCE_NAMES) {
      if (name === 'mmd2') expect(d.mmd2).toBeLessThanOrEqual(1e-12);
      else expect(d[name]).toBe(0);
    }
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
