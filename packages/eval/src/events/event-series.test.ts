import { describe, expect, it } from 'vitest';
import { datapointIctal, eventSeries, eventSeriesFromOsdb, observedSeizure } from './event-series.js';

const T = 1.7e12;

/** Windows of two events; event a has a hole (20 s gap) after its second datapoint, then three more. */
function table() {
  const starts = [T, T + 5000, T + 25_000, T + 30_000, T + 36_000, T + 500_000];
  const n = starts.length;
  return {
    samplesPerWindow: 125,
    values: Float32Array.from({ length: n * 125 }, (_, i) => Math.floor(i / 125)),
    eventId: ['a', 'a', 'a', 'a', 'a', 'b'],
    type: ['Seizure', 'Seizure', 'Seizure', 'Seizure', 'Seizure', 'NDA'],
    subType: ['Aura', 'Aura', 'Aura', 'Aura', 'Aura', ''],
    startTime: Float64Array.from(starts),
    seizureStart: Float64Array.from([T + 10_000, T + 10_000, T + 10_000, T + 10_000, T + 10_000, NaN]),
    seizureEnd: Float64Array.from([T + 40_000, T + 40_000, T + 40_000, T + 40_000, T + 40_000, NaN]),
  };
}

describe('events from windows', () => {
  it('joins consecutive datapoints, keeps the longest run across a hole, and moves the seizure onto its clock', () => {
    const [a, b] = eventSeries(table());
    // Rows 2, 3, 4 (25, 30, 36 s: gaps of 5 and 6 s) outlast rows 0, 1.
    expect(a!.datapoints).toBe(3);
    expect([a!.values[0], a!.values[125], a!.values[250]]).toEqual([2, 3, 4]);
    expect(a!.seizure).toEqual([-15, 15]);
    expect(b).toMatchObject({ id: 'b', datapoints: 1, seizure: null, type: 'NDA' });
  });

  it('drops a repeated datapoint rather than breaking the recording there', () => {
    const t = table();
    const starts = Float64Array.from([T, T + 5000, T + 5000, T + 10_000, T + 15_000, T + 500_000]);
    const [a] = eventSeries({ ...t, startTime: starts });
    expect(a!.datapoints).toBe(4);
    expect([a!.values[0], a!.values[125], a!.values[250], a!.values[375]]).toEqual([0, 1, 3, 4]);
  });

  it('takes only the rows asked for, in time order whatever the row order', () => {
    expect(eventSeries(table(), [1, 0]).map((e) => [e.id, e.datapoints, e.values[0]])).toEqual([['a', 2, 0]]);
  });

  it('refuses windows longer than a datapoint', () => {
    expect(() => eventSeries({ ...table(), samplesPerWindow: 250 })).toThrow(/5 s windows/);
  });

  it('reads an OSDB event whose dataTime is not its first sample', () => {
    const event = {
      id: 'x',
      userId: 'u',
      type: 'Seizure',
      subType: '',
      time: T + 20_000,
      seizureTimes: [-10, 5] as const,
      desc: '',
      datapoints: [5, 10, 15, 20].map((s) => ({ time: T + s * 1000, magnitude: new Float32Array(125).fill(s) })),
    };
    const series = eventSeriesFromOsdb(event);
    // First sample at T; dataTime 20 s later; the seizure [−10, 5] s from dataTime is [10, 25] s from the first sample.
    expect(series.seizure).toEqual([10, 25]);
    expect(series.values[125 * 3]).toBe(20);
    expect(observedSeizure(series)).toEqual([10, 20]);
    expect([0, 1, 2, 3].map((k) => datapointIctal(series, k))).toEqual([false, false, true, true]);
  });
});
