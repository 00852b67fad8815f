import {
  osdAlarmStates,
  osdAnalyse,
  OSD_ALARM,
  OSD_ALARM_TIMING,
  OSD_DEFAULTS,
  OSD_WARNING,
  type OsdAlarmTiming,
  type OsdSettings,
} from '@accelgan/data';
import { DATAPOINT_SAMPLES, DATAPOINT_SECONDS, observedSeizure, type EventSeries } from './event-series.js';

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

/**
 * OpenSeizureDetector's alarm over a whole event: the OSD algorithm's decision per
 * datapoint (osdAnalyse), then the app's alarm state over consecutive datapoints
 * (osdAlarmStates: WARNING on the second alarming datapoint, ALARM on the third), both from
 * @accelgan/data, which also writes them into every OSDB export.
 */
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
  return summariseAlarm(event, osdAlarmStates(decisions, timing));
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
      if (state === OSD_ALARM) falseAlarm = true;
      continue;
    }
    const [a, b] = seen;
    if (to <= a) {
      if (state === OSD_ALARM) falseAlarm = true;
      continue;
    }
    if (from >= b) continue;
    if (state >= OSD_WARNING) warned = true;
    if (state === OSD_ALARM) {
      if (!alarmed) latency = to - a;
      alarmed = true;
      alarmSeconds += DATAPOINT_SECONDS;
    }
  }
  return { seizure: seen !== null, alarmed, warned, latency, alarmSeconds, falseAlarm };
}
