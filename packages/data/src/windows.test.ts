import { describe, expect, it } from 'vitest';
import { isAccelganError } from './errors.js';
import { SkipCounter } from './skips.js';
import type { OsdbDatapoint, OsdbEvent } from './types.js';
import { eventWindows, isIctal, windowShape, WindowTableBuilder } from './windows.js';

const T = Date.UTC(2023, 0, 1);

/** An event with datapoints ending at the given offsets (s), each filled with its index. */
function event(offsets: number[], seizureTimes: [number, number] | null = null, labels?: boolean[]): OsdbEvent {
  const datapoints: OsdbDatapoint[] = offsets.map((offset, i) => ({
    time: T + offset * 1000,
    magnitude: new Float32Array(125).fill(i),
    ...(labels ? { ictal: labels[i]! } : {}),
  }));
  return { id: 'e', userId: 'u', type: 'Seizure', subType: 'Aura', time: T, seizureTimes, desc: '', datapoints };
}

describe('windowShape', () => {
  it('takes multiples of 5 s', () => {
    expect(windowShape(5)).toEqual({ datapoints: 1, stride: 1 });
    expect(windowShape(15, 10)).toEqual({ datapoints: 3, stride: 2 });
  });

  it('refuses other lengths and strides longer than the window, clearly', () => {
    for (const [window, stride] of [
      [7, 5],
      [0, 5],
      [-5, 5],
      [10, 3],
      [10, 15],
    ] as const) {
      let error: unknown;
      try {
        windowShape(window, stride);
      } catch (e) {
        error = e;
      }
      expect(isAccelganError(error), `${window}/${stride}`).toBe(true);
    }
    expect(() => windowShape(12)).toThrow(
      'window length must be a positive multiple of 5 seconds (one OSDB datapoint); got 12',
    );
  });
});

describe('eventWindows', () => {
  it('makes one window per datapoint at 5 s, duplicates and holes included', () => {
    const windows = [...eventWindows(event([5, 10, 10, 30, 35]), windowShape(5))];
    expect(windows).toHaveLength(5);
    expect(windows[0]!.startTime).toBe(T);
    expect(windows[0]!.values).toHaveLength(125);
  });

  it('joins consecutive datapoints with 4–7 s gaps, never across a hole or a duplicate', () => {
    // Runs: [5, 9, 15, 22] (gaps 4, 6, 7), then a hole (30 s later), then [52, 57], then a duplicate 57.
    const skipped = new SkipCounter();
    const windows = [...eventWindows(event([5, 9, 15, 22, 52, 57, 57]), windowShape(10), skipped)];
    expect(windows.map((w) => [w.values[0], w.values[125]])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    expect(skipped.toRecord()).toEqual({ "datapoint: in no window (run shorter than a window, or a run's tail)": 1 });
  });

  it("carries the event's seizure times, as epoch ms, on every window; NaN without any", () => {
    const [first] = [...eventWindows(event([5, 10], [-20, 40]), windowShape(5))];
    expect([first!.seizureStart, first!.seizureEnd]).toEqual([T - 20_000, T + 40_000]);
    const [none] = [...eventWindows(event([5]), windowShape(5))];
    expect(Number.isNaN(none!.seizureStart) && Number.isNaN(none!.seizureEnd)).toBe(true);
    const builder = new WindowTableBuilder(125);
    for (let i = 0; i < 70; i++) builder.add({ ...first!, startTime: i }); // past the first growth
    builder.add(none!);
    const table = builder.build();
    expect([table.seizureStart[69], table.seizureEnd[69]]).toEqual([T - 20_000, T + 40_000]);
    expect(Number.isNaN(table.seizureStart[70]!)).toBe(true);
  });

  it('strides: non-overlapping when stride = window', () => {
    const skipped = new SkipCounter();
    const windows = [...eventWindows(event([5, 10, 15, 20, 25]), windowShape(10, 10), skipped)];
    expect(windows.map((w) => w.values[0])).toEqual([0, 2]);
    expect(skipped.total).toBe(1);
  });

  it('labels a window ictal when its midpoint offset lies in seizureTimes, ends included', () => {
    // Datapoint ending at 10 s spans [5, 10]: midpoint 7.5 s.
    const labels = [...eventWindows(event([5, 10, 15, 20], [7.5, 12.5]), windowShape(5))].map((w) => w.ictal);
    expect(labels).toEqual([false, true, true, false]);
    // 10 s windows: [0,10] mid 5, [5,15] mid 10, [10,20] mid 15.
    const long = [...eventWindows(event([5, 10, 15, 20], [6, 10]), windowShape(10))].map((w) => w.ictal);
    expect(long).toEqual([false, true, false]);
  });

  it('is never ictal without seizureTimes', () => {
    expect([...eventWindows(event([5, 10]), windowShape(5))].some((w) => w.ictal)).toBe(false);
    expect(isIctal(T, { time: T, seizureTimes: null })).toBe(false);
  });

  it('uses datapoint labels where the source gives them: ictal when at least half are', () => {
    const windows = [...eventWindows(event([5, 10, 15, 20], [0, 100], [true, false, false, false]), windowShape(10))];
    expect(windows.map((w) => w.ictal)).toEqual([true, false, false]);
  });
});

describe('WindowTableBuilder', () => {
  it('grows past its initial capacity and keeps every row in order', () => {
    const builder = new WindowTableBuilder(3);
    for (let i = 0; i < 200; i++) {
      builder.add({
        eventId: `e${i % 7}`,
        userId: 'u',
        type: 't',
        subType: '',
        startTime: i,
        ictal: i % 3 === 0,
        values: Float32Array.of(i, i + 0.5, -i),
      });
    }
    const table = builder.build();
    expect(table.values).toHaveLength(600);
    expect(table.values[3 * 150 + 1]).toBe(150.5);
    expect(table.startTime[199]).toBe(199);
    expect(table.ictal[99]).toBe(1);
    expect(table.eventId[13]).toBe('e6');
    expect(table.split.every((s) => s === 'train')).toBe(true);
  });

  it('refuses windows of another length', () => {
    const builder = new WindowTableBuilder(125);
    expect(() =>
      builder.add({
        eventId: 'e',
        userId: '',
        type: '',
        subType: '',
        startTime: 0,
        ictal: false,
        values: new Float32Array(250),
      }),
    ).toThrow(/250 samples/);
  });
});
