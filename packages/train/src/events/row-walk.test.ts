import { mulberry32 } from '@accelgan/data';
import type { DrawnRows } from '@accelgan/model';
import { describe, expect, it } from 'vitest';
import { standardNormal } from './latents.js';
import { RowWalk } from './row-walk.js';

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

const walkRows = (classes: ArrayLike<number>, rows: DrawnRows, w: typeof widths, random: () => number) =>
  new RowWalk(rows, w).rows(classes, random);

const widths = { levelStep: 0.4, level: 0.15, logStd: 1, share: 2 };

describe('RowWalk.rows', () => {
  it('visits every row of a class equally often over a long walk, dense or sparse', () => {
    // Half the rows packed at level 0, half spread over 0–40: a walk that only followed the
    // kernel would linger in the dense half; the Metropolis–Hastings step corrects it.
    const levels = [
      ...Array.from({ length: 50 }, (_, i) => i * 0.001),
      ...Array.from({ length: 50 }, (_, i) => 0.8 * (i + 1)),
    ];
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
    const steps = Array.from(walked)
      .slice(1)
      .map((r, k) => Math.abs(r - walked[k]!));
    // Random pairs of 0–199 lie about 67 apart; the kernel is 0.15 × the levels' spread wide.
    expect(steps.reduce((a, b) => a + b, 0) / steps.length).toBeLessThan(15);
    expect(Math.max(...steps)).toBeGreaterThan(0); // it does move
    const starts = Array.from(
      { length: 400 },
      (_, seed) => walkRows(new Int32Array(1), rows, widths, mulberry32(seed))[0]!,
    );
    expect(Math.min(...starts)).toBeLessThan(20);
    expect(Math.max(...starts)).toBeGreaterThan(180);
  });

  it('keeps the level through a class change: the new class’s row is near the old one in level', () => {
    // Two classes over the same levels in different orders (class 1's rows reversed), with
    // unrelated log stds and shares, as a seizure's onset meets other windows of the wrist.
    const levels = Array.from({ length: 100 }, (_, i) => i);
    const other = {
      ...rowsOf(levels.slice().reverse()),
      logStd: Float32Array.from(levels, (i) => ((i * 37) % 100) / 10),
      share: Float32Array.from(levels, (i) => ((i * 61) % 100) / 100),
    };
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
    const rows = drawnRows([
      rowsOf(Array.from({ length: 30 }, (_, i) => i)),
      rowsOf(Array.from({ length: 20 }, (_, i) => i * 2)),
    ]);
    const classes = Int32Array.from([0, 0, 1, 1, 1, 0]);
    expect(walkRows(classes, rows, widths, mulberry32(9))).toEqual(walkRows(classes, rows, widths, mulberry32(9)));
    const others = Array.from({ length: 10 }, (_, s) =>
      Array.from(walkRows(classes, rows, widths, mulberry32(100 + s))).join(),
    );
    expect(new Set(others).size).toBeGreaterThan(1);
  });
});

describe('RowWalk.levels', () => {
  // Class 0: kernel 1 wide over levels 0–9; class 1: 3 wide over 0–18. Each row's log std
  // is level / 10 (rowsOf), so the rows' stds run from 1 to e^1.8 ≈ 6.
  const rows = drawnRows([
    rowsOf(
      Array.from({ length: 10 }, (_, i) => i),
      1,
    ),
    rowsOf(
      Array.from({ length: 10 }, (_, i) => 2 * i),
      3,
    ),
  ]);
  const walk = new RowWalk(rows, widths);

  it('starts where it is told and steps from the previous level toward each row’s own', () => {
    const classes = [0, 0, 0, 1, 1, 1];
    const walked = [4, 5, 5, 3, 3, 4];
    // Without noise each step is the pull alone: L_k = ℓ_k + ρ_k (L_{k−1} − ℓ_k).
    const levels = walk.levels(classes, walked, 7.5, () => 0);
    expect(levels[0]).toBe(7.5);
    const rhoAt = (k: number) => {
      const h = rows.classes[classes[k]!]!.kernelStd.level;
      const std = Math.max(
        Math.exp(rows.classes[classes[k]!]!.logStd[walked[k]!]!),
        Math.exp(rows.classes[classes[k - 1]!]!.logStd[walked[k - 1]!]!),
      );
      return 1 - 0.5 * ((0.4 * std) / h) ** 2;
    };
    for (let k = 1; k < classes.length; k++) {
      const own = rows.classes[classes[k]!]!.level[walked[k]!]!;
      expect(levels[k]).toBeCloseTo(own + rhoAt(k) * (levels[k - 1]! - own), 6);
    }
    // Across the class change (k = 3) the level moves by (1 − ρ₃) of the gap, not to the row's 6.
    expect(Math.abs(levels[3]! - levels[2]!)).toBeLessThan(0.5 * Math.abs(6 - levels[2]!));
  });

  it('moves a still wrist’s level far less than a convulsing one’s, and keeps the kernel’s spread about a row', () => {
    // One class, kernel 1 wide: a still row (std e^−3 ≈ 0.05) and a vigorous one (std e^0.5 ≈ 1.6).
    const oneClass = drawnRows([{ ...rowsOf([0, 0]), logStd: Float32Array.from([-3, 0.5]) }]);
    const walkOne = new RowWalk(oneClass, widths);
    const stepsOf = (row: number) => {
      const levels = walkOne.levels(
        new Array(4000).fill(0),
        new Array(4000).fill(row),
        0,
        standardNormal(mulberry32(row + 1)),
      );
      const steps = Array.from(levels)
        .slice(1)
        .map((l, k) => Math.abs(l - levels[k]!));
      const rms = Math.sqrt(Array.from(levels).reduce((a, l) => a + l * l, 0) / levels.length);
      return { step: steps.reduce((a, b) => a + b, 0) / steps.length, rms };
    };
    const still = stepsOf(0);
    const vigorous = stepsOf(1);
    // Steps scale with the std: 0.4 × 0.05 against 0.4 × 1.6, about 33 times.
    expect(vigorous.step / still.step).toBeGreaterThan(15);
    // About its row the level keeps the kernel's spread (std 1 here), as single windows do.
    expect(vigorous.rms).toBeGreaterThan(0.8);
    expect(vigorous.rms).toBeLessThan(1.2);
  });

  it('refuses widths that are not positive', () => {
    expect(() => new RowWalk(rows, { ...widths, share: 0 })).toThrow(RangeError);
    expect(() => new RowWalk(rows, { ...widths, levelStep: Number.NaN })).toThrow(RangeError);
  });
});
