import { describe, expect, test } from 'vitest';
import { memorisation, nearest } from './memorisation.js';
import { toyRecordings } from '../test-helpers.js';
import { subsetWindows } from '../windows.js';

describe('memorisation', () => {
  const train = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1 });
  const heldOut = toyRecordings({ events: 6, windowsPerEvent: 9, seed: 2, prefix: 'h' });

  test('copies of training windows are exact copies, and all near copies', () => {
    const copies = subsetWindows(train, Array.from({ length: 30 }, (_, i) => i * 3));
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

  test('nearest neighbour distances are RMS milli-g', () => {
    const a = { samplesPerWindow: 4, values: Float32Array.from([0, 0, 0, 0]) };
    const b = { samplesPerWindow: 4, values: Float32Array.from([5, 5, 5, 5, 2, 2, 2, 2]) };
    const r = nearest(a, b);
    expect(r.distance[0]).toBe(2);
    expect(r.neighbour[0]).toBe(1);
  });
});
