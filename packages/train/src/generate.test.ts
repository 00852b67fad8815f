import { describe, expect, it } from 'vitest';
import { proportionalLabels } from './generate.js';
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

describe('conditioning classes', () => {
  const windows = { ictal: Uint8Array.from([0, 1, 1, 0, 1]), subType: ['Aura', 'Tonic-Clonic', '', 'Other', 'Tonic-Clonic'] };

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
    expect(() => resolveLabel('seizure', ['non-ictal', 'ictal'])).toThrow(/unknown label "seizure".*"non-ictal", "ictal"/);
  });
});
