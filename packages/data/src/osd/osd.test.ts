import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { hasSharedOsdb, SHARED_OSDB } from '../test-helpers.js';
import { osdAlarmStates, OSD_ALARM, OSD_OK, OSD_WARNING } from './alarm-state.js';
import { osdAnalyse } from './algorithm.js';
import { powerSpectrum } from './dft.js';

/** Datapoints of the shared real sample as stored, with the fields the app computed on the watch's phone. */
interface StoredDatapoint {
  rawData: number[];
  specPower?: number;
  roiPower?: number;
  roiRatio?: number;
  alarmState?: number;
}

function readOsdbEvents(): { datapoints: StoredDatapoint[] }[] {
  const events = JSON.parse(readFileSync(join(SHARED_OSDB, 'osdb_sample_seizures.json'), 'utf8')) as {
    datapoints: StoredDatapoint[];
  }[];
  return events.map((e) => ({
    datapoints: e.datapoints.filter((d) => Array.isArray(d.rawData) && d.rawData.length === 125),
  }));
}

function readOsdbDatapoints(): StoredDatapoint[] {
  return readOsdbEvents().flatMap((e) => e.datapoints);
}

describe('direct DFT', () => {
  test('all the power of an integer-cycle sinusoid lands in its bin', () => {
    const x = Float64Array.from({ length: 125 }, (_, t) => 3 * Math.cos((2 * Math.PI * 25 * t) / 125));
    const p = powerSpectrum(x, 0, 125, new Float64Array(63));
    expect(p[25]).toBeCloseTo((3 * 125) ** 2 / 4, 6);
    expect(p.reduce((a, b) => a + b, 0) - (p[25] as number)).toBeLessThan(1e-6);
  });
});

describe('OpenSeizureDetector algorithm', () => {
  test('a pure 5 Hz sinusoid puts all its power in the region of interest: ratio 100, alarm', () => {
    // 5 Hz is exactly bin 25 of a 125-sample DFT: |X25|² = (A·N/2)².
    const x = Float64Array.from({ length: 125 }, (_, t) => 1000 + 100 * Math.sin((2 * Math.PI * 5 * t) / 25));
    const r = osdAnalyse(x);
    const power = (100 * 62.5) ** 2;
    expect(r.roiPower).toBe(Math.trunc(power / 25 / 1000));
    expect(r.specPower).toBe(Math.trunc(power / 125 / 2 / 1000));
    expect(r.ratio).toBeCloseTo(100, 9);
    expect(r.roiRatio).toBe(Math.trunc((10 * r.roiPower) / r.specPower));
    expect(r.alarm).toBe(true);
  });

  test('a 1 Hz sinusoid is outside the region: ratio 0, no alarm', () => {
    const x = Float64Array.from({ length: 125 }, (_, t) => 1000 + 300 * Math.sin((2 * Math.PI * t) / 25));
    const r = osdAnalyse(x);
    expect(r.ratio).toBeLessThan(1e-9);
    expect(r.alarm).toBe(false);
  });

  test('a weak 5 Hz sinusoid has ratio 100 but too little ROI power to alarm (unless gated on spec power)', () => {
    // A = 20 mg: roiPower = trunc(1250² / 25 / 1000) = 62 <= 100; specPower = 6; roiRatio = 103.
    const x = Float64Array.from({ length: 125 }, (_, t) => 1000 + 20 * Math.sin((2 * Math.PI * 5 * t) / 25));
    const r = osdAnalyse(x);
    expect(r.ratio).toBeCloseTo(100, 6);
    expect(r.roiPower).toBeLessThanOrEqual(100);
    expect(r.alarm).toBe(false);
    expect(osdAnalyse(x, { gate: 'specPower', alarmThresh: 0 }).alarm).toBe(true);
  });

  test('a constant window: spec power clamps to 1 as in the app, ratio 0', () => {
    const r = osdAnalyse(new Float64Array(125).fill(1000));
    expect(r).toMatchObject({ specPower: 1, roiPower: 0, roiRatio: 0, ratio: 0, alarm: false });
  });

  test.skipIf(!hasSharedOsdb)(
    'reproduces the specPower, roiPower and roiRatio stored with every datapoint of the shared OSDB sample',
    () => {
      // A few datapoints of one event hold m/s² (about 9.8 at rest), wholly or in part, not
      // milli-g; their stored powers came from another scaling, so they are left out.
      const all = readOsdbDatapoints();
      const datapoints = all.filter((dp) => !dp.rawData.some((v) => v > 0 && v < 30));
      expect(all.length - datapoints.length).toBeLessThanOrEqual(10);
      let ratios = 0;
      for (const dp of datapoints) {
        const r = osdAnalyse(dp.rawData);
        // Some app versions stored specPower before alarmCheck's clamp of 0 to 1.
        expect(r.specPower).toBe(Math.max(1, dp.specPower ?? 0));
        expect(r.roiPower).toBe(dp.roiPower);
        if (dp.roiRatio !== undefined && dp.roiRatio !== null) {
          expect(r.roiRatio).toBe(dp.roiRatio);
          ratios++;
        }
      }
      expect(ratios).toBeGreaterThan(1000);
    },
  );
});

describe("OSD's alarm state over consecutive datapoints", () => {
  it('warns on the second alarming datapoint, alarms on the third, and steps down through WARNING', () => {
    const decisions = [0, 1, 1, 1, 1, 0, 1, 0, 0];
    const [OK, WARNING, ALARM] = [OSD_OK, OSD_WARNING, OSD_ALARM];
    expect([...osdAlarmStates(decisions)]).toEqual([OK, OK, WARNING, ALARM, ALARM, WARNING, ALARM, WARNING, OK]);
  });

  it('needs consecutive alarming datapoints: isolated ones never raise anything', () => {
    expect([...osdAlarmStates([1, 0, 1, 0, 1, 0])]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it.skipIf(!hasSharedOsdb)('reproduces the alarm states the app stored with nearly every real datapoint', () => {
    let agree = 0;
    let compared = 0;
    for (const event of readOsdbEvents()) {
      const states = osdAlarmStates(event.datapoints.map((p) => osdAnalyse(p.rawData).alarm));
      event.datapoints.forEach((p, k) => {
        // States above ALARM (5 occurs) are not the OSD algorithm's; the app's count before the recording began is unknown.
        if (p.alarmState === undefined || p.alarmState > OSD_ALARM) return;
        compared++;
        if (p.alarmState === states[k]) agree++;
      });
    }
    expect(compared).toBeGreaterThan(1200);
    expect(agree / compared).toBeGreaterThan(0.95);
  });
});
