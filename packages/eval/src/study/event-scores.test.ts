import { describe, expect, test } from 'vitest';
import { scoreEvents, type ScoredWindows } from './event-scores.js';
import { unitMetrics } from './summary.js';

const T0 = Date.UTC(2024, 0, 1);

/** One event's windows starting at the given seconds, with its seizure [onset, end] in seconds (null: none). */
function event(
  id: string,
  starts: readonly number[],
  seizure: readonly [number, number] | null,
  user = 'u1',
): ScoredWindows {
  return {
    samplesPerWindow: 125,
    eventId: starts.map(() => id),
    userId: starts.map(() => user),
    startTime: Float64Array.from(starts, (s) => T0 + s * 1000),
    seizureStart: Float64Array.from(starts, () => (seizure ? T0 + seizure[0] * 1000 : Number.NaN)),
    seizureEnd: Float64Array.from(starts, () => (seizure ? T0 + seizure[1] * 1000 : Number.NaN)),
  };
}

const every5 = (n: number, from = 0) => Array.from({ length: n }, (_, k) => from + 5 * k);

describe('scoreEvents: OpenSeizureDetector alarms over held-out events', () => {
  test('the third consecutive window in alarm raises the ALARM; latency runs to the end of that window', () => {
    // Windows [0,5) [5,10) … [45,50); seizure 10–30 s. In alarm: windows 2, 3, 4 ([10,15) [15,20) [20,25)).
    const w = event('e', every5(10), [10, 30]);
    const [score] = scoreEvents(w, [0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(score!.seizure).toBe(true);
    expect(score!.detected).toBe(true);
    expect(score!.latencySeconds).toBe(15); // ALARM in window 4, which ends at 25 s; 25 − 10
    expect(score!.anyWindow).toBe(true);
    expect(score!.falseAlarms).toBe(0);
    // Windows overlapping [10, 30]: [10,15) … [25,30) (4 of them); [5,10) ends at the onset and [30,35) starts at the end: non-ictal.
    expect(score!.nonIctalSeconds).toBe(30);
    expect(score!.windows).toBe(10);
  });

  test('two consecutive windows in alarm are a WARNING, not a detection', () => {
    const w = event('e', every5(10), [10, 30]);
    const [score] = scoreEvents(w, [0, 0, 1, 1, 0, 1, 1, 0, 0, 0]);
    expect(score!.detected).toBe(false);
    expect(score!.latencySeconds).toBeNull();
    expect(score!.anyWindow).toBe(true);
  });

  test('an ALARM wholly before the onset is a false alarm; one that runs into the seizure is its detection', () => {
    // Seizure 40–60 s. Windows 0–2 in alarm → ALARM at window 2 ([10,15)), over by window 3: false.
    // Windows 5–8 in alarm → ALARM from window 7 ([35,40), before the onset) to window 8 ([40,45), in the seizure).
    const w = event('e', every5(14), [40, 60]);
    const [score] = scoreEvents(w, [1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(score!.falseAlarms).toBe(1);
    expect(score!.detected).toBe(true);
    expect(score!.latencySeconds).toBe(5); // window 8 ends at 45 s
  });

  test('an ALARM, one quiet window (the app falls back to WARNING) and ALARM again are two episodes', () => {
    const w = event('e', every5(12), [100, 120]);
    const [score] = scoreEvents(w, [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    // States: OK WARNING ALARM WARNING ALARM WARNING OK …: two stretches in ALARM, neither in the seizure.
    expect(score!.falseAlarms).toBe(2);
    expect(score!.seizure).toBe(false); // no window reaches 100 s
    expect(score!.detected).toBe(false);
    expect(score!.nonIctalSeconds).toBe(60);
  });

  test('a hole in the recording starts the count again; a repeated window is skipped', () => {
    // Windows at 0, 5, then a hole, 30, 35, 40; and a repeat of the window at 35 (at 36.5 s).
    const w = event('e', [0, 5, 30, 35, 36.5, 40], [0, 60]);
    const decisions = [1, 1, 1, 1, 1, 0];
    const [score] = scoreEvents(w, decisions);
    // 0, 5 | 30, 35, (36.5 skipped), 40: at most two consecutive windows in alarm on either side of the hole.
    expect(score!.detected).toBe(false);
    expect(score!.windows).toBe(5);
    const [joined] = scoreEvents(event('e', [0, 5, 10, 15], [0, 60]), [1, 1, 1, 0]);
    expect(joined!.detected).toBe(true);
    expect(joined!.latencySeconds).toBe(15);
  });

  test('an event without a seizure is non-ictal time throughout; the figures pool over events', () => {
    const a = event('a', every5(12), null, 'u1');
    const b = event('b', every5(6), [10, 20], 'u2');
    const windows: ScoredWindows = {
      samplesPerWindow: 125,
      eventId: [...a.eventId, ...b.eventId],
      userId: [...a.userId, ...b.userId],
      startTime: Float64Array.from([...a.startTime, ...b.startTime]),
      seizureStart: Float64Array.from([...a.seizureStart, ...b.seizureStart]),
      seizureEnd: Float64Array.from([...a.seizureEnd, ...b.seizureEnd]),
    };
    const decisions = [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, /* b: */ 0, 1, 1, 1, 0, 0];
    const scores = scoreEvents(windows, decisions);
    expect(scores.map((s) => [s.eventId, s.seizure, s.falseAlarms, s.nonIctalSeconds])).toEqual([
      ['a', false, 2, 60],
      ['b', true, 0, 20], // [10,15) [15,20) overlap [10, 20]; [0,5) [5,10) [20,25) [25,30) do not
    ]);
    expect(scores[1]!.detected).toBe(true);
    expect(scores[1]!.latencySeconds).toBe(10); // window 3 ([15,20)) is the third in alarm
    const m = unitMetrics(scores, 0.75);
    expect(m.seizures).toBe(1);
    expect(m.sensitivity).toBe(1);
    expect(m.falseAlarms).toBe(2);
    expect(m.nonIctalHours).toBeCloseTo(80 / 3600, 12);
    expect(m.falseAlarmsPerHour).toBeCloseTo(2 / (80 / 3600), 9);
    expect(m.latencySeconds).toBe(10);
    expect(m.auroc).toBe(0.75);
  });
});
