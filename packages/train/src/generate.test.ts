import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import {
  blockLabels,
  describeGeneration,
  LABEL_BLOCK,
  proportionalLabels,
  toMilliG,
  type TrainedGenerator,
} from './generate.js';
import { deriveSeed, Stream } from './seeds.js';
import { assignClasses, resolveLabel } from './conditioning.js';

describe('proportionalLabels', () => {
  it('follows the training proportions exactly where n allows', () => {
    const labels = proportionalLabels(100, [600, 300, 100], 1);
    const counts = [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    expect(counts).toEqual([60, 30, 10]);
  });

  it('hands out remainders by largest fraction and shuffles deterministically', () => {
    const a = proportionalLabels(7, [1, 1, 1], 3);
    expect([0, 1, 2].map((c) => a.filter((l) => l === c).length).sort()).toEqual([2, 2, 3]);
    expect(proportionalLabels(7, [1, 1, 1], 3)).toEqual(a);
  });
});

describe('blockLabels', () => {
  const counts = [600, 300, 100];

  it('labels a request of at most one block as proportionalLabels does', () => {
    expect(blockLabels(0, 1000, 1000, counts, 9)).toEqual(
      proportionalLabels(1000, counts, deriveSeed(9, Stream.Generation, -1)),
    );
  });

  it('gives every window the same label however the request is cut, each block in exact proportions', () => {
    const n = 2 * LABEL_BLOCK + 10_000;
    const whole = blockLabels(0, n, n, counts, 9);
    const cut = new Int32Array(n);
    for (let first = 0; first < n; first += 50_000)
      cut.set(blockLabels(first, Math.min(50_000, n - first), n, counts, 9), first);
    expect(cut).toEqual(whole);
    const block = whole.subarray(LABEL_BLOCK, 2 * LABEL_BLOCK);
    const perClass = [0, 1, 2].map((c) => block.filter((l) => l === c).length);
    expect(perClass.reduce((a, b) => a + b)).toBe(LABEL_BLOCK);
    perClass.forEach((k, c) => expect(Math.abs(k - (LABEL_BLOCK * counts[c]!) / 1000)).toBeLessThan(1));
    // Blocks are shuffled from their own seeds: not copies of one another.
    expect(block.subarray(0, 100)).not.toEqual(whole.subarray(0, 100));
  });
});

describe('conditioning classes', () => {
  const windows = {
    ictal: Uint8Array.from([0, 1, 1, 0, 1]),
    subType: ['Aura', 'Tonic-Clonic', '', 'Other', 'Tonic-Clonic'],
  };

  it('ictal: non-ictal then ictal', () => {
    const c = assignClasses(windows, 'ictal');
    expect(c.classNames).toEqual(['non-ictal', 'ictal']);
    expect([...c.labels]).toEqual([0, 1, 1, 0, 1]);
    expect(c.counts).toEqual([2, 3]);
  });

  it('subtype: non-ictal plus the subtypes of ictal windows', () => {
    const c = assignClasses(windows, 'subtype');
    expect(c.classNames).toEqual(['non-ictal', 'Tonic-Clonic', 'unspecified']);
    expect([...c.labels]).toEqual([0, 1, 2, 0, 1]);
  });

  it('resolves labels by name, case-insensitively, and 1/0 for ictal', () => {
    expect(resolveLabel('ICTAL', ['non-ictal', 'ictal'])).toBe(1);
    expect(resolveLabel('0', ['non-ictal', 'ictal'])).toBe(0);
    expect(() => resolveLabel('seizure', ['non-ictal', 'ictal'])).toThrow(
      /unknown label "seizure".*"non-ictal", "ictal"/,
    );
  });
});

describe('toMilliG', () => {
  const normalisation = {
    method: 'zscore' as const,
    offset: 1000,
    scale: 200,
    fitted: { min: 0, max: 2000, mean: 1000, std: 200, samples: 1 },
  };

  it('denormalises onto the training grid and never below zero', () => {
    const values = Float32Array.from([0, 0.0123, -1.234, -6, 2.5]);
    expect([...toMilliG(values, { normalisation, quantumMilliG: 1, samplesPerWindow: 5 })]).toEqual([
      1000, 1002, 753, 0, 1500,
    ]);
  });

  it('keeps continuous values where the training data was not quantised (older runs too)', () => {
    const values = Float32Array.from([0.0123, -6]);
    const out = toMilliG(values, { normalisation, samplesPerWindow: 2 });
    expect(out[0]).toBeCloseTo(1002.46, 2);
    expect(out[1]).toBe(0);
  });
});

describe('describeGeneration', () => {
  /** Only what the description reads of a loaded run. */
  const runOf = (averaged: boolean) => ({
    runDir: 'runs/r1',
    header: { config: { arch: 'styled' }, step: 1707 } as TrainedGenerator['header'],
    averaged,
  });

  it('names the resolved run, architecture, step, weights and seed, then any details', () => {
    expect(describeGeneration(runOf(true), 4)).toBe(
      `accelgan run ${resolve('runs/r1')} (styled, step 1707, averaged generator, seed 4)`,
    );
    expect(describeGeneration(runOf(false), 4, 'whole events', 'seams joined')).toBe(
      `accelgan run ${resolve('runs/r1')} (styled, step 1707, seed 4, whole events, seams joined)`,
    );
  });
});
