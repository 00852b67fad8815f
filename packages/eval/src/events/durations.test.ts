import { describe, expect, it } from 'vitest';
import { seizureDurations, spread } from './durations.js';
import { withinRealSpread } from '../util/stats.js';
import { constructedEvent } from '../test-helpers.js';

describe('seizure durations', () => {
  it('annotated and recorded durations of events with a seizure', () => {
    const events = [
      constructedEvent({ datapoints: 12, seizure: [-20, 25] }), // 45 s annotated; midpoints 2.5…22.5 s ictal: 5 datapoints
      constructedEvent({ datapoints: 12, seizure: [10, 40] }), // midpoints 12.5…37.5: 6 datapoints
      constructedEvent({ datapoints: 12, seizure: null }),
    ];
    const d = seizureDurations(events);
    expect([...d.annotated]).toEqual([45, 30]);
    expect([...d.ictal]).toEqual([25, 30]);
  });

  it('summarises with type-7 quartiles; a distance is within that spread up to its upper quartile', () => {
    const s = spread([10, 20, 30, 40, 50]);
    expect(s).toEqual({ n: 5, median: 30, q25: 20, q75: 40, mean: 30 });
    expect(withinRealSpread(35, s)).toBe(true);
    expect(withinRealSpread(5, s)).toBe(true); // nearer than real data gets to itself
    expect(withinRealSpread(45, s)).toBe(false);
    expect(withinRealSpread(Number.NaN, s)).toBe(false);
    expect(spread([]).n).toBe(0);
    expect(withinRealSpread(1, spread([]))).toBe(false);
  });
});
