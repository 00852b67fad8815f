import { describe, expect, it } from 'vitest';
import { osdAnalyse, OSD_ALARM as ALARM } from '@accelgan/data';
import { eventAlarm, summariseAlarm } from './osd-alarms.js';
import { constructedEvent } from '../test-helpers.js';

describe("OSD's alarm over a whole event", () => {
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
