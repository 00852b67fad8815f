import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { osdAnalyse } from '../metrics/osd.js';
import { ALARM, alarmStates, eventAlarm, OK, summariseAlarm, WARNING } from './osd-alarms.js';
import { constructedEvent, haveOsdbSample, osdbSamplePath } from '../test-helpers.js';

describe("OSD's alarm state over consecutive datapoints", () => {
  it('warns on the second alarming datapoint, alarms on the third, and steps down through WARNING', () => {
    const decisions = [0, 1, 1, 1, 1, 0, 1, 0, 0];
    expect([...alarmStates(decisions)]).toEqual([OK, OK, WARNING, ALARM, ALARM, WARNING, ALARM, WARNING, OK]);
  });

  it('needs consecutive alarming datapoints: isolated ones never raise anything', () => {
    expect([...alarmStates([1, 0, 1, 0, 1, 0])]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('times an alarm from the observed onset to the end of the first ALARM datapoint', () => {
    // Seizure from 12 s to 40 s; ALARM in datapoints 4 and 5 (20–30 s), one before the seizure (0–5 s).
    const states = Uint8Array.from([ALARM, 0, 0, 1, ALARM, ALARM, 1, 0, 0, 0]);
    expect(summariseAlarm({ datapoints: 10, seizure: [12, 40] }, states)).toEqual({
      seizure: true,
      alarmed: true,
      warned: true,
      latency: 13,
      alarmSeconds: 10,
      falseAlarm: true,
    });
    // A seizure that began before the recording is timed from the recording's start.
    expect(summariseAlarm({ datapoints: 10, seizure: [-30, 12] }, states).latency).toBe(5);
    // None of it recorded: nothing to detect, any ALARM is a false one.
    expect(summariseAlarm({ datapoints: 10, seizure: [60, 90] }, states)).toMatchObject({
      seizure: false,
      alarmed: false,
      latency: null,
      falseAlarm: true,
    });
  });

  it('on a constructed event: a strong 5 Hz rhythm from 20 s raises the ALARM 15 s later', () => {
    const event = constructedEvent({ datapoints: 16, seizure: [20, 60], rhythm: [4, 12] });
    expect(osdAnalyse(event.values, {}, 4 * 125).alarm).toBe(true);
    expect(osdAnalyse(event.values, {}, 3 * 125).alarm).toBe(false);
    // Datapoints 4, 5, 6 alarm; the third, ending at 35 s, raises the ALARM: 15 s after the onset.
    expect(eventAlarm(event)).toEqual({
      seizure: true,
      alarmed: true,
      warned: true,
      latency: 15,
      alarmSeconds: 30,
      falseAlarm: false,
    });
    // A rhythm too weak for the power threshold never alarms.
    expect(
      eventAlarm(constructedEvent({ datapoints: 16, seizure: [20, 60], rhythm: [4, 12], amplitude: 10 })).alarmed,
    ).toBe(false);
  });
});

describe.skipIf(!haveOsdbSample)('on the shared real OSDB sample', () => {
  it('reproduces the alarm states the app stored with nearly every datapoint', () => {
    type Point = { rawData?: number[]; alarmState?: number };
    const events = JSON.parse(readFileSync(osdbSamplePath, 'utf8')) as { datapoints: Point[] }[];
    let agree = 0;
    let compared = 0;
    for (const event of events) {
      const points = event.datapoints.filter((p) => Array.isArray(p.rawData) && p.rawData.length === 125);
      const states = alarmStates(points.map((p) => osdAnalyse(p.rawData!).alarm));
      points.forEach((p, k) => {
        // States above ALARM (5 occurs) are not the OSD algorithm's; the app's count before the recording began is unknown.
        if (p.alarmState === undefined || p.alarmState > ALARM) return;
        compared++;
        if (p.alarmState === states[k]) agree++;
      });
    }
    expect(compared).toBeGreaterThan(1200);
    expect(agree / compared).toBeGreaterThan(0.95);
  });
});
