import type { WindowSet } from '../types.js';
import { DATAPOINT_SAMPLES, DATAPOINT_SECONDS, type EventSeries } from './event-series.js';

/**
 * Windows of `datapoints` consecutive datapoints cut from whole events, one starting at
 * every datapoint (the ingest default stride of 5 s), labelled ictal when the window's
 * midpoint lies in the seizure (ends included) and carrying their event's id, so critics
 * keep each event's windows in one fold.
 */
export function cutWindows(events: readonly EventSeries[], datapoints: number): WindowSet {
  const length = datapoints * DATAPOINT_SAMPLES;
  const starts: [EventSeries, number][] = [];
  for (const e of events) for (let k = 0; k + datapoints <= e.datapoints; k++) starts.push([e, k]);
  const values = new Float32Array(starts.length * length);
  const ictal = new Uint8Array(starts.length);
  const eventId = new Array<string>(starts.length);
  starts.forEach(([e, k], i) => {
    values.set(e.values.subarray(k * DATAPOINT_SAMPLES, k * DATAPOINT_SAMPLES + length), i * length);
    const midpoint = (k + datapoints / 2) * DATAPOINT_SECONDS;
    ictal[i] = e.seizure && midpoint >= e.seizure[0] && midpoint <= e.seizure[1] ? 1 : 0;
    eventId[i] = e.id;
  });
  return { samplesPerWindow: length, values, ictal, eventId };
}
