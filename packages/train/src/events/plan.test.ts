import { describe, expect, it } from 'vitest';
import { datapointPhases, planEvents, type EventLayoutRequest } from './plan.js';
import type { EventOutline } from './outlines.js';

/** Two kinds of training event with very different seizures, and one without. */
const outlines: EventOutline[] = [
  { type: 'Seizure', subType: 'Tonic-Clonic', seconds: 150, seizure: [40, 100] },
  { type: 'Seizure', subType: 'Tonic-Clonic', seconds: 150, seizure: [50, 110] },
  { type: 'Seizure', subType: 'Aura', seconds: 100, seizure: [-10, 20] },
  { type: 'False Alarm', subType: '', seconds: 60, seizure: null },
];

const plan = (request: Partial<EventLayoutRequest>) => planEvents(outlines, { events: 400, seed: 1, ...request });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('laying out events from the training events', () => {
  it('draws kinds in the training proportions, with lengths, onsets and durations near the drawn event', () => {
    const plans = plan({});
    const count = (subType: string) => plans.filter((p) => p.subType === subType).length;
    // 2 of 4 outlines are tonic-clonic, 1 aura, 1 without a seizure: binomial, 400 draws.
    expect(count('Tonic-Clonic') / 400).toBeGreaterThan(0.42);
    expect(count('Tonic-Clonic') / 400).toBeLessThan(0.58);
    expect(count('Aura') / 400).toBeGreaterThan(0.18);
    expect(count('') / 400).toBeGreaterThan(0.18);
    for (const p of plans) {
      const seconds = p.datapoints * 5;
      if (p.subType === 'Tonic-Clonic') {
        expect(seconds).toBeGreaterThanOrEqual(140);
        expect(seconds).toBeLessThanOrEqual(160);
        const [start, end] = p.seizure!;
        // Onset 40–50 s shifted by half the length change (≤ 5 s) and N(0, 5 s) jitter.
        expect(start).toBeGreaterThan(40 - 5 - 5 * 5);
        expect(start).toBeLessThan(50 + 5 + 5 * 5);
        // Duration 60 s × exp(N(0, 0.15)): within 5σ.
        expect(end - start).toBeGreaterThan(60 * Math.exp(-0.75));
        expect(end - start).toBeLessThan(60 * Math.exp(0.75));
      }
      if (p.subType === '') expect(p.seizure).toBeNull();
      expect(p.type).toBe(p.subType === '' ? 'False Alarm' : 'Seizure');
    }
    const tc = plans.filter((p) => p.subType === 'Tonic-Clonic').map((p) => p.seizure![1] - p.seizure![0]);
    expect(Math.abs(median(tc) - 60)).toBeLessThanOrEqual(4);
    // Jitter makes events differ from the few real ones.
    expect(new Set(tc).size).toBeGreaterThan(20);
  });

  it('takes what the user fixes, keeping the seizure where it was relative to the middle of the event', () => {
    const plans = plan({ seconds: 300, subType: 'tonic-clonic' });
    expect(new Set(plans.map((p) => p.datapoints))).toEqual(new Set([60]));
    expect(new Set(plans.map((p) => p.subType))).toEqual(new Set(['Tonic-Clonic']));
    // 150 s more recording, half of it before: onsets move 75 s later.
    expect(median(plans.map((p) => p.seizure![0]))).toBeGreaterThan(110);
    expect(median(plans.map((p) => p.seizure![0]))).toBeLessThan(130);
    const fixed = plan({ seconds: 60, onset: 10, seizureSeconds: 25 });
    expect(fixed.every((p) => p.datapoints === 12 && p.seizure![0] === 10 && p.seizure![1] === 35)).toBe(true);
  });

  it('is deterministic, and event i does not depend on how many are asked for', () => {
    expect(plan({ events: 30, seed: 5 })).toEqual(plan({ events: 30, seed: 5 }));
    expect(plan({ events: 10, seed: 5 })).toEqual(plan({ events: 30, seed: 5 }).slice(0, 10));
    expect(plan({ events: 30, seed: 6 })).not.toEqual(plan({ events: 30, seed: 5 }));
  });

  it('grows a drawn length that is too short for a fixed onset', () => {
    const plans = plan({ onset: 200, subType: 'Aura' });
    expect(plans.every((p) => p.datapoints * 5 > 200)).toBe(true);
  });

  it.each([
    [
      { subType: 'Myoclonic' },
      /unknown subtype "Myoclonic": the training events have Tonic-Clonic \(2\), \(blank\) \(1\), Aura \(1\)/,
    ],
    [{ seconds: 151 }, /--duration must be a multiple of 5 seconds from 10 to 3600, got 151/],
    [{ seconds: 5 }, /--duration must be a multiple of 5/],
    [{ seconds: 7200 }, /--duration must be a multiple of 5/],
    [{ seizureSeconds: 0 }, /--seizure-duration must be more than 0/],
    [{ seconds: 60, onset: 60 }, /--onset 60 s is not inside a 60 s event/],
    [{ events: 0 }, /--events must be a positive integer, got 0/],
    [{ subType: '', seizureSeconds: 30 }, /no training event of subtype "" has a seizure/],
  ])('refuses %j in one line', (request, message) => {
    expect(() => plan(request)).toThrow(message);
  });

  it('needs outlines to draw from', () => {
    expect(() => planEvents([], { events: 1, seed: 1 })).toThrow(/records no training events/);
  });
});

describe('datapoint phases', () => {
  it('labels each datapoint by its midpoint, as training windows were', () => {
    const phases = datapointPhases({ type: 'Seizure', subType: '', datapoints: 10, seizure: [10, 40] });
    // Midpoints 2.5, 7.5, 12.5 … 47.5; thirds of [10, 40] end at 20 and 30.
    expect(phases).toEqual([
      'non-ictal',
      'non-ictal',
      'ictal-early',
      'ictal-early',
      'ictal-mid',
      'ictal-mid',
      'ictal-late',
      'ictal-late',
      'post-ictal',
      'post-ictal',
    ]);
    expect(new Set(datapointPhases({ type: 'NDA', subType: '', datapoints: 4, seizure: null }))).toEqual(
      new Set(['non-ictal']),
    );
  });
});
