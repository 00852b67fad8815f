import { describe, expect, it } from 'vitest';
import { BRIDGE_HALF, BRIDGE_SHIFT, bridgeSeams, joinSeams } from './seams.js';

/** Three 125-sample windows of a 3 Hz sine, each at its own unrelated level. */
function windows(): Float32Array {
  const levels = [1000, 1200, 850];
  return Float32Array.from(
    { length: 375 },
    (_, i) => levels[Math.floor(i / 125)]! + 30 * Math.sin((2 * Math.PI * 3 * i) / 25),
  );
}
const step = (x: Float32Array, i: number) => Math.abs(x[i + 1]! - x[i]!);
const maxWithinStep = (x: Float32Array) =>
  Math.max(
    ...Array.from({ length: 374 }, (_, i) => i)
      .filter((i) => i % 125 !== 124)
      .map((i) => step(x, i)),
  );

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
    expect(Math.max(...Array.from({ length: 374 }, (_, i) => step(x, i)))).toBeLessThan(
      within + ((Math.PI / 2) * 350) / 12,
    );
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
    // Two bridges: the same 3 Hz sine at 1100 and at 1000 mg, in phase with the recording at their boundary (sample 62 on it).
    const bridges = Float32Array.from(
      { length: 250 },
      (_, i) =>
        (i < 125 ? 1100 : 1000) + 30 * Math.sin((2 * Math.PI * 3 * ((i % 125) - 62 + (i < 125 ? 125 : 250))) / 25),
    );
    const fade = 12;
    bridgeSeams(x, bridges, 125, 3, fade);
    // Inside ±BRIDGE_HALF of each boundary the values are the bridge's middle, unshifted: it is already in phase.
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) expect(x[125 + i]).toBe(bridges[62 + i]);
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) expect(x[250 + i]).toBe(bridges[125 + 62 + i]);
    // Outside the fades, untouched: every window keeps its own middle.
    for (const t of [0, 60, 125 + BRIDGE_HALF + fade, 200, 250 - BRIDGE_HALF - fade - 1, 300, 374])
      expect(x[t]).toBe(before[t]);
    // In phase and of equal amplitude, the fade is linear: the 6th sample past the bridge's own part has weight 7/13 on the bridge.
    const i = BRIDGE_HALF + 5;
    expect(x[125 + i]).toBeCloseTo((6 / 13) * before[125 + i]! + (7 / 13) * bridges[62 + i]!, 2);
    // The 200 mg and 350 mg jumps at the boundaries are gone: steps there are the sine's own; the largest step left is a fade step.
    expect(step(x, 124)).toBeLessThanOrEqual(maxWithinStep(before));
    expect(step(x, 249)).toBeLessThanOrEqual(maxWithinStep(before));
    expect(Math.max(...Array.from({ length: 374 }, (_, i) => step(x, i)))).toBeLessThan(
      maxWithinStep(before) + 350 / (fade + 1),
    );
  });

  it('bridge: slides the bridge to meet its neighbours in phase', () => {
    const x = windows();
    // One bridge at the recording's level whose sine runs 3 samples behind the recording's at the boundary.
    const lag = 3;
    const bridge = Float32Array.from(
      { length: 125 },
      (_, i) => 1100 + 30 * Math.sin((2 * Math.PI * 3 * (i - 62 + 125 - lag)) / 25),
    );
    bridgeSeams(x, bridge, 125, 2, 12);
    expect(BRIDGE_SHIFT).toBeGreaterThanOrEqual(lag);
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) expect(x[125 + i]).toBe(bridge[62 + lag + i]);
  });

  it('bridge: keeps the variance through the fades where the bridge and its neighbours are unrelated', () => {
    // 400 boundaries between windows of white noise (std 10 mg) at 1000 mg, bridged by independent noise at 1100 mg.
    let state = 12345;
    const noise = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * Math.sqrt(12) * 10;
    const count = 401;
    const x = Float32Array.from({ length: 125 * count }, () => 1000 + noise());
    const bridges = Float32Array.from({ length: 125 * (count - 1) }, () => 1100 + noise());
    const fade = 12;
    bridgeSeams(x, bridges, 125, count, fade);
    // Per position across the boundaries: the mean moves linearly to the bridge's level and the variance stays about 100 mg².
    for (const i of [
      -BRIDGE_HALF - fade,
      -BRIDGE_HALF - fade / 2,
      BRIDGE_HALF + fade / 2 - 1,
      BRIDGE_HALF + fade - 1,
    ]) {
      const at = Array.from({ length: count - 1 }, (_, b) => x[(b + 1) * 125 + i]!);
      const mean = at.reduce((a, v) => a + v, 0) / at.length;
      const variance = at.reduce((a, v) => a + (v - mean) ** 2, 0) / (at.length - 1);
      const outside = i < 0 ? -BRIDGE_HALF - i : i - BRIDGE_HALF + 1;
      const w = 1 - outside / (fade + 1);
      expect(mean).toBeCloseTo(1000 + 100 * w, -0.5); // within about 1.6 mg
      expect(variance).toBeGreaterThan(80); // a linear fade leaves (1 − w)² + w² of it: 54 at mid-fade
      expect(variance).toBeLessThan(125);
    }
  });

  it('bridge: refuses a fade that reaches the bridge window’s edges', () => {
    // The fade, the bridge's own part and its largest shift must fit in half a window.
    expect(() =>
      bridgeSeams(new Float32Array(250), new Float32Array(125), 125, 2, 62 - BRIDGE_HALF - BRIDGE_SHIFT),
    ).not.toThrow();
    expect(() =>
      bridgeSeams(new Float32Array(250), new Float32Array(125), 125, 2, 62 - BRIDGE_HALF - BRIDGE_SHIFT + 1),
    ).toThrow(/does not fit/);
  });
});
