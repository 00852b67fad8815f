import { describe, expect, test } from 'vitest';
import { classicAugmentation, phaseWindows, type AugmentationSource } from './classic-augmentation.js';

const T0 = Date.UTC(2024, 0, 1);
const L = 125;

/**
 * One event of `n` consecutive 5 s windows whose samples count up (window k holds
 * 1000 + 125k … 1000 + 125k + 124), so that a shifted window shows where it was cut;
 * seizure [onset, end] in seconds from the first sample.
 */
function ramp(
  id: string,
  n: number,
  seizure: readonly [number, number],
  from = 0,
): AugmentationSource & { userId: string[] } {
  const values = Float32Array.from({ length: n * L }, (_, i) => 1000 + i);
  const starts = Array.from({ length: n }, (_, k) => T0 + (from + 5 * k) * 1000);
  const mid = (k: number) => (starts[k]! - T0) / 1000 + 2.5;
  return {
    samplesPerWindow: L,
    values,
    eventId: starts.map(() => id),
    userId: starts.map(() => 'u'),
    startTime: Float64Array.from(starts),
    ictal: Uint8Array.from(starts, (_, k) => (mid(k) >= seizure[0] && mid(k) <= seizure[1] ? 1 : 0)),
    seizureStart: Float64Array.from(starts, () => T0 + seizure[0] * 1000),
    seizureEnd: Float64Array.from(starts, () => T0 + seizure[1] * 1000),
  };
}

describe("the toolkit's classic augmentation", () => {
  test('phase: windows shifted by each offset along the unbroken recording, kept where their midpoint is ictal', () => {
    // 4 windows (0–20 s), seizure 0–20 s: every shifted window is ictal. Offsets 25, 50, 75, 100: 3 windows each.
    const all = phaseWindows(ramp('e', 4, [0, 20]), 25);
    expect(all.event).toHaveLength(4 * 3);
    // The first: offset 25 into window 0, i.e. samples 25…149 of the signal.
    expect(all.values[0]).toBe(1025);
    expect(all.values[L - 1]).toBe(1149);
    // Offset 50, position 2: samples 50 + 250 … 50 + 374.
    expect(all.values[(3 + 2) * L]).toBe(1300);
    // Seizure 7.5–12.5 s: only shifted windows whose midpoint (start + 2.5 s) lies in it.
    const some = phaseWindows(ramp('e', 4, [7.5, 12.5]), 25);
    const midpoints = Array.from({ length: some.event.length }, (_, k) => (some.values[k * L]! - 1000) / 25 + 2.5);
    expect(midpoints.every((m) => m >= 7.5 && m <= 12.5)).toBe(true);
    // Starts 5 + 1 s·j for offsets 25, 50, 75, 100 (1–4 s) and window starts 0, 5, 10: midpoints 8.5, 9.5, 10.5, 11.5 (from 5 s) and 3.5–6.5, 13.5–16.5 (out).
    expect(midpoints).toEqual([8.5, 9.5, 10.5, 11.5]);
  });

  test('phase never joins windows across a hole in the recording', () => {
    const a = ramp('e', 2, [0, 100]);
    const b = ramp('e', 2, [0, 100], 60); // 50 s after the first run ends
    const joined: AugmentationSource = {
      samplesPerWindow: L,
      values: Float32Array.from([...a.values, ...b.values]),
      eventId: [...a.eventId, ...b.eventId],
      startTime: Float64Array.from([...a.startTime, ...b.startTime]),
      ictal: Uint8Array.from([...a.ictal, ...b.ictal]),
      seizureStart: Float64Array.from([...a.seizureStart, ...b.seizureStart]),
      seizureEnd: Float64Array.from([...a.seizureEnd, ...b.seizureEnd]),
    };
    // Two runs of 2 windows: one shifted window per offset in each, none across the hole.
    expect(phaseWindows(joined, 25).event).toHaveLength(2 * 4);
  });

  test('the pool is (ictal × copies) + phase × (1 + copies); a draw is without replacement, seeded, on the grid', () => {
    const source = ramp('e', 4, [0, 12.5]); // windows 0–2 ictal (midpoints 2.5, 7.5, 12.5: both ends count), 3 not
    const ictal = [...source.ictal].filter(Boolean).length;
    expect(ictal).toBe(3);
    const settings = { noiseCopies: 2, noiseMg: 30, phaseStep: 25, seed: 7, quantumMg: 1 };
    const everything = classicAugmentation(source, 10_000, settings);
    expect(everything.pool).toBe(ictal * 2 + everything.phaseWindows * 3);
    expect(everything.sourceEvent).toHaveLength(everything.pool);
    expect(everything.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    // Noise of about 30 mg around the source: the originals' copies come first in the pool.
    let sum = 0;
    let squares = 0;
    for (let t = 0; t < L; t++) {
      const d = everything.values[t]! - source.values[t]!;
      sum += d;
      squares += d * d;
    }
    const sd = Math.sqrt(squares / L - (sum / L) ** 2);
    expect(sd).toBeGreaterThan(20);
    expect(sd).toBeLessThan(40);
    // A smaller draw is a subset of the pool, each drawn window as the whole pool has it.
    const few = classicAugmentation(source, 5, settings);
    expect(few.sourceEvent).toHaveLength(5);
    const rows = (v: Float32Array) =>
      Array.from({ length: v.length / L }, (_, k) => v.subarray(k * L, (k + 1) * L).join(','));
    const pool = new Set(rows(everything.values));
    expect(rows(few.values).every((r) => pool.has(r))).toBe(true);
    expect(new Set(rows(few.values)).size).toBe(5);
    // Same seed, same windows; another seed, others.
    expect(classicAugmentation(source, 5, settings).values).toEqual(few.values);
    expect(classicAugmentation(source, 5, { ...settings, seed: 8 }).values).not.toEqual(few.values);
  });

  test('each drawn window says where it came from: the row it starts in, its offset and its noise copy', () => {
    const source = ramp('e', 4, [0, 20]);
    const drawn = classicAugmentation(source, 10_000, {
      noiseCopies: 2,
      noiseMg: 0,
      phaseStep: 25,
      seed: 3,
      quantumMg: null,
    });
    // Originals' copies first (copies 1, 2 of each ictal row), then each phase window as cut (copy 0) and its copies.
    expect(Array.from(drawn.copy.subarray(0, 8))).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(Array.from(drawn.offset.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(drawn.copy.subarray(8, 11))).toEqual([0, 1, 2]);
    // With no noise, every window equals the source signal from (row, offset): the ramp tells where.
    for (let k = 0; k < drawn.copy.length; k++) {
      const start = drawn.sourceRow[k]! * L + drawn.offset[k]!;
      expect(drawn.values[k * L]).toBe(1000 + start);
      expect(drawn.values[k * L + L - 1]).toBe(1000 + start + L - 1);
    }
    expect(new Set(drawn.offset)).toEqual(new Set([0, 25, 50, 75, 100]));
  });

  test('without noise copies and phase there is nothing to add', () => {
    const none = classicAugmentation(ramp('e', 3, [0, 15]), 10, {
      noiseCopies: 0,
      noiseMg: 30,
      phaseStep: 0,
      seed: 1,
      quantumMg: null,
    });
    expect(none.pool).toBe(0);
    expect(none.values).toHaveLength(0);
  });
});
