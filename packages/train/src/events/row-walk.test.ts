import { mulberry32 } from '@accelgan/data';
import type { DrawnRows } from '@accelgan/model';
import { describe, expect, it } from 'vitest';
import { walkLevelJitter, walkRows } from './row-walk.js';

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

const widths = { levelStep: 0.4, level: 0.15, logStd: 1, share: 2 };

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

describe('walkLevelJitter', () => {
  const rho = 0.998;
  // Class 0: narrow kernel (std 1) over levels 0–9; class 1: wide (std 3) over 0–18. Each
  // row's log std is level / 10 (rowsOf), so the rows' stds run from 1 to e^1.8 ≈ 6.
  const rows = drawnRows([rowsOf(Array.from({ length: 10 }, (_, i) => i), 1), rowsOf(Array.from({ length: 10 }, (_, i) => 2 * i), 3)]);
  const drawnLevel = (classes: number[], walked: number[], jitter: Float32Array, k: number) =>
    rows.classes[classes[k]!]!.level[walked[k]!]! + rows.classes[classes[k]!]!.kernelStd.level * jitter[k]!;

  it('puts the new row where the old draw was, across a class change, and pulls it toward its own level', () => {
    // No innovations: j_k = ρ^k j_0, so every move is the carry and the pull.
    const jitter = Float32Array.from({ length: 6 }, (_, k) => 1.5 * rho ** k);
    const classes = [0, 0, 0, 1, 1, 1];
    const walked = [4, 5, 5, 3, 3, 4];
    const carried = walkLevelJitter(classes, walked, rows, jitter, rho, widths);
    const drawn = (k: number) => drawnLevel(classes, walked, carried, k);
    // Across the change (class 0's row at level 5, log std 0.5, + 1 × j₂ before; class 1's
    // row at level 6, log std 0.6, kernel 3 wide, after) the drawn level moves only by the
    // pull toward the new row: (1 − ρ₃) × the gap, ρ₃ = 1 − ½ (0.4 × e^0.6 / 3)², e^0.6 being
    // the larger of the two rows' stds.
    const sigma = 0.4 * Math.max(Math.exp(0.5), Math.exp(0.6));
    const rho3 = 1 - 0.5 * (sigma / 3) ** 2;
    expect(drawn(3)).toBeCloseTo(6 + rho3 * (drawn(2) - 6), 5);
    // The same jitter without the carry would have put it 6 + 3 × j₃ ≈ 10.5, 3.5 away.
    expect(Math.abs(6 + 3 * jitter[3]! - drawn(2))).toBeGreaterThan(3);
    // A row kept: the jitter decays by ρ_k toward the row's own level.
    const sigma4 = 0.4 * Math.exp(0.6);
    expect(carried[4]).toBeCloseTo((1 - 0.5 * (sigma4 / 3) ** 2) * carried[3]!, 6);
  });

  it('moves a still wrist’s level less than a convulsing one’s', () => {
    // One class, kernel 1 wide; a still row (log std −3: std 0.05) and a vigorous one (log std 0.5).
    const still = { ...rowsOf([0, 0]), logStd: Float32Array.from([-3, 0.5]) };
    const oneClass = drawnRows([still]);
    const noise = (seed: number) => {
      const random = mulberry32(seed);
      return Float32Array.from({ length: 400 }, () => random() - 0.5);
    };
    const spread = (row: number) => {
      const jitter = walkLevelJitter(new Array(400).fill(0), new Array(400).fill(row), oneClass, noise(row + 1), rho, widths);
      const steps = Array.from(jitter).slice(1).map((j, k) => Math.abs(j - jitter[k]!));
      return steps.reduce((a, b) => a + b, 0) / steps.length;
    };
    // Steps scale with the std: 0.4 × 0.05 against 0.4 × e^0.5 ≈ 0.66, about 33 times.
    expect(spread(1) / spread(0)).toBeGreaterThan(15);
  });
});
