import { describe, expect, it } from 'vitest';
import { course, courseDistance } from './course.js';
import { datapointFeatures } from './datapoint-features.js';
import { constructedEvent } from '../test-helpers.js';

describe('per-datapoint features', () => {
  it('see the seizure rhythm: 3–8 Hz power up and the dominant frequency at it', () => {
    const event = constructedEvent({ datapoints: 6, seizure: [10, 30], freqHz: 5 });
    const f = datapointFeatures(event);
    // Datapoints 2–5 carry the rhythm (midpoints 12.5–27.5 s).
    expect(f.band38[3]!).toBeGreaterThan(f.band38[0]! + 2);
    expect(Math.abs(f.dominantHz[3]! - 5)).toBeLessThan(0.4);
    expect(f.logStd[3]!).toBeGreaterThan(2); // 300 mg sine: std 212 mg
    expect(f.logStd[0]!).toBeLessThan(0.5); // ±2 mg noise
  });
});

describe('courses over events', () => {
  // A rhythm that slows through the seizure: 7 Hz, then 5, then 3 (datapoints 4–5, 6–7, 8–9 of a 60 s event).
  const slowing = (seed: number) => {
    const parts = [7, 5, 3].map((freqHz, i) =>
      constructedEvent({ datapoints: 16, seizure: [20, 50], rhythm: [4 + 2 * i, 6 + 2 * i], freqHz, seed: seed + i }),
    );
    const values = parts[0]!.values.slice();
    for (const [i, p] of parts.entries())
      values.set(p.values.subarray((4 + 2 * i) * 125, (6 + 2 * i) * 125), (4 + 2 * i) * 125);
    return { ...parts[0]!, values };
  };
  const events = [slowing(1), slowing(10), slowing(20)];
  const features = events.map(datapointFeatures);

  it('follow the dominant frequency through the seizure, in fifths', () => {
    const bins = course(events, features, 'dominantHz', 'seizure');
    expect(bins.map((b) => b.x)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
    // Ictal midpoints 22.5…47.5 s: positions 0.08, 0.25 (7 Hz), 0.42, 0.58 (5 Hz), 0.75, 0.92 (3 Hz): fifths 0, 1, 2, 2, 3, 4.
    expect(bins.map((b) => b.n)).toEqual([3, 3, 6, 3, 3]);
    expect(bins[0]!.median).toBeGreaterThan(6.5);
    expect(bins[2]!.median).toBeCloseTo(5.08, 1);
    expect(bins[4]!.median).toBeLessThan(3.5);
  });

  it('align on the onset in 10 s bins, empty where no event has data', () => {
    const bins = course(events, features, 'band38', 'onset');
    expect(bins).toHaveLength(18);
    expect(bins[0]).toMatchObject({ x: -55, n: 0 });
    // −20…−10 s before onset (midpoints 2.5, 7.5 s) is calm, 0…10 s after is the rhythm.
    const before = bins.find((b) => b.x === -15)!;
    const after = bins.find((b) => b.x === 5)!;
    expect(after.median).toBeGreaterThan(before.median + 2);
  });

  it('measures the gap between two courses over the bins both fill', () => {
    const bins = course(events, features, 'band38', 'onset');
    expect(courseDistance(bins, bins)).toBe(0);
    const shifted = bins.map((b) => ({ ...b, median: b.median + 0.5 }));
    expect(courseDistance(shifted, bins)).toBeCloseTo(0.5, 10);
    expect(
      Number.isNaN(
        courseDistance(
          bins.map((b) => ({ ...b, n: 1 })),
          bins,
        ),
      ),
    ).toBe(true);
  });
});
