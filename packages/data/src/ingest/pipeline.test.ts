import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset, writeDataset } from '../arrow.js';
import { describeDataset } from '../describe.js';
import { isAccelganError } from '../errors.js';
import { writeOsdbJson, writeWindowsCsv } from '../export.js';
import { loadWindows } from '../load.js';
import { denormalise } from '../normalise.js';
import { simulateEvents } from '../simulate/simulate.js';
import { rawEvent, samples, useTempDir, writeText } from '../test-helpers.js';
import { ingest } from './pipeline.js';

const tempDir = useTempDir();

async function simFile(events = 16, seed = 3): Promise<string> {
  const path = join(await tempDir(), 'sim.json');
  await writeOsdbJson(path, simulateEvents({ events, seed }));
  return path;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAccelganError(error), String(error)).toBe(true);
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

describe('ingest', () => {
  it('windows, labels, splits by event and summarises', async () => {
    const path = await simFile();
    const { dataset, summary } = await ingest([path], { valFraction: 0.25, seed: 5 });
    const { windows, meta } = dataset;
    expect(summary.windows).toBe(windows.eventId.length);
    expect(summary.ictal + summary.nonIctal).toBe(summary.windows);
    expect(summary.train + summary.val).toBe(summary.windows);
    expect(summary.ictal).toBeGreaterThan(0);
    expect(summary.nonIctal).toBeGreaterThan(0);
    expect(summary.valEvents).toBe(4);
    expect(summary.sources).toEqual([
      { path, format: 'osdb-json', events: 16, datapoints: summary.windows, labelling: 'window' },
    ]);
    expect(summary.labelling).toBe('window');
    expect(meta.labelling).toBe('window');
    // No event on both sides.
    const sides = new Map<string, Set<string>>();
    windows.eventId.forEach((id, i) => sides.set(id, (sides.get(id) ?? new Set()).add(windows.split[i]!)));
    expect([...sides.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(meta.split.valEvents)).toEqual(
      new Set(windows.eventId.filter((_, i) => windows.split[i] === 'val')),
    );
    expect(meta).toMatchObject({ windowSeconds: 5, strideSeconds: 5, samplesPerWindow: 125, sampleRateHz: 25 });
  });

  it('fits the default minmax on training windows only', async () => {
    const { dataset } = await ingest([await simFile()], { valFraction: 0.3, seed: 2 });
    const { windows, meta } = dataset;
    expect(meta.normalisation.method).toBe('minmax');
    let trainMin = Infinity;
    let trainMax = -Infinity;
    let allMax = -Infinity;
    windows.split.forEach((split, i) => {
      const row = windows.values.subarray(i * 125, (i + 1) * 125);
      for (const v of row) {
        allMax = Math.max(allMax, v);
        if (split === 'train') {
          trainMin = Math.min(trainMin, v);
          trainMax = Math.max(trainMax, v);
        }
      }
    });
    expect(trainMin).toBeCloseTo(-1, 5);
    expect(trainMax).toBeCloseTo(1, 5);
    const milliG = denormalise(windows.values, meta.normalisation);
    expect(Math.max(...milliG.subarray(0, 1250))).toBeGreaterThan(900);
    expect(meta.normalisation.fitted.samples).toBe(meta.counts.train * 125);
  });

  it('is reproducible for a seed and varies with it', async () => {
    const path = await simFile();
    const a = await ingest([path], { seed: 11 });
    const b = await ingest([path], { seed: 11 });
    const c = await ingest([path], { seed: 12 });
    expect(b.dataset.meta.split).toEqual(a.dataset.meta.split);
    expect(c.dataset.meta.split.valEvents).not.toEqual(a.dataset.meta.split.valEvents);
    expect(b.dataset.windows.values).toEqual(a.dataset.windows.values);
  });

  it('cuts longer windows, overlapping by default and not with stride = window', async () => {
    const path = await simFile(8);
    const five = await ingest([path]);
    const fifteen = await ingest([path], { windowSeconds: 15 });
    const apart = await ingest([path], { windowSeconds: 15, strideSeconds: 15 });
    expect(fifteen.dataset.meta.samplesPerWindow).toBe(375);
    expect(fifteen.summary.windows).toBeLessThan(five.summary.windows);
    expect(apart.summary.windows).toBeLessThan(fifteen.summary.windows / 2);
    expect(apart.summary.windows).toBeGreaterThan(fifteen.summary.windows / 4);
  });

  it('filters by type, subtype and user, case-insensitively, counting what it dropped', async () => {
    const path = await simFile(16);
    const all = await ingest([path]);
    const seizures = await ingest([path], { types: ['seizure'] });
    expect(new Set(seizures.dataset.windows.type)).toEqual(new Set(['Seizure']));
    expect(seizures.summary.skipped['event: filtered out by type']).toBe(6);
    const tc = await ingest([path], { subTypes: ['Tonic-Clonic', 'aura'] });
    expect(new Set(tc.dataset.windows.subType)).toEqual(new Set(['Tonic-Clonic', 'Aura']));
    const user = all.dataset.windows.userId[0]!;
    const one = await ingest([path], { users: [user] });
    expect(new Set(one.dataset.windows.userId)).toEqual(new Set([user]));
    expect(one.dataset.meta.filters.users).toEqual([user]);
  });

  it('fails clearly when the filters leave nothing, naming what there was', async () => {
    const message = await failure(ingest([await simFile()], { types: ['Fall'] }));
    expect(message).toMatch(
      /no windows left from .*sim\.json after filtering \(types seen: Seizure \(\d+\), False Alarm/,
    );
  });

  it('fails clearly when no datapoint is usable', async () => {
    const event = rawEvent();
    for (const dp of event.datapoints as Record<string, unknown>[]) dp.rawData = samples().slice(0, 100);
    const path = await writeText(await tempDir(), 'bad.json', JSON.stringify([event]));
    expect(await failure(ingest([path]))).toMatch(
      /no usable windows in .*bad\.json \(skipped: 6 × datapoint: rawData length 100, 1 × event: no usable datapoints\)/,
    );
  });

  it('checks options before reading anything', async () => {
    expect(await failure(ingest(['/does/not/exist.json'], { windowSeconds: 7 }))).toMatch(
      /multiple of 5 seconds \(one OSDB datapoint\); got 7/,
    );
    expect(await failure(ingest(['/does/not/exist.json'], { valFraction: 1.5 }))).toMatch(/val fraction/);
    expect(await failure(ingest(['/does/not/exist.json'], { scale: 'log' as never }))).toMatch(/unknown scaling "log"/);
    expect(await failure(ingest([]))).toMatch(/at least one input/);
    expect(await failure(ingest(['/does/not/exist.json']))).toBe('/does/not/exist.json: no such file');
  });

  it('combines several inputs of different formats', async () => {
    const dir = await tempDir();
    const json = await simFile(4, 1);
    const csv = join(dir, 'gen.csv');
    await writeWindowsCsv(csv, {
      samplesPerWindow: 125,
      values: Float32Array.from({ length: 250 }, (_, i) => 1000 + i),
      eventId: ['g1', 'g2'],
      ictal: Uint8Array.of(1, 0),
    });
    const { dataset, summary } = await ingest([json, csv], { scale: 'none', valFraction: 0 });
    expect(summary.sources.map((s) => s.format)).toEqual(['osdb-json', 'windows-csv']);
    expect(dataset.windows.eventId.slice(-2)).toEqual(['g1', 'g2']);
    expect(dataset.windows.values[dataset.windows.values.length - 1]).toBe(1249);
    expect(Number.isNaN(dataset.windows.startTime[dataset.windows.startTime.length - 1]!)).toBe(true);
    expect(dataset.meta.counts.val).toBe(0);
  });

  it('refuses to mix window lengths', async () => {
    const csv = join(await tempDir(), 'gen.csv');
    await writeWindowsCsv(csv, {
      samplesPerWindow: 250,
      values: new Float32Array(250).fill(1000),
      eventId: ['g'],
      ictal: Uint8Array.of(0),
    });
    expect(await failure(ingest([csv], { windowSeconds: 5 }))).toMatch(
      /holds windows of 250 samples \(10 s\), not the 5 s asked for/,
    );
    const { dataset } = await ingest([csv, await simFile(2)]);
    expect(dataset.meta.windowSeconds).toBe(10);
  });
});

describe('loadWindows', () => {
  it('returns one Arrow dataset exactly as stored', async () => {
    const dir = await tempDir();
    const { dataset } = await ingest([await simFile(6)]);
    await writeDataset(join(dir, 'd.arrow'), dataset);
    const loaded = await loadWindows([join(dir, 'd.arrow')]);
    expect(loaded).toEqual(await readDataset(join(dir, 'd.arrow')));
  });

  it('re-scales an Arrow dataset to milli-g on request, keeping its split', async () => {
    const dir = await tempDir();
    const { dataset } = await ingest([await simFile(8)], { scale: 'zscore', valFraction: 0.25, seed: 4 });
    await writeDataset(join(dir, 'd.arrow'), dataset);
    const milliG = await loadWindows([join(dir, 'd.arrow')], { scale: 'none' });
    expect(milliG.meta.normalisation.method).toBe('none');
    expect(milliG.windows.split).toEqual(dataset.windows.split);
    expect(milliG.meta.split.valEvents).toEqual(dataset.meta.split.valEvents);
    const expected = denormalise(dataset.windows.values, dataset.meta.normalisation);
    for (let i = 0; i < expected.length; i += 997) expect(milliG.windows.values[i]).toBeCloseTo(expected[i]!, 2);
  });

  it('reads OSDB JSON as milli-g, all in train', async () => {
    const dataset = await loadWindows([await simFile(4)]);
    expect(dataset.meta.normalisation.method).toBe('none');
    expect(dataset.meta.counts.val).toBe(0);
    expect(describeDataset(dataset).values.milliG.mean).toBeGreaterThan(950);
  });
});

describe('describeDataset', () => {
  it('counts by class, split, subtype and user, and gives ranges in both units', async () => {
    const { dataset } = await ingest([await simFile(16)], { scale: 'minmax01' });
    const d = describeDataset(dataset);
    expect(d.ictal + d.nonIctal).toBe(d.windows);
    expect(d.split.train.windows + d.split.val.windows).toBe(d.windows);
    expect([...d.bySubType.values()].reduce((a, b) => a + b, 0)).toBe(d.windows);
    expect([...d.byUser.keys()].length).toBeGreaterThanOrEqual(2);
    expect(d.values.normalised.min).toBeGreaterThanOrEqual(-0.5);
    expect(d.values.milliG.min).toBeCloseTo(dataset.meta.normalisation.fitted.min, 0);
    expect(d.values.milliG.max).toBeGreaterThanOrEqual(dataset.meta.normalisation.fitted.max - 0.01);
  });
});
