import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writeWindowsCsv, type Dataset } from '@accelgan/data';
import { loadSource } from './load.js';
import { toyRecordings } from './test-helpers.js';
import { countWindows } from './windows.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-eval-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading windows', () => {
  test("the generator's CSV (eventId,label,M000…) comes back in milli-g with labels and events", async () => {
    const set = toyRecordings({ events: 3, windowsPerEvent: 4, seed: 1 });
    const path = join(dir, 'synthetic.csv');
    await writeWindowsCsv(path, {
      samplesPerWindow: 125,
      values: set.values as Float32Array,
      eventId: set.eventId as string[],
      ictal: set.ictal as Uint8Array,
    });
    const loaded = await loadSource(path, 'synthetic');
    expect(countWindows(loaded.set)).toBe(12);
    expect(loaded.set.samplesPerWindow).toBe(125);
    expect([...(loaded.set.ictal ?? [])]).toEqual([...(set.ictal ?? [])]);
    expect(new Set(loaded.set.eventId).size).toBe(3);
    expect(Math.abs((loaded.set.values[5] as number) - (set.values[5] as number))).toBeLessThan(0.01);
    expect(loaded.origin).toBe(path);
  });

  test('a normalised dataset is denormalised to milli-g and keeps its split', async () => {
    const values = Float32Array.from([-1, 0, 1, 0.5]);
    const dataset = {
      meta: {
        normalisation: {
          method: 'minmax',
          offset: 1000,
          scale: 200,
          fitted: { min: 800, max: 1200, mean: 1000, std: 100, samples: 4 },
        },
      },
      windows: {
        samplesPerWindow: 2,
        values,
        eventId: ['a', 'b'],
        userId: ['u', 'u'],
        type: ['', ''],
        subType: ['', ''],
        startTime: new Float64Array(2),
        ictal: Uint8Array.from([1, 0]),
        seizureStart: new Float64Array(2).fill(Number.NaN),
        seizureEnd: new Float64Array(2).fill(Number.NaN),
        split: ['train', 'val'],
      },
    } as unknown as Dataset;
    const loaded = await loadSource(dataset, 'real');
    expect([...loaded.set.values]).toEqual([800, 1000, 1200, 1100]);
    expect(loaded.split).toEqual(['train', 'val']);
    // Events a and b of one user start at the same moment: their recordings overlap, so they are one recording group.
    expect(loaded.set.groupId).toEqual(['a', 'a']);
  });

  test('a missing file is a one-line user error', async () => {
    await expect(loadSource(join(dir, 'nope.csv'), 'real')).rejects.toMatchObject({ name: 'AccelganError' });
  });
});
