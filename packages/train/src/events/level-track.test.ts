import { describe, expect, it } from 'vitest';
import { levelTrack } from './level-track.js';

const windowMeans = (track: Float32Array, samples: number) =>
  Array.from(
    { length: track.length / samples },
    (_, k) => track.subarray(k * samples, (k + 1) * samples).reduce((a, b) => a + b, 0) / samples,
  );

describe('levelTrack', () => {
  it('keeps every datapoint’s mean exactly, for odd and even lengths', () => {
    const means = [1000, 1040, 990, 1500, 1480, 1010];
    for (const samples of [125, 8, 9]) {
      const track = levelTrack(means, samples);
      expect(track.length).toBe(means.length * samples);
      windowMeans(track, samples).forEach((m, k) => expect(m).toBeCloseTo(means[k]!, 2));
    }
  });

  it('is continuous: no step at a boundary larger than the steps inside a datapoint', () => {
    const means = [1000, 1100, 900, 1300];
    const samples = 125;
    const track = levelTrack(means, samples);
    const steps = Array.from(track)
      .slice(1)
      .map((x, i) => Math.abs(x - track[i]!));
    const atBoundaries = [1, 2, 3].map((k) => steps[k * samples - 1]!);
    const largestInside = Math.max(...steps.filter((_, i) => (i + 1) % samples !== 0));
    expect(Math.max(...atBoundaries)).toBeLessThanOrEqual(largestInside + 1e-3);
    // A staircase of the means would step by 100–400 mg there; the track by a few mg a sample.
    expect(Math.max(...steps)).toBeLessThan(10);
  });

  it('is flat for a constant level, and the level itself for one datapoint', () => {
    expect(Array.from(levelTrack([1000, 1000, 1000], 5)).every((x) => Math.abs(x - 1000) < 1e-3)).toBe(true);
    expect(Array.from(levelTrack([1234], 4))).toEqual([1234, 1234, 1234, 1234]);
    expect(levelTrack([], 4).length).toBe(0);
  });
});
