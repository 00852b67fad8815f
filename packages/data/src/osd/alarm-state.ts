/**
 * OpenSeizureDetector's alarm state over consecutive datapoints, as the Android app decides
 * it (SdDataSource.alarmCheck, default settings WarnTime 5 s, AlarmTime 10 s, SamplePeriod
 * 5 s): per datapoint, `inAlarm` is the OSD algorithm's decision (osdAnalyse); then
 *   inAlarm:  count += samplePeriod; state = ALARM if count > alarmTime,
 *             else WARNING if count > warnTime, else unchanged;
 *   not:      ALARM falls back to WARNING with count = warnTime + 1,
 *             anything else to OK with count = 0.
 * With the defaults the third consecutive alarming datapoint raises the ALARM (15 s of
 * movement), the second a WARNING; one quiet datapoint in an alarm only drops it to
 * WARNING, and the next alarming one restores it. The states are those OSDB stores as a
 * datapoint's `alarmState` (0 OK, 1 WARNING, 2 ALARM).
 */
export interface OsdAlarmTiming {
  readonly warnTime: number;
  readonly alarmTime: number;
  readonly samplePeriod: number;
}

export const OSD_ALARM_TIMING: OsdAlarmTiming = { warnTime: 5, alarmTime: 10, samplePeriod: 5 };

export const OSD_OK = 0;
export const OSD_WARNING = 1;
export const OSD_ALARM = 2;

/** The app's alarm state after each datapoint, from each datapoint's own decision. */
export function osdAlarmStates(
  inAlarm: ArrayLike<boolean | number>,
  timing: OsdAlarmTiming = OSD_ALARM_TIMING,
): Uint8Array {
  const states = new Uint8Array(inAlarm.length);
  let state = OSD_OK;
  let count = 0;
  for (let k = 0; k < inAlarm.length; k++) {
    if (inAlarm[k]) {
      count += timing.samplePeriod;
      if (count > timing.alarmTime) state = OSD_ALARM;
      else if (count > timing.warnTime) state = OSD_WARNING;
    } else if (state === OSD_ALARM) {
      state = OSD_WARNING;
      count = timing.warnTime + 1;
    } else {
      state = OSD_OK;
      count = 0;
    }
    states[k] = state;
  }
  return states;
}
