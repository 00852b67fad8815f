import { describe, expect, it } from 'vitest';
import { continuity, pearson, steps } from './continuity.js';
import { datapointFeatures } from './datapoint-features.js';
import { constructedEvent } from '../test-helpers.js';

describe('how datapoints join', () => {
  it('tells a continuous recording from one with a jump at every boundary', () => {
    const smooth = constructedEvent({ datapoints: 8, seizure: [0, 40], amplitude: 100 });
    const jumpy = { ...smooth, values: smooth.values.map((v, t) => v + (Math.floor(t / 125) % 2) * 400) };
    const a = continuity([smooth], [datapointFeatures(smooth)]);
    const b = continuity([jumpy], [datapointFeatures(jumpy)]);
    expect(a.boundarySteps.n).toBe(7);
    expect(a.withinSteps.n).toBe(8 * 124);
    expect(a.boundaryRatio).toBeGreaterThan(0.5);
    expect(a.boundaryRatio).toBeLessThan(2);
    expect(b.boundarySteps.median).toBeGreaterThan(300);
    expect(b.boundaryRatio).toBeGreaterThan(5);
  });

  it('splits steps at the 125-sample boundaries', () => {
    const e = constructedEvent({ datapoints: 2, seizure: null });
    const values = new Float32Array(250);
    values[125] = 10; // one step of 10 into the second datapoint, one of 10 out of it
    const s = steps([{ ...e, values }]);
    expect([...s.boundary]).toEqual([10]);
    expect(s.within.filter((x) => x > 0)).toEqual(Float64Array.of(10));
  });

  it('correlates neighbours: Pearson of consecutive values', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
    const e = constructedEvent({ datapoints: 20, seizure: [30, 70] });
    // Calm, then a rhythm, then calm: neighbours mostly alike.
    expect(continuity([e], [datapointFeatures(e)]).neighbourCorrelation.logStd).toBeGreaterThan(0.6);
  });
});
