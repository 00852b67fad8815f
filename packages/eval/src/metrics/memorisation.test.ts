import { describe, expect, test } from 'vitest';
import { memorisation, nearest, nearestOtherRecording } from './memorisation.js';
import { toyRecordings } from '../test-helpers.js';
import { subsetWindows } from '../windows.js';

describe('memorisation', () => {
  const train = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1 });
  const heldOut = toyRecordings({ events: 6, windowsPerEvent: 9, seed: 2, prefix: 'h' });

  test('copies of training windows are exact copies, and all near copies', () => {
    const copies = subsetWindows(
      train,
      Array.from({ length: 30 }, (_, i) => i * 3),
    );
    const r = memorisation(copies, train, heldOut);
    expect(r.perClass.all.exactCopies).toBe(30);
    expect(r.perClass.all.nearCopyRate).toBe(1);
    expect(r.perClass.all.medianSynthetic).toBe(0);
    expect([...r.synthetic.neighbour.slice(0, 3)]).toEqual([0, 3, 6]);
  });

  test('fresh windows from the same process are neither exact nor (mostly) near copies', () => {
    const fresh = toyRecordings({ events: 6, windowsPerEvent: 9, seed: 3, prefix: 'f' });
    const r = memorisation(fresh, train, heldOut);
    expect(r.perClass.all.exactCopies).toBe(0);
    expect(r.perClass.all.nearCopyRate).toBeLessThan(0.1);
    expect(r.perClass.all.heldOutNearRate).toBeLessThan(0.05);
    expect(r.perClass.ictal).toBeDefined();
  });

  test("the training windows' own reference: each against the other recordings' windows", () => {
    const fresh = toyRecordings({ events: 6, windowsPerEvent: 9, seed: 3, prefix: 'f' });
    const r = memorisation(fresh, train, heldOut);
    // Windows of other recordings of the same process: like held-out windows, seldom near.
    expect(r.perClass.all.training!.nearCopyRate).toBeLessThan(0.1);
    expect(r.perClass.all.training!.median).toBeGreaterThan(r.nearThreshold);
    // A training set holding each recording twice, as two recordings: every window has its copy elsewhere.
    const twice = {
      ...train,
      values: Float32Array.from([...train.values, ...train.values]),
      ictal: Uint8Array.from([...train.ictal!, ...train.ictal!]),
      eventId: [...train.eventId!, ...train.eventId!.map((e) => `copy-${e}`)],
    };
    const doubled = memorisation(fresh, twice, heldOut);
    expect(doubled.perClass.all.training).toEqual({ nearCopyRate: 1, median: 0 });
    expect(doubled.perClass.ictal!.training!.nearCopyRate).toBe(1);
    // One recording: there is no other to compare with.
    const one = { ...train, eventId: train.eventId!.map(() => 'only') };
    expect(nearestOtherRecording(one)).toBeNull();
    expect(memorisation(fresh, one, heldOut).perClass.all.training).toBeNull();
  });

  test('nearestOtherRecording never pairs a window with its own recording', () => {
    const set = {
      samplesPerWindow: 2,
      values: Float32Array.from([0, 0, 0, 1, 10, 10, 4, 4]),
      eventId: ['a', 'a', 'b', 'c'],
    };
    // Window 0's twin (under 1 mg away) is in its own recording; its nearest other is window 3.
    expect([...nearestOtherRecording(set)!]).toEqual([
      4,
      Math.sqrt((16 + 9) / 2),
      Math.sqrt((36 + 36) / 2),
      Math.sqrt((16 + 9) / 2),
    ]);
    // Events that overlap (one recording group) are one recording: window 3, now grouped
    // with window 0's event, is no longer another recording for windows 0 and 1.
    const grouped = { ...set, groupId: ['g1', 'g1', 'b', 'g1'] };
    expect([...nearestOtherRecording(grouped)!]).toEqual([
      Math.sqrt(200 / 2),
      Math.sqrt(181 / 2),
      Math.sqrt(72 / 2),
      Math.sqrt(72 / 2),
    ]);
    // A window of no known recording could be its neighbours' own datapoints: no reference.
    expect(nearestOtherRecording({ ...set, eventId: ['a', 'a', '', 'c'] })).toBeNull();
  });

  test('nearest neighbour distances are RMS milli-g', () => {
    const a = { samplesPerWindow: 4, values: Float32Array.from([0, 0, 0, 0]) };
    const b = { samplesPerWindow: 4, values: Float32Array.from([5, 5, 5, 5, 2, 2, 2, 2]) };
    const r = nearest(a, b);
    expect(r.distance[0]).toBe(2);
    expect(r.neighbour[0]).toBe(1);
  });
});
