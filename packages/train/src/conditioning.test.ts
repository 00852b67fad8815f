import { describe, expect, it } from 'vitest';
import { assignClasses, isIctalClass, phaseOf, PHASES } from './conditioning.js';

describe('phase classes', () => {
  // A 60 s seizure from t = 100 s to 160 s; 5 s windows (midpoint = start + 2.5 s).
  const S = 100_000;
  const E = 160_000;
  const starts = [0, 95_000, 97_500, 100_000, 117_500, 120_000, 137_500, 140_000, 157_500, 160_000, 300_000];
  const windows = {
    samplesPerWindow: 125,
    startTime: Float64Array.from(starts),
    // The ingest rule: ictal when the midpoint lies in [S, E].
    ictal: Uint8Array.from(starts, (t) => (t + 2500 >= S && t + 2500 <= E ? 1 : 0)),
    subType: starts.map(() => 'Tonic-Clonic'),
    seizureStart: new Float64Array(starts.length).fill(S),
    seizureEnd: new Float64Array(starts.length).fill(E),
  };

  it('places each window by its midpoint: before, thirds of the seizure, after', () => {
    const c = assignClasses(windows, 'phase');
    expect(c.classNames).toEqual([...PHASES]);
    expect([...c.labels].map((l) => c.classNames[l])).toEqual([
      'non-ictal', // midpoint 2.5 s
      'non-ictal', // 97.5 s, before onset
      'ictal-early', // 100 s exactly: the onset is ictal (ends included)
      'ictal-early', // 102.5 s
      'ictal-mid', // 120 s: one third in
      'ictal-mid',
      'ictal-late', // 140 s: two thirds in
      'ictal-late',
      'ictal-late', // 160 s exactly: the end is still ictal
      'post-ictal', // 162.5 s
      'post-ictal',
    ]);
    expect(c.counts).toEqual([2, 2, 2, 3, 2]);
  });

  it('agrees with the ictal label, so ictal phases are exactly the ictal windows', () => {
    const c = assignClasses(windows, 'phase');
    expect([...c.labels].map((l) => (isIctalClass(c.classNames[l]!) ? 1 : 0))).toEqual([...windows.ictal]);
  });

  it('events without a seizure are non-ictal throughout; an ictal label without times is mid-seizure', () => {
    expect(phaseOf(10, false, NaN, NaN)).toBe('non-ictal');
    expect(phaseOf(10, true, NaN, NaN)).toBe('ictal-mid');
    // The source's own label wins over seizureTimes, as for the ictal condition.
    expect(phaseOf(130, false, 100, 160)).toBe('non-ictal');
    expect(phaseOf(100, true, 100, 100)).toBe('ictal-mid');
  });

  it('says clearly when the columns it needs are missing', () => {
    expect(() => assignClasses({ ictal: Uint8Array.of(1), subType: [''] }, 'phase')).toThrow(
      /phase conditioning needs window times and seizure times/,
    );
  });

  it('keeps post-ictal out of the seizure classes', () => {
    expect(PHASES.filter(isIctalClass)).toEqual(['ictal-early', 'ictal-mid', 'ictal-late']);
    expect(isIctalClass('Tonic-Clonic')).toBe(true);
    expect(isIctalClass('all')).toBe(false);
  });
});
