import { describe, expect, test } from 'vitest';
import { toyRecordings } from '../test-helpers.js';
import { concatWindows, recordingKeys, splitByKeys } from '../windows.js';
import { makeRng } from '../util/rng.js';
import { compareProfiles } from './compare.js';
import { floorSpread } from './floor-spread.js';
import { profileSet } from './profile.js';

describe('the real-vs-real spread of the distances', () => {
  const real = toyRecordings({ events: 16, windowsPerEvent: 9, seed: 11 });

  test('quartiles of every distance over the requested number of splits, per class; the same seed gives the same spread', () => {
    const profile = profileSet(real);
    const options = { splits: 8, fraction: 0.25, sigma: 100, seed: 3 };
    const a = floorSpread(profile, options);
    for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
      const s = a[cls]!;
      expect(s.psdDb.n).toBe(8);
      for (const d of [s.psdDb, s.osdRatioW1, s.alarmRateDiff, s.valuesW1]) {
        expect(d.q25).toBeLessThanOrEqual(d.median);
        expect(d.median).toBeLessThanOrEqual(d.q75);
        expect(d.q25).toBeGreaterThanOrEqual(0);
      }
      expect(s.psdDb.q75).toBeGreaterThan(0);
    }
    expect(floorSpread(profile, options)).toEqual(a);
    expect(floorSpread(profile, { ...options, seed: 4 })).not.toEqual(a);
  });

  test('a set unlike the real recordings lies above the spread, and further than a set like them', () => {
    const profile = profileSet(real);
    const spreadAll = floorSpread(profile, { splits: 12, fraction: 0.25, sigma: 100, seed: 5 }).all;
    const louder = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 12, prefix: 's', ictalAmplitude: 700 });
    const like = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 13, prefix: 's' });
    const pool = profileSet(concatWindows([real, louder, like]));
    const n = real.ictal!.length;
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const realIdx = range(0, n);
    const away = compareProfiles(pool, realIdx, pool, range(n, n + 108), { sigma: 100, seed: 1 });
    const near = compareProfiles(pool, realIdx, pool, range(n + 108, n + 216), { sigma: 100, seed: 1 });
    expect(away.psdDb).toBeGreaterThan(spreadAll.psdDb.q75);
    expect(near.psdDb).toBeLessThan(away.psdDb);
  });

  test('splits keep a recording group on one side', () => {
    // Events ev0 and ev1 share datapoints (one recording group); so do ev2 and ev3.
    const groupId = real.eventId!.map((id) => ({ ev1: 'ev0', ev3: 'ev2' })[id] ?? id);
    const keys = recordingKeys({ ...real, groupId });
    expect(new Set(keys).size).toBe(14);
    for (let s = 0; s < 30; s++) {
      const { second } = splitByKeys(keys, 0.3, makeRng(s));
      const held = new Set(second.map((i) => real.eventId![i]));
      expect(held.has('ev0')).toBe(held.has('ev1'));
      expect(held.has('ev2')).toBe(held.has('ev3'));
    }
    expect(new Set(recordingKeys(real)).size).toBe(16);
  });
});
