import { describe, expect, it } from 'vitest';
import { isAccelganError } from '../errors.js';
import { DATAPOINT_SECONDS, type OsdbEvent } from '../types.js';
import { eventWindows, windowShape } from '../windows.js';
import { simulateEvents } from './simulate.js';

/** Power per frequency bin (0.2 Hz bins for 125 samples) of a mean-removed window. */
function spectrum(x: Float32Array): { hz: number; power: number }[] {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  const out: { hz: number; power: number }[] = [];
  for (let k = 1; k < n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * k * i) / n;
      re += (x[i]! - mean) * Math.cos(a);
      im -= (x[i]! - mean) * Math.sin(a);
    }
    out.push({ hz: (k * 25) / n, power: re * re + im * im });
  }
  return out;
}

/** OpenSeizureDetector's own feature: power in 3–8 Hz over power in 1–12.5 Hz. */
function roiRatio(x: Float32Array): number {
  const s = spectrum(x);
  const sum = (lo: number, hi: number): number =>
    s.filter((b) => b.hz >= lo && b.hz <= hi).reduce((a, b) => a + b.power, 0);
  return sum(3, 8) / sum(1, 12.5);
}

function dominantHz(x: Float32Array): number {
  return spectrum(x)
    .filter((b) => b.hz >= 2.5 && b.hz <= 9)
    .reduce((best, b) => (b.power > best.power ? b : best)).hz;
}

function std(x: Float32Array): number {
  let mean = 0;
  for (const v of x) mean += v / x.length;
  return Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const events = simulateEvents({ events: 40, seed: 1 });
const windowsOf = (event: OsdbEvent) => [...eventWindows(event, windowShape(5))];

describe('simulateEvents', () => {
  it('is deterministic given the seed, and event i does not depend on how many are asked for', () => {
    expect(simulateEvents({ events: 40, seed: 1 })).toEqual(events);
    expect(simulateEvents({ events: 10, seed: 1 })).toEqual(events.slice(0, 10));
    expect(simulateEvents({ events: 3, seed: 2 })[0]!.datapoints[0]!.magnitude).not.toEqual(
      events[0]!.datapoints[0]!.magnitude,
    );
  });

  it('is fast: 40 events in well under a second', () => {
    const start = performance.now();
    simulateEvents({ events: 40, seed: 123 });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('mixes seizure subtypes, non-seizure events and 2–4 users', () => {
    const kinds = new Set(events.map((e) => `${e.type}/${e.subType}`));
    expect(kinds).toEqual(new Set(['Seizure/Tonic-Clonic', 'Seizure/Other', 'Seizure/Aura', 'False Alarm/', 'NDA/']));
    for (const seed of [1, 2, 3, 4, 5]) {
      const users = new Set(simulateEvents({ events: 12, seed }).map((e) => e.userId));
      expect(users.size).toBeGreaterThanOrEqual(2);
      expect(users.size).toBeLessThanOrEqual(4);
    }
  });

  it('lasts 60–300 s per event, datapoints ~5 s apart with jitter and occasional holes', () => {
    const gaps = new Map<number, number>();
    for (const event of events) {
      const first = event.datapoints[0]!.time;
      const last = event.datapoints[event.datapoints.length - 1]!.time;
      const seconds = (last - first) / 1000 + DATAPOINT_SECONDS;
      expect(seconds).toBeGreaterThanOrEqual(55);
      expect(seconds).toBeLessThanOrEqual(300);
      for (let i = 1; i < event.datapoints.length; i++) {
        const gap = (event.datapoints[i]!.time - event.datapoints[i - 1]!.time) / 1000;
        gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
      }
    }
    expect(gaps.get(4)).toBeGreaterThan(0);
    expect(gaps.get(5)).toBeGreaterThan(0);
    expect(gaps.get(6)).toBeGreaterThan(0);
    expect([...gaps.keys()].some((gap) => gap >= 9)).toBe(true);
  });

  it('sets seizureTimes on seizures only, giving them both ictal and non-ictal windows', () => {
    for (const event of events) {
      const labels = windowsOf(event).map((w) => w.ictal);
      if (event.type === 'Seizure') {
        expect(event.seizureTimes).not.toBeNull();
        if (event.subType !== 'Aura') expect(labels.filter(Boolean).length).toBeGreaterThan(2);
        expect(labels.filter((l) => !l).length).toBeGreaterThan(2);
      } else {
        expect(event.seizureTimes).toBeNull();
        expect(labels.some(Boolean)).toBe(false);
      }
    }
  });

  it('reports whole milli-g around a gravity baseline near 1000', () => {
    const rest: number[] = [];
    for (const event of events) {
      for (const point of event.datapoints) {
        expect(point.magnitude.every((v) => Number.isInteger(v) && v >= 0 && v <= 8000 * Math.sqrt(3))).toBe(true);
        if (std(point.magnitude) < 15) rest.push(point.magnitude.reduce((a, v) => a + v, 0) / 125);
      }
    }
    expect(rest.length).toBeGreaterThan(100);
    expect(median(rest)).toBeGreaterThan(970);
    expect(median(rest)).toBeLessThan(1030);
  });

  it('puts tonic-clonic movement in the 3–8 Hz band, unlike ordinary movement', () => {
    const clonic: number[] = [];
    const daily: number[] = [];
    for (const event of events) {
      for (const window of windowsOf(event)) {
        if (event.subType === 'Tonic-Clonic' && window.ictal) clonic.push(roiRatio(window.values));
        if (event.type === 'NDA') daily.push(roiRatio(window.values));
      }
    }
    expect(median(clonic)).toBeGreaterThan(0.6);
    expect(median(daily)).toBeLessThan(0.45);
  });

  it('slows the clonic rhythm and grows its amplitude over the seizure', () => {
    const early: { hz: number; sd: number }[] = [];
    const late: { hz: number; sd: number }[] = [];
    for (const event of events.filter((e) => e.subType === 'Tonic-Clonic')) {
      const ictal = windowsOf(event).filter((w) => w.ictal);
      if (ictal.length < 8) continue;
      const at = (w: (typeof ictal)[number]) => ({ hz: dominantHz(w.values), sd: std(w.values) });
      early.push(at(ictal[Math.floor(ictal.length / 3)]!));
      late.push(at(ictal[ictal.length - 2]!));
    }
    expect(early.length).toBeGreaterThan(5);
    expect(median(late.map((x) => x.hz))).toBeLessThan(median(early.map((x) => x.hz)));
    expect(median(late.map((x) => x.sd))).toBeGreaterThan(median(early.map((x) => x.sd)));
    expect(median(late.map((x) => x.hz))).toBeGreaterThanOrEqual(2.5);
  });

  it('refuses nonsense counts', () => {
    for (const count of [0, -1, 1.5]) {
      let error: unknown;
      try {
        simulateEvents({ events: count, seed: 1 });
      } catch (e) {
        error = e;
      }
      expect(isAccelganError(error)).toBe(true);
    }
  });
});
