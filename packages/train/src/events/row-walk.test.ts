import { mulberry32 } from '@accelgan/data';
import type { DrawnRows } from '@accelgan/model';
import { describe, expect, it } from 'vitest';
import { carryLevelJitter, walkRows } from './row-walk.js';

/** Rows of a class from their levels; log std and share follow the level (so one coordinate carries the test). */
function rowsOf(levels: number[], kernelStd = 1): DrawnRows['classes'][number] {
  return {
    level: Float32Array.from(levels),
    logStd: Float32Array.from(levels, (l) => l / 10),
    share: Float32Array.from(levels, (l) => l / 100),
    kernelStd: { level: kernelStd, logStd: 0.1 },
  };
}

function drawnRows(classes: DrawnRows['classes']): DrawnRows {
  return { classes, indexLatent: () => 0 };
}

const widths = { level: 0.15, logStd: 1, share: 2 };

describe('walkRows', () => {
  it('visits every row of a class equally often over a long walk, dense or sparse', () => {
    // Half the rows packed at level 0, half spread over 0–40: a walk that only followed the
    // kernel would linger in the dense half; the Metropolis–Hastings step corrects it.
    const levels = [...Array.from({ length: 50 }, (_, i) => i * 0.001), ...Array.from({ length: 50 }, (_, i) => 0.8 * (i + 1))];
    const rows = drawnRows([rowsOf(levels)]);
    const walked = walkRows(new Int32Array(100_000), rows, widths, mulberry32(3));
    const dense = Array.from(walked).filter((r) => r < 50).length / walked.length;
    expect(dense).toBeGreaterThan(0.45);
    expect(dense).toBeLessThan(0.55);
  });

  it('moves between rows near in value, and starts anywhere', () => {
    const levels = Array.from({ length: 200 }, (_, i) => i);
    const rows = drawnRows([rowsOf(levels)]);
    const walked = walkRows(new Int32Array(2_000), rows, widths, mulberry32(4));
    const steps = Array.from(walked).slice(1).map((r, k) => Math.abs(r - walked[k]!));
    // Random pairs of 0–199 lie about 67 apart; the kernel is 0.15 × the levels' spread wide.
    expect(steps.reduce((a, b) => a + b, 0) / steps.length).toBeLessThan(15);
    expect(Math.max(...steps)).toBeGreaterThan(0); // it does move
    const starts = Array.from({ length: 400 }, (_, seed) => walkRows(new Int32Array(1), rows, widths, mulberry32(seed))[0]!);
    expect(Math.min(...starts)).toBeLessThan(20);
    expect(Math.max(...starts)).toBeGreaterThan(180);
  });

  it('keeps the level through a class change: the new class’s row is near the old one in level', () => {
    // Two classes over the same levels in different orders (class 1's rows reversed), with
    // unrelated log stds and shares, as a seizure's onset meets other windows of the wrist.
    const levels = Array.from({ length: 100 }, (_, i) => i);
    const other = { ...rowsOf(levels.slice().reverse()), logStd: Float32Array.from(levels, (i) => ((i * 37) % 100) / 10), share: Float32Array.from(levels, (i) => ((i * 61) % 100) / 100) };
    const rows = drawnRows([rowsOf(levels), other]);
    const gaps: number[] = [];
    for (let seed = 0; seed < 200; seed++) {
      const walked = walkRows(Int32Array.from([0, 0, 0, 1, 1]), rows, widths, mulberry32(seed));
      gaps.push(Math.abs(rows.classes[1]!.level[walked[3]!]! - rows.classes[0]!.level[walked[2]!]!));
    }
    // The kernel on level alone is 0.15 × about 29 ≈ 4.4 wide: gaps of a few levels, against
    // about 33 between rows picked at random.
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThan(6);
  });

  it('is deterministic in its random source', () => {
    const rows = drawnRows([rowsOf(Array.from({ length: 30 }, (_, i) => i)), rowsOf(Array.from({ length: 20 }, (_, i) => i * 2))]);
    const classes = Int32Array.from([0, 0, 1, 1, 1, 0]);
    expect(walkRows(classes, rows, widths, mulberry32(9))).toEqual(walkRows(classes, rows, widths, mulberry32(9)));
    const others = Array.from({ length: 10 }, (_, s) => Array.from(walkRows(classes, rows, widths, mulberry32(100 + s))).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });
});

describe('carryLevelJitter', () => {
  const rho = 0.998;
  // Class 0: narrow kernel (std 1) over levels 0–9; class 1: wide (std 3) over 0–18.
  const rows = drawnRows([rowsOf(Array.from({ length: 10 }, (_, i) => i), 1), rowsOf(Array.from({ length: 10 }, (_, i) => 2 * i), 3)]);

  it('leaves a walk without class changes as it was', () => {
    const jitter = Float32Array.from([0.3, -0.2, 1.1, 0.7]);
    expect(carryLevelJitter([0, 0, 0, 0], [1, 2, 3, 4], rows, jitter, rho)).toEqual(jitter);
  });

  it('puts the new class’s draw where the old one was, then walks on with the same innovations', () => {
    // A walk with no innovations: j_k = ρ^k j_0.
    const jitter = Float32Array.from({ length: 6 }, (_, k) => 1.5 * rho ** k);
    const classes = [0, 0, 0, 1, 1, 1];
    const walked = [4, 5, 5, 3, 3, 4];
    const carried = carryLevelJitter(classes, walked, rows, jitter, rho);
    const drawn = (k: number) => rows.classes[classes[k]!]!.level[walked[k]!]! + rows.classes[classes[k]!]!.kernelStd.level * carried[k]!;
    expect(Array.from(carried.slice(0, 3))).toEqual(Array.from(jitter.slice(0, 3)));
    // Across the change (level 5 + 1 × j₂ before, a row at level 6 with a kernel 3 wide after)
    // the drawn level moves only by the AR step's pull toward the row: (1 − ρ) × the gap.
    const before = drawn(2);
    expect(drawn(3)).toBeCloseTo(6 + rho * (before - 6), 5);
    // Without the carry the same jitter would put it 6 + 3 × j₃ ≈ 10.5, 3.5 away.
    expect(Math.abs(6 + 3 * jitter[3]! - before)).toBeGreaterThan(3);
    // Then the walk goes on from there: no innovations, so it decays by ρ a step.
    expect(carried[4]).toBeCloseTo(rho * carried[3]!, 6);
  });
});
