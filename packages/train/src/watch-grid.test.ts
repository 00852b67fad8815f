import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { ingest, simulateEvents, writeOsdbJson, type Dataset, type OsdbEvent } from '@accelgan/data';
import { initBackend } from '@accelgan/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { dequantised } from './batches.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { resolveConfig } from './config.js';
import { generateEvents } from './events/generate-events.js';
import { generateWindows, loadGenerator, toMilliG } from './generate.js';
import { train } from './trainer.js';
import { splitWindows } from './training-data.js';
import { withTempDir } from './test-helpers.js';
import { asWatchReadings, watchGridOf, windowsOnGrid } from './watch-grid.js';

/** A window is on the grid when every value is within 0.01 mg of a whole number (quantumOf's tolerance). */
const whole = (values: ArrayLike<number>) => Array.from(values).every((v) => Math.abs(v - Math.round(v)) <= 0.01);

/**
 * Simulated recordings (whole milli-g, as the simulator's watches report them), every third
 * event moved off the grid by a fraction in [0.05, 0.95) mg per value, as a recording that
 * reports fractions would be: training data that mixes both, as the real sample does.
 */
async function mixedDataset(dir: string, events = 24): Promise<{ dataset: Dataset; path: string }> {
  const simulated: OsdbEvent[] = simulateEvents({ events, seed: 2 }).map((event, e) =>
    e % 3 !== 0
      ? event
      : {
          ...event,
          datapoints: event.datapoints.map((point, k) => ({
            ...point,
            magnitude: point.magnitude.map((v, t) => v + 0.05 + 0.9 * (((e + k * 125 + t) * 0.618034) % 1)),
          })),
        },
  );
  const path = join(dir, 'mixed.json');
  await writeOsdbJson(path, simulated);
  const { dataset } = await ingest([path], { scale: 'zscore', valFraction: 0.2, seed: 1 });
  return { dataset, path };
}

/** Per class, the share of the training split's windows whose recording is on the grid, counted from the data. */
function trainingShares(dataset: Dataset, classOf: (i: number) => number, classes: number): number[] {
  const train = splitWindows(dataset, 'train');
  const L = dataset.meta.samplesPerWindow;
  const { offset, scale } = dataset.meta.normalisation;
  const on = new Array<number>(classes).fill(0);
  const all = new Array<number>(classes).fill(0);
  const eventWhole = new Map<string, boolean>();
  train.eventId.forEach((id, i) => {
    const values = Array.from(train.values.subarray(i * L, (i + 1) * L), (v) => v * scale + offset);
    eventWhole.set(id, (eventWhole.get(id) ?? true) && whole(values));
  });
  train.eventId.forEach((id, i) => {
    all[classOf(i)]! += 1;
    on[classOf(i)]! += eventWhole.get(id) ? 1 : 0;
  });
  return all.map((n, c) => on[c]! / n);
}

/** Per class, the share of generated windows whose values are all whole milli-g. */
function generatedShares(values: Float32Array, labels: Int32Array, L: number, classes: number): number[] {
  const on = new Array<number>(classes).fill(0);
  const all = new Array<number>(classes).fill(0);
  labels.forEach((label, i) => {
    all[label]! += 1;
    on[label]! += whole(values.subarray(i * L, (i + 1) * L)) ? 1 : 0;
  });
  return all.map((n, c) => on[c]! / n);
}

beforeAll(() => initBackend('wasm'));

