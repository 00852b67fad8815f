import { describe, expect, it } from 'vitest';
import { evaluateEvents } from './compute-events.js';
import type { EventSets } from '../result-types.js';
import { buildEventFigures } from '../plots/event-figures.js';
import { constructedEvent } from '../test-helpers.js';
import type { EventSeries } from './event-series.js';

/** n events of 24 datapoints whose seizure starts at a datapoint boundary and lasts 30–55 s, with a 5 Hz rhythm throughout it. */
function events(n: number, seed: number, options: { amplitude?: number } = {}): EventSeries[] {
  return Array.from({ length: n }, (_, i) => {
    const start = 20 + 5 * (i % 4);
    return constructedEvent({
      id: `s${seed}-${i}`,
      datapoints: 24,
      seizure: [start, start + 30 + 5 * (i % 6)],
      seed: seed * 100 + i,
      ...options,
    });
  });
}

const fast = { seed: 1, folds: 2, seeds: 1, critics: ['features'] as const };

describe('whole-event evaluation', () => {
  const sets: EventSets = { realTrain: events(8, 1), realHeldOut: events(8, 2), synthetic: events(12, 3) };

  it('finds events like the real ones alike: durations, OSD latency and targets', async () => {
    const { metrics } = await evaluateEvents(sets, { ...fast, windowScore: 0.1 });
    const { synthetic, realHeldOut } = metrics.sides;
    expect(synthetic).toMatchObject({ events: 12, withSeizure: 12, datapoints: 12 * 24 });
    // Every strong rhythm alarms on its third datapoint: 15 s after an onset on a datapoint boundary.
    expect(realHeldOut.alarms).toMatchObject({ seizures: 8, alarmRate: 1, falseAlarmRate: 0 });
    expect(synthetic.alarms.latency).toMatchObject({ n: 12, median: 15, q25: 15, q75: 15 });
    expect(metrics.distances.latencyW1.synthetic).toBe(0);
    expect(metrics.distances.durationW1.synthetic).toBeLessThan(5);
    expect(metrics.targets.map((t) => [t.id, t.met])).toEqual([
      ['window30s', true],
      ['duration', true],
      ['latency', true],
      ['window5s', true],
    ]);
    // The targets' yardstick: the same distances between real events over 20 re-splits of them.
    expect(metrics.floorSpread?.durationW1.n).toBe(20);
    expect(metrics.floorSpread?.durationW1.q75).toBeGreaterThan(0);
    expect(metrics.discriminative.window30s.synthetic.windowsPerSide.all).toBeGreaterThan(50);
    expect(metrics.courses.band38.onset.synthetic).toHaveLength(18);
  });

  it('tells events without the seizure rhythm apart and says which targets they miss', async () => {
    const quiet = await evaluateEvents({ ...sets, synthetic: events(12, 3, { amplitude: 8 }) }, fast);
    const m = quiet.metrics;
    expect(m.sides.synthetic.alarms.alarmRate).toBe(0);
    expect(m.distances.alarmRateDiff.synthetic).toBe(1);
    expect(m.distances.band38Seizure.synthetic).toBeGreaterThan(1);
    expect(m.discriminative.window30s.synthetic.score).toBeGreaterThan(0.3);
    const met = Object.fromEntries(m.targets.map((t) => [t.id, t.met]));
    expect(met).toEqual({ window30s: false, duration: true, latency: false, window5s: null });
  });

  it('misses the duration target when the synthetic seizures run longer than real events spread', async () => {
    // Seizures 60 s longer than the real ones (the events are lengthened to hold them).
    const long = events(12, 3).map((e) =>
      constructedEvent({ id: e.id, datapoints: 36, seizure: [e.seizure![0], e.seizure![1] + 60], seed: 7 }),
    );
    const { metrics } = await evaluateEvents({ ...sets, synthetic: long }, fast);
    expect(metrics.distances.durationW1.synthetic).toBeGreaterThan(55); // 60 s, less what the 12 and 8 events' mixes of lengths differ by
    const duration = metrics.targets.find((t) => t.id === 'duration')!;
    expect(duration).toMatchObject({ met: false, value: metrics.distances.durationW1.synthetic });
    expect(duration.target).toContain(metrics.floorSpread!.durationW1.q75.toFixed(1));
  });

  it('draws the event figures: traces, spectrograms, courses, durations', async () => {
    const evaluation = await evaluateEvents(sets, fast);
    const figures = await buildEventFigures(evaluation, { seed: 1, shown: 2 });
    expect(figures.map((f) => f.id)).toEqual(['event-traces', 'event-spectrograms', 'event-course', 'event-durations']);
    for (const f of figures) expect(f.svg).toMatch(/^<svg/);
    // Two real and two synthetic events, each titled with its seizure.
    expect(figures[0]!.svg.match(/seizure \d+–\d+ s/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
