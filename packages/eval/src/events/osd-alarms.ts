import { osdAnalyse, OSD_DEFAULTS, type OsdSettings } from '../metrics/osd.js';
import { DATAPOINT_SAMPLES, DATAPOINT_SECONDS, observedSeizure, type EventSeries } from './event-series.js';

/**
 * OpenSeizureDetector's alarm over a whole event, as the Android app decides it
 * (SdDataSource.alarmCheck, default settings WarnTime 5 s, AlarmTime 10 s, SamplePeriod
 * 5 s): per datapoint, `inAlarm` is the OSD algorithm's decision (metrics/osd.ts); then
 *   inAlarm:  count += samplePeriod; state = ALARM if count > alarmTime,
 *             else WARNING if count > warnTime, else unchanged;
 *   not:      ALARM falls back to WARNING with count = warnTime + 1,
 *             anything else to OK with count = 0.
 * With the defaults the third consecutive alarming datapoint raises the ALARM (15 s of
 * movement), the second a WARNING; one quiet datapoint in an alarm only drops it to
 * WARNING, and the next alarming one restores it.
 */
export interface OsdAlarmTiming {
  readonly warnTime: number;
  readonly alarmTime: number;
  readonly samplePeriod: number;
}
export const OSD_ALARM_TIMING: OsdAlarmTiming = { warnTime: 5, alarmTime: 10, samplePeriod: 5 };

export const OK = 0;
export const WARNING = 1;
export const ALARM = 2;

/** The app's alarm state after each datapoint, from each datapoint's own decision. */
export function alarmStates(
  inAlarm: ArrayLike<boolean | number>,
  timing: OsdAlarmTiming = OSD_ALARM_TIMING,
): Uint8Array {
  const states = new Uint8Array(inAlarm.length);
  let state = OK;
  let count = 0;
  for (let k = 0; k < inAlarm.length; k++) {
    if (inAlarm[k]) {
      count += timing.samplePeriod;
      if (count > timing.alarmTime) state = ALARM;
      else if (count > timing.warnTime) state = WARNING;
    } else if (state === ALARM) {
      state = WARNING;
      count = timing.warnTime + 1;
    } else {
      state = OK;
      count = 0;
    }
    states[k] = state;
  }
  return states;
}

/** What the app did over one event. */
export interface EventAlarm {
  /** Whether part of the seizure lies inside the recording (only then do the seizure fields mean anything). */
  readonly seizure: boolean;
  /** An ALARM during the seizure: a datapoint whose 5 s overlap the observed seizure was in state ALARM. */
  readonly alarmed: boolean;
  /** As alarmed, with WARNING enough. */
  readonly warned: boolean;
  /** Seconds from the observed onset to the end of the first such ALARM datapoint (when the app raises it); null if none. */
  readonly latency: number | null;
  /** Seconds of ALARM during the seizure (5 s per datapoint). */
  readonly alarmSeconds: number;
  /** An ALARM wholly before the observed seizure, or anywhere in an event without one. */
  readonly falseAlarm: boolean;
}

export function eventAlarm(
  event: EventSeries,
  settings: Partial<OsdSettings> = {},
  timing: OsdAlarmTiming = OSD_ALARM_TIMING,
): EventAlarm {
  const s = { ...OSD_DEFAULTS, ...settings, samplesPerDatapoint: DATAPOINT_SAMPLES };
  const decisions = Array.from(
    { length: event.datapoints },
    (_, k) => osdAnalyse(event.values, s, k * DATAPOINT_SAMPLES).alarm,
  );
  return summariseAlarm(event, alarmStates(decisions, timing));
}

/** The per-event summary of a sequence of alarm states (exported for tests with constructed states). */
export function summariseAlarm(event: Pick<EventSeries, 'seizure' | 'datapoints'>, states: Uint8Array): EventAlarm {
  const seen = observedSeizure(event);
  let alarmed = false;
  let warned = false;
  let latency: number | null = null;
  let alarmSeconds = 0;
  let falseAlarm = false;
  for (let k = 0; k < event.datapoints; k++) {
    const from = k * DATAPOINT_SECONDS;
    const to = from + DATAPOINT_SECONDS;
    const state = states[k]!;
    if (!seen) {
      if (state === ALARM) falseAlarm = true;
      continue;
    }
    const [a, b] = seen;
    if (to <= a) {
      if (state === ALARM) falseAlarm = true;
      continue;
    }
    if (from >= b) continue;
    if (state >= WARNING) warned = true;
    if (state === ALARM) {
      if (!alarmed) latency = to - a;
      alarmed = true;
      alarmSeconds += DATAPOINT_SECONDS;
    }
  }
  return { seizure: seen !== null, alarmed, warned, latency, alarmSeconds, falseAlarm };
}
