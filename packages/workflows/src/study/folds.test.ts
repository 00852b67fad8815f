import { describe, expect, test } from 'vitest';
import { assignFolds, type FoldWindows } from './folds.js';

const T0 = Date.UTC(2024, 0, 1);

/** Events as [id, user, start s, windows, ictal windows]: consecutive 5 s windows, the first `ictal` of them ictal. */
function windowsOf(events: readonly (readonly [string, string, number, number, number])[]): FoldWindows {
  const rows = events.flatMap(([id, user, start, n, ictal]) =>
    Array.from({ length: n }, (_, k) => ({ id, user, t: T0 + (start + 5 * k) * 1000, ictal: k < ictal ? 1 : 0 })),
  );
  return {
    samplesPerWindow: 125,
    eventId: rows.map((r) => r.id),
    userId: rows.map((r) => r.user),
    startTime: Float64Array.from(rows, (r) => r.t),
    ictal: Uint8Array.from(rows, (r) => r.ictal),
  };
}

describe('assignFolds', () => {
  // User a: 6 recordings, two of which overlap (a1 and a2 share 30 s); user b: 4 recordings, one without a seizure.
  const windows = windowsOf([
    ['a1', 'a', 0, 12, 4],
    ['a2', 'a', 30, 12, 4],
    ['a3', 'a', 10_000, 12, 4],
    ['a4', 'a', 20_000, 12, 4],
    ['a5', 'a', 30_000, 12, 4],
    ['a6', 'a', 40_000, 12, 4],
    ['b1', 'b', 0, 12, 4],
    ['b2', 'b', 10_000, 12, 4],
    ['b3', 'b', 20_000, 12, 4],
    ['b4', 'b', 30_000, 12, 0],
  ]);

  test('overlapping recordings share a fold; every fold holds recordings of both users; sizes differ by at most one', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const folds = assignFolds(windows, 3, seed);
      expect(folds.get('a1')).toBe(folds.get('a2'));
      expect([...folds.keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4']);
      for (let f = 0; f < 3; f++) {
        const members = [...folds].filter(([, g]) => g === f).map(([id]) => id);
        expect(members.some((id) => id.startsWith('a'))).toBe(true);
        expect(members.some((id) => id.startsWith('b'))).toBe(true);
      }
      // 9 recording groups in 3 folds: 3 each.
      const groupsPerFold = [0, 1, 2].map(
        (f) => new Set([...folds].filter(([, g]) => g === f).map(([id]) => (id === 'a2' ? 'a1' : id))).size,
      );
      expect(groupsPerFold).toEqual([3, 3, 3]);
    }
  });

  test('the same seed gives the same folds; other seeds shuffle them', () => {
    const one = [...assignFolds(windows, 3, 1)];
    expect([...assignFolds(windows, 3, 1)]).toEqual(one);
    const others = [2, 3, 4, 5].map((seed) => JSON.stringify([...assignFolds(windows, 3, seed)]));
    expect(others.some((o) => o !== JSON.stringify(one))).toBe(true);
  });

  test('more folds than recordings are refused in one line', () => {
    expect(() => assignFolds(windows, 10, 1)).toThrow(/10 folds need at least 10 recordings; the data holds 9/);
  });
});
