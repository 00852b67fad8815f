import { describe, expect, it } from 'vitest';
import { cutWindows } from './cut.js';
import { constructedEvent } from '../test-helpers.js';

describe('windows cut from events', () => {
  it('cuts every 30 s stretch at a 5 s stride, labelled by its midpoint, grouped by event', () => {
    const a = constructedEvent({ id: 'a', datapoints: 10, seizure: [20, 35] });
    const b = constructedEvent({ id: 'b', datapoints: 5, seizure: null });
    const set = cutWindows([a, b], 6);
    // a: starts 0–4 (5 windows); b is shorter than 30 s.
    expect(set.samplesPerWindow).toBe(750);
    expect(set.eventId).toEqual(['a', 'a', 'a', 'a', 'a']);
    // Midpoints 15, 20, 25, 30, 35 s; [20, 35] holds four.
    expect([...set.ictal!]).toEqual([0, 1, 1, 1, 1]);
    expect(set.values.subarray(750, 750 + 125)).toEqual(a.values.subarray(125, 250));
    expect(cutWindows([b], 1).values).toHaveLength(5 * 125);
  });
});
