import { describe, expect, it } from 'vitest';
import { isAccelganError } from './errors.js';
import { recordingGroups, splitEvents, splitRecordings } from './split.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `event-${i}`);

describe('splitEvents', () => {
  it('puts every event on exactly one side', () => {
    const { train, val } = splitEvents(ids(50), { valFraction: 0.2, seed: 3 });
    expect(new Set([...train, ...val]).size).toBe(50);
    expect(train.filter((id) => val.includes(id))).toEqual([]);
  });

  it('respects the fraction (of events) and is reproducible for a seed', () => {
    const a = splitEvents(ids(50), { valFraction: 0.2, seed: 3 });
    expect(a.val).toHaveLength(10);
    expect(splitEvents(ids(50), { valFraction: 0.2, seed: 3 })).toEqual(a);
    expect(splitEvents(ids(50).reverse(), { valFraction: 0.2, seed: 3 })).toEqual(a);
    expect(splitEvents(ids(50), { valFraction: 0.2, seed: 4 }).val).not.toEqual(a.val);
  });

  it('ignores repeated ids (one id per window)', () => {
    const { train, val } = splitEvents(['a', 'a', 'b', 'b', 'b', 'c'], { valFraction: 0.34, seed: 1 });
    expect(train.length + val.length).toBe(3);
  });

  it('gives each side at least one event when there are two or more', () => {
    expect(splitEvents(['a', 'b'], { valFraction: 0.01, seed: 1 }).val).toHaveLength(1);
    expect(splitEvents(['a', 'b'], { valFraction: 0.99, seed: 1 }).train).toHaveLength(1);
    expect(splitEvents(['a', 'b', 'c'], { valFraction: 0.9, seed: 1 }).train).toHaveLength(1);
  });

  it('puts a single event, and everything at fraction 0, in train', () => {
    expect(splitEvents(['a'], { valFraction: 0.5, seed: 1 })).toEqual({ train: ['a'], val: [] });
    expect(splitEvents(ids(5), { valFraction: 0, seed: 1 }).val).toEqual([]);
  });

  it('refuses fractions outside [0, 1)', () => {
    for (const valFraction of [-0.1, 1, 2, Number.NaN]) {
      let error: unknown;
      try {
        splitEvents(ids(3), { valFraction, seed: 1 });
      } catch (e) {
        error = e;
      }
      expect(isAccelganError(error), String(valFraction)).toBe(true);
    }
  });
});

describe('splitRecordings', () => {
  // Three events of user u1: a and b overlap in time (alarms a minute apart), c is later;
  // d belongs to another user at the same time as a.
  const windows = {
    samplesPerWindow: 125,
    eventId: ['a', 'a', 'b', 'b', 'c', 'd'],
    userId: ['u1', 'u1', 'u1', 'u1', 'u1', 'u2'],
    startTime: Float64Array.from([0, 5_000, 8_000, 13_000, 600_000, 0]),
  };

  it('groups events of one user whose recordings overlap, and nothing else', () => {
    const groups = recordingGroups(windows);
    expect(groups.get('a')).toBe('a');
    expect(groups.get('b')).toBe('a');
    expect(groups.get('c')).toBe('c');
    expect(groups.get('d')).toBe('d');
  });

  it('never puts two overlapping events on different sides', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { train, val } = splitRecordings(windows, { valFraction: 0.34, seed });
      expect(train.includes('a')).toBe(train.includes('b'));
      expect([...train, ...val].sort()).toEqual(['a', 'b', 'c', 'd']);
    }
  });

  it('treats touching (not overlapping) recordings as separate', () => {
    const touching = { ...windows, startTime: Float64Array.from([0, 5_000, 10_000, 15_000, 600_000, 0]) };
    expect(recordingGroups(touching).get('b')).toBe('b');
  });
});
