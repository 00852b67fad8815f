import { describe, expect, it } from 'vitest';
import { eventOutlines } from './outlines.js';

describe('event outlines', () => {
  const T = 1.6e12;
  const windows = {
    samplesPerWindow: 125,
    eventId: ['a', 'a', 'a', 'b', 'b', 'c'],
    type: ['Seizure', 'Seizure', 'Seizure', 'NDA', 'NDA', 'Seizure'],
    subType: ['Aura', 'Aura', 'Aura', '', '', 'Other'],
    // Event a: windows at 0, 5, 15 s (a hole at 10 s); b: two windows; c: no time (a windows CSV).
    startTime: Float64Array.from([T, T + 5000, T + 15_000, T + 100_000, T + 105_000, NaN]),
    seizureStart: Float64Array.from([T - 20_000, T - 20_000, T - 20_000, NaN, NaN, NaN]),
    seizureEnd: Float64Array.from([T + 8000, T + 8000, T + 8000, NaN, NaN, NaN]),
  };

  it('spans first window start to last window end, seizure in seconds from that start', () => {
    expect(eventOutlines(windows)).toEqual([
      { type: 'Seizure', subType: 'Aura', seconds: 20, seizure: [-20, 8] },
      { type: 'NDA', subType: '', seconds: 10, seizure: null },
    ]);
  });

  it('outlines only the rows asked for (the training split)', () => {
    expect(eventOutlines(windows, [3, 4])).toEqual([{ type: 'NDA', subType: '', seconds: 10, seizure: null }]);
    expect(eventOutlines(windows, [0])[0]!.seconds).toBe(5);
  });
});