describe('windowsOnGrid and watchGridOf', () => {
  it('flags every window of an event by the whole event, and shares per class', () => {
    const normalisation = {
      method: 'zscore' as const,
      offset: 1000,
      scale: 4,
      fitted: { min: 0, max: 2000, mean: 1000, std: 4, samples: 1 },
    };
    // Event a: both windows whole. Event b: its second window has one fraction. Event c: whole.
    const milliG = [
      [1000, 1001, 1003],
      [999, 1000, 1002],
      [1000, 1004, 1001],
      [1000, 1000.5, 1001],
      [1010, 1011, 1012],
    ];
    const values = Float32Array.from(milliG.flat(), (v) => (v - 1000) / 4);
    const flags = windowsOnGrid(values, 3, ['a', 'a', 'b', 'b', 'c'], normalisation);
    expect([...flags]).toEqual([1, 1, 0, 0, 1]);
    expect(watchGridOf(flags, Int32Array.from([0, 1, 1, 0, 0]), 2)).toEqual({
      quantumMilliG: 1,
      shareOnGrid: [2 / 3, 1 / 2],
    });
    expect(watchGridOf(new Uint8Array(5), Int32Array.from([0, 1, 1, 0, 0]), 2)).toBeNull();
  });

  it('dequantises only the windows of recordings on the grid, with the same noise', () => {
    tf.tidy(() => {
      const windows = tf.zeros([3, 4, 1]) as tf.Tensor3D;
      const all = dequantised(windows, 0.5, 9).arraySync();
      const some = dequantised(windows, 0.5, 9, tf.tensor1d([1, 0, 1])).arraySync();
      expect(some[0]).toEqual(all[0]);
      expect(some[1]!.flat()).toEqual([0, 0, 0, 0]);
      expect(some[2]).toEqual(all[2]);
      for (const v of all.flat(2)) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
      expect(all.flat(2).some((v) => v !== 0)).toBe(true);
    });
  });

  it('rounds only the flagged windows, and every window without flags (checkpoints before per-recording grids)', () => {
    const milliG = () => Float32Array.from([1000.25, 999.75, -3.25, 1200.25, 1200.75, 1201.5]);
    expect([...asWatchReadings(milliG(), 3, Uint8Array.of(1, 0), 1)]).toEqual([
      1000, 1000, 0, 1200.25, 1200.75, 1201.5,
    ]);
    expect([...asWatchReadings(milliG(), 3, null, 1)]).toEqual([1000, 1000, 0, 1200, 1201, 1202]);
    expect([...asWatchReadings(milliG(), 3, null, null)]).toEqual([1000.25, 999.75, 0, 1200.25, 1200.75, 1201.5]);
  });
});

