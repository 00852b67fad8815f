import { describe, expect, it } from 'vitest';
import { BRIDGE_HALF, bridgeSeams, joinSeams } from './seams.js';

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

  it('bridge: the samples around each boundary come from the bridging window, cross-faded into the neighbours', () => {
    const before = windows();
    const x = windows();
    // Two bridges: a 3 Hz sine at 1100 and at 1000 mg, as if generated across each boundary.
    const bridges = Float32Array.from({ length: 250 }, (_, i) => (i < 125 ? 1100 : 1000) + 30 * Math.sin((2 * Math.PI * 3 * i) / 25));
    const fade = 12;
    bridgeSeams(x, bridges, 125, 3, fade);
    // Inside ±BRIDGE_HALF of boundary 1 (sample 125) the values are the bridge's middle (its sample 62 on the boundary).
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) expect(x[125 + i]).toBeCloseTo(bridges[62 + i]!, 4);
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) expect(x[250 + i]).toBeCloseTo(bridges[125 + 62 + i]!, 4);
    // Outside the fades, untouched: every window keeps its own middle.
    for (const t of [0, 60, 125 + BRIDGE_HALF + fade, 200, 250 - BRIDGE_HALF - fade - 1, 300, 374]) expect(x[t]).toBe(before[t]);
    // Inside the fade the bridge's weight falls by 1/(fade + 1) a sample: the 6th sample past the bridge's own part has 7/13.
    const i = BRIDGE_HALF + 5;
    expect(x[125 + i]).toBeCloseTo((6 / 13) * before[125 + i]! + (7 / 13) * bridges[62 + i]!, 3);
    // The 200 mg and 350 mg jumps at the boundaries are gone; the largest step left is a fade step.
    expect(step(x, 124)).toBeLessThan(20);
    expect(step(x, 249)).toBeLessThan(20);
    expect(Math.max(...Array.from({ length: 374 }, (_, i) => step(x, i)))).toBeLessThan(maxWithinStep(before) + 350 / (fade + 1));
  });

  it('bridge: refuses a fade that reaches the bridge window’s edges', () => {
    expect(() => bridgeSeams(new Float32Array(250), new Float32Array(125), 125, 2, 62 - BRIDGE_HALF + 1)).toThrow(/does not fit/);
  });
});
