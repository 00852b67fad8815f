import { AccelganError, type OsdbEvent, type WindowTable } from '@accelgan/data';

/** Samples per OSDB datapoint (5 s at 25 Hz) and seconds per datapoint. */
export const DATAPOINT_SAMPLES = 125;
export const DATAPOINT_SECONDS = 5;

/**
 * One event as a continuous recording: consecutive 5 s datapoints joined into one
 * signal, in milli-g, with its seizure placed on the same clock.
 */
export interface EventSeries {
  readonly id: string;
  readonly type: string;
  readonly subType: string;
  /** datapoints × 125 samples, milli-g. */
  readonly values: Float32Array;
  readonly datapoints: number;
  /** Seizure [start, end] in seconds from the first sample (either may lie outside the recording); null: none. */
  readonly seizure: readonly [number, number] | null;
}

/** What event evaluation reads of a window table: 5 s windows with times, in milli-g. */
export type EventWindows = Pick<
  WindowTable,
  'samplesPerWindow' | 'values' | 'eventId' | 'type' | 'subType' | 'startTime' | 'seizureStart' | 'seizureEnd'
>;

/**
 * Consecutive datapoints (5 s ± half a datapoint apart, as ingest's runs) are one
 * recording; events with holes keep their longest unbroken run (the earliest of equals),
 * since a hole would fake a step no watch recorded. A datapoint 2.5 s or less after the
 * one before is a duplicate (OSDB files repeat some) and is dropped, not a break.
 */
const MIN_GAP_MS = 2_500;
const MAX_GAP_MS = 7_500;

/**
 * The events of a table of 5 s windows (values in milli-g), rows `rows` (default all),
 * in order of first appearance. Windows without a time cannot be ordered and are left out.
 */
export function eventSeries(windows: EventWindows, rows?: readonly number[]): EventSeries[] {
  if (windows.samplesPerWindow !== DATAPOINT_SAMPLES) {
    throw new AccelganError(
      `whole events are evaluated from 5 s windows (${DATAPOINT_SAMPLES} samples); these are ${windows.samplesPerWindow} samples`,
    );
  }
  const byEvent = new Map<string, number[]>();
  for (const row of rows ?? windows.eventId.map((_, i) => i)) {
    if (!Number.isFinite(windows.startTime[row]!)) continue;
    const id = windows.eventId[row]!;
    const list = byEvent.get(id);
    if (list) list.push(row);
    else byEvent.set(id, [row]);
  }
  const out: EventSeries[] = [];
  for (const [id, members] of byEvent) {
    members.sort((a, b) => windows.startTime[a]! - windows.startTime[b]!);
    const run = longestRun(members, windows.startTime);
    const first = run[0]!;
    const values = new Float32Array(run.length * DATAPOINT_SAMPLES);
    run.forEach((row, k) =>
      values.set(
        windows.values.subarray(row * DATAPOINT_SAMPLES, (row + 1) * DATAPOINT_SAMPLES),
        k * DATAPOINT_SAMPLES,
      ),
    );
    const t0 = windows.startTime[first]!;
    const start = windows.seizureStart[first]!;
    const end = windows.seizureEnd[first]!;
    out.push({
      id,
      type: windows.type[first]!,
      subType: windows.subType[first]!,
      values,
      datapoints: run.length,
      seizure: Number.isFinite(start) && Number.isFinite(end) ? [(start - t0) / 1000, (end - t0) / 1000] : null,
    });
  }
  return out;
}

function longestRun(sortedRows: readonly number[], startTime: Float64Array): number[] {
  let best: number[] = [];
  let current: number[] = [];
  for (const row of sortedRows) {
    const previous = current[current.length - 1];
    const gap = previous === undefined ? 0 : startTime[row]! - startTime[previous]!;
    if (previous !== undefined && gap <= MIN_GAP_MS) continue;
    if (previous !== undefined && gap > MAX_GAP_MS) {
      if (current.length > best.length) best = current;
      current = [];
    }
    current.push(row);
  }
  return current.length > best.length ? current : best;
}

/** The part of the seizure inside the recording, [a, b] seconds from its start; null where none of it is. */
export function observedSeizure(event: Pick<EventSeries, 'seizure' | 'datapoints'>): readonly [number, number] | null {
  if (!event.seizure) return null;
  const a = Math.max(event.seizure[0], 0);
  const b = Math.min(event.seizure[1], event.datapoints * DATAPOINT_SECONDS);
  return b > a ? [a, b] : null;
}

/** Whether datapoint k (spanning [5k, 5k + 5] s) is ictal: its midpoint lies in the seizure, ends included (the ingest rule). */
export function datapointIctal(event: Pick<EventSeries, 'seizure'>, k: number): boolean {
  if (!event.seizure) return false;
  const midpoint = (k + 0.5) * DATAPOINT_SECONDS;
  return midpoint >= event.seizure[0] && midpoint <= event.seizure[1];
}

/** An OSDB event (datapoints assumed consecutive, 5 s apart, as generated) as a series, its seizure on the series' clock. */
export function eventSeriesFromOsdb(event: OsdbEvent): EventSeries {
  const n = event.datapoints.length;
  const values = new Float32Array(n * DATAPOINT_SAMPLES);
  event.datapoints.forEach((p, k) => values.set(p.magnitude, k * DATAPOINT_SAMPLES));
  // A datapoint's time marks the end of its 5 s, so the first sample is 5 s before the first stamp.
  const firstSample = n ? event.datapoints[0]!.time - DATAPOINT_SECONDS * 1000 : event.time;
  const shift = (event.time - firstSample) / 1000;
  return {
    id: event.id,
    type: event.type,
    subType: event.subType,
    values,
    datapoints: n,
    seizure: event.seizureTimes ? [event.seizureTimes[0] + shift, event.seizureTimes[1] + shift] : null,
  };
}