describe('the watch grid, per recording, end to end', () => {
  it('styled: generated windows mix whole milli-g and fractions in the training proportion per class, and run.json records it', async () => {
    await withTempDir(async (dir) => {
      const { dataset, path } = await mixedDataset(dir);
      const config = resolveConfig({ arch: 'styled', steps: 1, batchSize: 16, backend: 'wasm', seed: 1 });
      const runDir = join(dir, 'run');
      await train({ dataset, datasetSources: [path], config, runDir, threads: 1 });
      const train_ = splitWindows(dataset, 'train');
      const expected = trainingShares(dataset, (i) => train_.ictal[i]!, 2);
      // The data mixes both, in every class: a run-wide switch would round none or all.
      for (const share of expected) expect(share).toBeGreaterThan(0.3);
      for (const share of expected) expect(share).toBeLessThan(0.9);

      const { header } = await loadCheckpoint(join(runDir, 'checkpoint.bin'));
      expect(header.watchGrid?.quantumMilliG).toBe(1);
      header.watchGrid!.shareOnGrid.forEach((share, c) => expect(share).toBeCloseTo(expected[c]!, 10));
      const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
      expect(record.watchGrid.perRecording).toBe(true);
      expect(record.watchGrid.shareOnGrid['non-ictal']).toBeCloseTo(expected[0]!, 10);
      expect(record.watchGrid.shareOnGrid.ictal).toBeCloseTo(expected[1]!, 10);

      const trained = await loadGenerator(runDir, 'wasm');
      try {
        const n = 3000;
        const generated = await generateWindows(trained, { n, seed: 5, threads: 1 });
        const shares = generatedShares(generated.values, generated.labels, 125, 2);
        // Binomial spread of a share over ≥ 1,000 windows is below 0.016; 0.06 is four of them.
        shares.forEach((share, c) => expect(Math.abs(share - expected[c]!)).toBeLessThan(0.06));
        // Windows off the grid are fractional throughout, not whole by chance.
        for (let i = 0; i < 50; i++) {
          const window = generated.values.subarray(i * 125, (i + 1) * 125);
          if (!whole(window)) expect(window.filter((v) => v === Math.round(v)).length).toBeLessThan(5);
        }
        // A window's flag depends on the seed and its index only, not on batches or chunks.
        const a = await generateWindows(trained, { n: 300, seed: 5, threads: 1 });
        const b = await generateWindows(trained, { n: 300, seed: 5, threads: 1, batchSize: 7 });
        expect(b.values).toEqual(a.values);
      } finally {
        trained.dispose();
      }
    });
  });

  it('an architecture without rows of real windows draws each window on the grid in its class share', async () => {
    await withTempDir(async (dir) => {
      const { dataset, path } = await mixedDataset(dir);
      const config = resolveConfig({ arch: 'bench', steps: 1, batchSize: 16, backend: 'wasm', seed: 1 });
      const runDir = join(dir, 'run');
      await train({ dataset, datasetSources: [path], config, runDir, threads: 1 });
      const train_ = splitWindows(dataset, 'train');
      const expected = trainingShares(dataset, (i) => train_.ictal[i]!, 2);
      const trained = await loadGenerator(runDir, 'wasm');
      try {
        const generated = await generateWindows(trained, { n: 3000, seed: 6, threads: 1 });
        const shares = generatedShares(generated.values, generated.labels, 125, 2);
        shares.forEach((share, c) => expect(Math.abs(share - expected[c]!)).toBeLessThan(0.06));
      } finally {
        trained.dispose();
      }
    });
  });

  it('whole events are on the grid or not as a whole, mixing both; a checkpoint from before per-recording grids rounds every window', async () => {
    await withTempDir(async (dir) => {
      const { dataset, path } = await mixedDataset(dir);
      const config = resolveConfig({
        arch: 'styled',
        condition: 'phase',
        steps: 1,
        batchSize: 16,
        backend: 'wasm',
        seed: 2,
      });
      const runDir = join(dir, 'run');
      await train({ dataset, datasetSources: [path], config, runDir, threads: 1 });
      const checkpoint = await loadCheckpoint(join(runDir, 'checkpoint.bin'));
      const outlines = checkpoint.header.eventOutlines!;
      const wholeEvents = outlines.filter((o) => o.onGrid).length / outlines.length;
      expect(wholeEvents).toBeGreaterThan(0.3);
      expect(wholeEvents).toBeLessThan(0.9);
      let trained = await loadGenerator(runDir, 'wasm');
      try {
        const { events } = await generateEvents(trained, { events: 60, seed: 3, threads: 1 });
        const kinds = events.map((event) => {
          const flags = event.datapoints.map((p) => whole(p.magnitude));
          expect(new Set(flags).size).toBe(1);
          return flags[0]!;
        });
        const share = kinds.filter(Boolean).length / kinds.length;
        // 60 events drawn from the outlines: a binomial spread of at most 0.065.
        expect(Math.abs(share - wholeEvents)).toBeLessThan(0.2);
      } finally {
        trained.dispose();
      }

      // The same run as an older version wrote it: no per-recording grid, no per-row flags.
      const { watchGrid, ...older } = checkpoint.header;
      expect(watchGrid).toBeDefined();
      const tensors = new Map(
        [...checkpoint.tensors]
          .filter(([name]) => !name.endsWith('/levels/grid'))
          .map(([name, t]) => [name, tf.tensor(t.values, t.shape as number[])]),
      );
      await saveCheckpoint(
        join(runDir, 'checkpoint.bin'),
        {
          ...older,
          quantumMilliG: 1,
          eventOutlines: outlines.map(({ onGrid, ...outline }) => outline),
        },
        tensors,
      );
      tf.dispose([...tensors.values()]);
      trained = await loadGenerator(runDir, 'wasm');
      try {
        const generated = await generateWindows(trained, { n: 200, seed: 5, threads: 1 });
        for (let i = 0; i < 200; i++) expect(whole(generated.values.subarray(i * 125, (i + 1) * 125))).toBe(true);
        const { events } = await generateEvents(trained, { events: 6, seed: 3, threads: 1 });
        for (const event of events) for (const p of event.datapoints) expect(whole(p.magnitude)).toBe(true);
      } finally {
        trained.dispose();
      }
    });
  });
});

describe('toMilliG', () => {
  it('rounds the windows the flags choose onto the checkpoint grid', () => {
    const normalisation = {
      method: 'zscore' as const,
      offset: 1000,
      scale: 200,
      fitted: { min: 0, max: 2000, mean: 1000, std: 200, samples: 1 },
    };
    const header = {
      normalisation,
      quantumMilliG: 1,
      samplesPerWindow: 2,
      watchGrid: { quantumMilliG: 1, shareOnGrid: [0.5] },
    };
    const out = toMilliG(Float32Array.from([0.0123, 0.0123, 0.0123, 0.0123]), header, Uint8Array.of(0, 1));
    expect(out[0]).toBeCloseTo(1002.46, 2);
    expect([out[2], out[3]]).toEqual([1002, 1002]);
  });
});
