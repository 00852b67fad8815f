import { describe, expect, it } from 'vitest';
import type { EventSeries } from './event-series.js';
import { eventDistances, eventFloorSpread, type EventSide } from './event-spread.js';
import type { EventAlarm } from './osd-alarms.js';

/** An event of 40 datapoints whose seizure starts at 20 s and lasts `duration` s; OSD alarms `latency` s after it (null: never) for `alarmSeconds` s. */
function side(rows: readonly { duration: number; latency: number | null; alarmSeconds?: number }[]): EventSide {
  const events: EventSeries[] = rows.map((r, i) => ({
    id: `e${i}`,
    type: 'Seizure',
    subType: 'Tonic-Clonic',
    values: new Float32Array(0),
    datapoints: 40,
    seizure: [20, 20 + r.duration],
  }));
  const alarms: EventAlarm[] = rows.map((r) => ({
    seizure: true,
    alarmed: r.latency !== null,
    warned: r.latency !== null,
    latency: r.latency,
    alarmSeconds: r.alarmSeconds ?? (r.latency === null ? 0 : 10),
    falseAlarm: false,
  }));
  return { events, alarms };
}

describe('event distances and their real-vs-real spread', () => {
  it('measures each distribution distance against the held-out events', () => {
    const d = eventDistances(
      side([
        { duration: 30, latency: 10 },
        { duration: 60, latency: null },
      ]),
      side([
        { duration: 30, latency: 20 },
        { duration: 90, latency: 20, alarmSeconds: 30 },
      ]),
    );
    expect(d.durationW1).toBeCloseTo(15, 9); // the sorted pairs differ by 0 and 30
    expect(d.latencyW1).toBeCloseTo(10, 9); // {10} against {20, 20}
    expect(d.alarmRateDiff).toBeCloseTo(0.5, 9);
    expect(d.alarmSecondsW1).toBeCloseTo((10 - 10 + (30 - 0)) / 2, 9);
    // No alarmed seizure on one side: no latency distance.
    expect(
      eventDistances(side([{ duration: 30, latency: null }]), side([{ duration: 30, latency: 15 }])).latencyW1,
    ).toBeNaN();
  });

  it('is zero on every re-split where all real events are alike', () => {
    const alike = Array.from({ length: 12 }, () => ({ duration: 60, latency: 15 }));
    const spread = eventFloorSpread(side(alike.slice(0, 9)), side(alike.slice(9)), { seed: 1, splits: 10 })!;
    expect(spread.durationW1).toMatchObject({ n: 10, q25: 0, q75: 0 });
    expect(spread.latencyW1).toMatchObject({ n: 10, q25: 0, q75: 0 });
  });

  it('spreads as far as random halves of mixed real events lie apart, and repeats with its seed', () => {
    // Half the events short and quick to alarm, half long and slow; training and held-out sides unmixed.
    const short = Array.from({ length: 10 }, () => ({ duration: 30, latency: 10 }));
    const long = Array.from({ length: 10 }, () => ({ duration: 90, latency: 40 }));
    const train = side([...short, ...long.slice(0, 5)]);
    const heldOut = side(long.slice(5));
    const spread = eventFloorSpread(train, heldOut, { seed: 3 })!;
    expect(spread.durationW1.n).toBe(20);
    // The actual split's held-out side is all long: W1 = 60 s × 10/15 of the training side. Random splits of the pool
    // into 5 and 15 events mix the kinds, so their W1s mostly lie well under that.
    const actual = eventDistances(train, heldOut).durationW1;
    expect(actual).toBeCloseTo(40, 9);
    expect(spread.durationW1.q25).toBeGreaterThanOrEqual(0);
    expect(spread.durationW1.q75).toBeLessThan(actual);
    expect(spread.durationW1.q75).toBeGreaterThan(0);
    expect(spread.latencyW1.median).toBeCloseTo((spread.durationW1.median * 30) / 60, 9); // latency differs by 30 s where duration differs by 60
    expect(eventFloorSpread(train, heldOut, { seed: 3 })).toEqual(spread);
    expect(eventFloorSpread(train, heldOut, { seed: 4 })).not.toEqual(spread);
  });

  it('gives no spread where a side would hold fewer than two real events, or no splits are asked for', () => {
    const three = side([
      { duration: 30, latency: 10 },
      { duration: 40, latency: 10 },
      { duration: 50, latency: 10 },
    ]);
    expect(eventFloorSpread(three, side([{ duration: 60, latency: 20 }]), { seed: 1 })).toBeNull();
    expect(eventFloorSpread(three, three, { seed: 1, splits: 0 })).toBeNull();
  });
});
