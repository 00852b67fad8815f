import { wasserstein1 } from '../metrics/distance.js';
import { spread, type Spread } from '../util/stats.js';
import { reSplits } from '../windows.js';
import { seizureDurations } from './durations.js';
import type { EventSeries } from './event-series.js';
import type { EventAlarm } from './osd-alarms.js';

/** A set of events with what OSD did over each (alarms[i] is events[i]'s). */
export interface EventSide {
  readonly events: readonly EventSeries[];
  readonly alarms: readonly EventAlarm[];
}

/** The event-level distribution distances, each between one side and the held-out real events. */
export const EVENT_DISTRIBUTION_DISTANCES = ['durationW1', 'latencyW1', 'alarmRateDiff', 'alarmSecondsW1'] as const;
export type EventDistributionDistance = (typeof EVENT_DISTRIBUTION_DISTANCES)[number];

/**
 * W1 between the labelled seizure durations, W1 between OSD's alarm latencies (alarmed
 * seizures), the gap in the fraction of seizures that raise an ALARM, and W1 between the
 * seconds each seizure spends in ALARM; NaN where a side has none of the values.
 */
export function eventDistances(side: EventSide, heldOut: EventSide): Record<EventDistributionDistance, number> {
  const w1 = (pick: (s: EventSide) => Float64Array) => {
    const a = pick(side);
    const b = pick(heldOut);
    return a.length && b.length ? wasserstein1(a, b) : Number.NaN;
  };
  const withSeizure = (s: EventSide) => s.alarms.filter((a) => a.seizure);
  const alarmRate = (s: EventSide) => {
    const seizures = withSeizure(s);
    return seizures.length ? seizures.filter((a) => a.alarmed).length / seizures.length : Number.NaN;
  };
  return {
    durationW1: w1((s) => seizureDurations(s.events).annotated),
    latencyW1: w1((s) =>
      Float64Array.from(
        withSeizure(s).filter((a) => a.latency !== null),
        (a) => a.latency!,
      ),
    ),
    alarmRateDiff: Math.abs(alarmRate(side) - alarmRate(heldOut)),
    alarmSecondsW1: w1((s) => Float64Array.from(withSeizure(s), (a) => a.alarmSeconds)),
  };
}

/** The fewest real events on each side of a re-split. */
const MIN_EVENTS_PER_SIDE = 2;

/**
 * The real-vs-real spread of the event distances, as floorSpread gives it for the window
 * distances. Why: the floor is one split of a few dozen real events, and its held-out side
 * holds a handful of alarmed seizures (5 to 7 on the shared sample), so its quartiles are
 * no measure of how far real events lie from each other: on two of three seeds' splits the
 * real training events' median alarm latency lies outside the held-out events' IQR. So
 * the real events, training and held-out together, are split again `splits` times at the
 * held-out count, and each split's distances are computed as the floor's are: held-out side
 * against training side. Returns the quartiles of each distance over the splits (NaN
 * distances left out), or null where there are too few real events to split.
 */
export function eventFloorSpread(
  train: EventSide,
  heldOut: EventSide,
  options: { splits?: number; seed: number },
): Record<EventDistributionDistance, Spread> | null {
  const splits = options.splits ?? 20;
  const events = [...train.events, ...heldOut.events];
  const alarms = [...train.alarms, ...heldOut.alarms];
  const held = heldOut.events.length;
  if (splits < 1 || held < MIN_EVENTS_PER_SIDE || events.length - held < MIN_EVENTS_PER_SIDE) return null;
  // Keys by position: two real events may share an id (one OSDB event in two files).
  const keys = events.map((_, i) => String(i).padStart(6, '0'));
  const values = Object.fromEntries(EVENT_DISTRIBUTION_DISTANCES.map((k) => [k, [] as number[]])) as Record<
    EventDistributionDistance,
    number[]
  >;
  for (const { first, second } of reSplits(keys, held / events.length, {
    splits,
    seed: options.seed,
    stream: 'event-spread',
  })) {
    const side = (rows: number[]): EventSide => ({
      events: rows.map((i) => events[i]!),
      alarms: rows.map((i) => alarms[i]!),
    });
    const d = eventDistances(side(first), side(second));
    for (const k of EVENT_DISTRIBUTION_DISTANCES) if (Number.isFinite(d[k])) values[k].push(d[k]);
  }
  return Object.fromEntries(EVENT_DISTRIBUTION_DISTANCES.map((k) => [k, spread(values[k])])) as Record<
    EventDistributionDistance,
    Spread
  >;
}
