import { describe, expect, it } from 'vitest';
import { joinSeams } from './seams.js';

/** Three 125-sample windows of a 3 Hz sine, each at its own unrelated level. */
function windows(): Float32Array {
  const levels = [1000, 1200, 850];
  return Float32Array.from({ length: 375 }, (_, i) => levels[Math.floor(i / 125)]! + 30 * Math.sin((2 * Math.PI * 3 * i) / 25));
}
const step = (x: Float32Array, i: number) => Math.abs(x[i + 1]! - x[i]!);
const maxWithinStep = (x: Float32Array) => Math.max(...Array.from({ length: 374 }, (_, i) => i).filter((i) => i % 125 !== 124).map((i) => step(x, i)));

describe('joining windows', () => {
  it('leaves them as generated with mode none: the boundary steps are the level jumps', () => {
    const x = windows();
    joinSeams(x, 125, 3, { mode: 'none', taper: 12 });
    expect(x).toEqual(windows());
    expect(step(x, 124)).toBeGreaterThan(150);
  });

  it('level: the boundary step becomes an ordinary step, and only the first `taper` samples move', () => {
    const before = windows();
    const x = windows();
    joinSeams(x, 125, 3, { mode: 'level', taper: 12 });
    const within = maxWithinStep(before);
    for (const boundary of [124, 249]) expect(step(x, boundary)).toBeLessThanOrEqual(within);
    // The taper spreads the correction (≤ 350 mg here): a raised cosine over 12 samples changes by at most (π/2)·d/12 per sample.
    expect(Math.max(...Array.from({ length: 374 }, (_, i) => step(x, i)))).toBeLessThan(within + ((Math.PI / 2) * 350) / 12);
    for (let i = 0; i < 375; i++) if (i < 125 || i % 125 >= 12) expect(x[i]).toBe(before[i]);
  });

  it('continues a smooth signal exactly: a line split into windows is left a line', () => {
    const line = Float32Array.from({ length: 250 }, (_, i) => 1000 + 2 * i);
    const x = line.slice();
    joinSeams(x, 125, 2, { mode: 'level', taper: 25 });
    expect(x).toEqual(line);
  });

  it('joins only inside the given span', () => {
    const x = windows();
    joinSeams(x, 125, 2, { mode: 'level', taper: 12 }, 125);
    expect(x.subarray(0, 250)).toEqual(windows().subarray(0, 250));
    expect(step(x, 249)).toBeLessThan(20);
  });
});
