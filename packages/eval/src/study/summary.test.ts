import { describe, expect, test } from 'vitest';
import { paired, stat, summariseStudy, unitMetrics, type UnitMetrics, type UnitResults } from './summary.js';

const figures = (
  sensitivity: number | null,
  falseAlarmsPerHour: number | null,
  auroc: number | null = null,
): UnitMetrics => ({
  seizures: 4,
  detected: sensitivity === null ? 0 : sensitivity * 4,
  sensitivity,
  latencySeconds: null,
  falseAlarms: 0,
  nonIctalHours: 1,
  falseAlarmsPerHour,
  anyWindowSensitivity: sensitivity,
  auroc,
});

describe('the study summary', () => {
  test('stat: mean, sample sd and range over the defined values', () => {
    expect(stat([1, 2, null, 3])).toEqual({ n: 3, mean: 2, sd: 1, min: 1, max: 3 });
    expect(stat([null])).toEqual({ n: 0, mean: null, sd: null, min: null, max: null });
    expect(stat([5]).sd).toBeNull();
  });

  test('paired differences: mean, sd, the corrected and plain 95% intervals, and which way each unit went', () => {
    const d = [0.1, 0.2, 0.3, -0.1];
    const p = paired(d, true, 0.25);
    expect(p.n).toBe(4);
    expect(p.meanDifference).toBeCloseTo(0.125, 12);
    const sd = Math.sqrt(((0.1 - 0.125) ** 2 + (0.2 - 0.125) ** 2 + (0.3 - 0.125) ** 2 + (-0.1 - 0.125) ** 2) / 3);
    expect(p.sd).toBeCloseTo(sd, 12);
    // t(0.975, 3) = 3.182; Nadeau–Bengio: sd · sqrt(1/4 + 0.25).
    expect(p.ci95![1] - p.meanDifference!).toBeCloseTo(3.182 * sd * Math.sqrt(0.5), 9);
    expect(p.ci95Naive![1] - p.meanDifference!).toBeCloseTo((3.182 * sd) / 2, 9);
    expect([p.better, p.worse, p.same]).toEqual([3, 1, 0]);
    // Lower is better (false alarms): a positive difference is worse.
    const q = paired([0.5, 0, -0.5, 1], false, 0.25);
    expect([q.better, q.worse, q.same]).toEqual([1, 2, 1]);
  });

  test('each arm against real-only, unit by unit; untrained detectors have no comparison; per user', () => {
    const unit = (seed: number, fold: number, real: number, classic: number): UnitResults => ({
      seed,
      fold,
      trainingWindows: 400,
      heldOutWindows: 100,
      results: {
        osd: { none: { all: figures(0.5, 2), byUser: { u1: figures(0.5, 2) } } },
        cnn: {
          real: { all: figures(real, 4, 0.8), byUser: { u1: figures(real, 4) } },
          classic: { all: figures(classic, 3, 0.9), byUser: { u1: figures(classic, 3) } },
        },
      },
    });
    const units = [unit(1, 0, 0.5, 0.75), unit(1, 1, 0.25, 0.5), unit(2, 0, 1, 1)];
    const summary = summariseStudy(units, {
      detectors: ['osd', 'cnn'],
      arms: { osd: ['none'], cnn: ['real', 'classic'] },
    });
    expect(summary.units).toBe(3);
    expect(summary.rows.map((r) => [r.detector, r.arm, r.vsReal !== undefined])).toEqual([
      ['osd', 'none', false],
      ['cnn', 'real', false],
      ['cnn', 'classic', true],
    ]);
    const classic = summary.rows[2]!;
    expect(classic.metrics.sensitivity.mean).toBeCloseTo(0.75, 12);
    expect(classic.vsReal!.sensitivity.meanDifference).toBeCloseTo((0.25 + 0.25 + 0) / 3, 12);
    expect(classic.vsReal!.sensitivity.better).toBe(2);
    expect(classic.vsReal!.sensitivity.same).toBe(1);
    expect(classic.vsReal!.falseAlarmsPerHour.meanDifference).toBe(-1);
    expect(classic.vsReal!.falseAlarmsPerHour.better).toBe(3);
    expect(classic.vsReal!.auroc.meanDifference).toBeCloseTo(0.1, 12);
    expect(summary.perUser.filter((r) => r.user === 'u1')).toHaveLength(3);
  });

  test('unitMetrics: a unit without seizures or without detections has null figures, not zeros', () => {
    const none = unitMetrics([], null);
    expect(none.sensitivity).toBeNull();
    expect(none.falseAlarmsPerHour).toBeNull();
    expect(none.latencySeconds).toBeNull();
    expect(unitMetrics([], Number.NaN).auroc).toBeNull();
  });
});
