import { AccelganError } from '../errors.js';
import type { SkipCounter } from '../skips.js';
import { SAMPLES_PER_DATAPOINT, type OsdbDatapoint, type OsdbEvent } from '../types.js';
import { parseOsdbTime } from './time.js';

/**
 * Turns one event object as OSDB files hold it into an OsdbEvent, keeping only what
 * windows need. Datapoints that cannot be used are dropped and counted, never guessed at:
 *
 * - `rawData` must hold 125 finite numbers; where it is missing, empty or all zero,
 *   `rawData3D` (375 values, x,y,z interleaved) gives the magnitude sqrt(x²+y²+z²).
 * - any non-finite value (null, a string, NaN, ±Infinity, or a number too large for the
 *   float32 it is stored as, such as 1e39) drops the datapoint: a window with a hole in
 *   it is not a recording, and interpolating would invent data; so does a magnitude
 *   outside 0–20,000 mg (PLAUSIBLE_MILLI_G).
 * - a datapoint with the same time as another of its event is a copy: the first is kept.
 * - `sampleFreq` is ignored: it is the watch's own rate (49 Hz occurs), while rawData
 *   is always resampled to 25 Hz, 125 values per datapoint, which is what is checked.
 * - an unreadable `dataTime` drops the datapoint.
 *
 * An event whose `datapoints` is missing or not an array is not an OSDB event at all
 * (a summary file, say) and is an error; an event with an empty or wholly unusable
 * `datapoints` array is dropped and counted.
 */

export interface EventContext {
  /** The file, for messages. */
  readonly source: string;
  /** Position of the event in its file, for an id where the event has none. */
  readonly index: number;
  readonly skipped: SkipCounter;
}

/** Fields of a raw event or datapoint object, after unwrapping `dataJSON`. */
type RawObject = Readonly<Record<string, unknown>>;

export function toOsdbEvent(raw: unknown, context: EventContext): OsdbEvent | undefined {
  const { source, index, skipped } = context;
  if (!isObject(raw)) throw new AccelganError(`${source}: event ${index + 1} is not a JSON object`);
  const event = unwrapDataJson(raw, () => skipped.add('event: unreadable dataJSON'));
  if (!event) return undefined;
  const id = event.id === undefined || event.id === null ? `${source}#${index + 1}` : String(event.id);
  const rawDatapoints = event.datapoints;
  if (!Array.isArray(rawDatapoints)) {
    throw new AccelganError(`${source}: event ${id} has no datapoints array; is this an OSDB event file?`);
  }
  if (rawDatapoints.length === 0) {
    skipped.add('event: no datapoints');
    return undefined;
  }
  const datapoints: OsdbDatapoint[] = [];
  for (const rawDatapoint of rawDatapoints) {
    const datapoint = toDatapoint(rawDatapoint, skipped);
    if (datapoint) datapoints.push(datapoint);
  }
  if (datapoints.length === 0) {
    skipped.add('event: no usable datapoints');
    return undefined;
  }
  const ordered = inTimeOrder(datapoints, skipped);

  const seizureTimes = readSeizureTimes(event.seizureTimes, skipped);
  let time = parseOsdbTime(event.dataTime);
  if (time === undefined) {
    // Without seizureTimes the event time labels nothing, so the first datapoint will do.
    if (seizureTimes !== null) {
      skipped.add('event: unreadable dataTime');
      return undefined;
    }
    time = ordered[0]!.time;
  }
  return {
    id,
    userId: text(event.userId),
    type: text(event.type),
    subType: normaliseSubType(event.subType),
    time,
    seizureTimes,
    desc: text(event.desc),
    datapoints: ordered,
  };
}

/**
 * The datapoints sorted by time, each time once: a datapoint stamped with the same time as
 * one before it in its event is a copy (OSDB exports repeat some), and is dropped and
 * counted so that it cannot become a second window of the same 5 s. The first is kept.
 * Shared with the CSV reader.
 */
export function inTimeOrder(datapoints: readonly OsdbDatapoint[], skipped: SkipCounter): OsdbDatapoint[] {
  const sorted = [...datapoints].sort((a, b) => a.time - b.time);
  const kept = sorted.filter((point, i) => i === 0 || point.time !== sorted[i - 1]!.time);
  skipped.add('datapoint: same time as another of its event (the first kept)', sorted.length - kept.length);
  return kept;
}

/** OSDB writes a missing subtype as "", "null" or null; the toolkit's CSV as "None". */
export function normaliseSubType(value: unknown): string {
  const subType = text(value).trim();
  return subType === 'null' || subType === 'None' ? '' : subType;
}

/** [start, end] seconds from a two-number array or a string such as "[-50, 85]"; null otherwise. */
export function readSeizureTimes(value: unknown, skipped?: SkipCounter): readonly [number, number] | null {
  if (value === undefined || value === null || value === '') return null;
  let pair: unknown = value;
  if (typeof value === 'string') {
    const numbers = value.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi);
    pair = numbers ?? [];
  }
  if (Array.isArray(pair) && pair.length === 2) {
    const start = Number(pair[0]);
    const end = Number(pair[1]);
    if (
      Number.isFinite(start) &&
      Number.isFinite(end) &&
      start <= end &&
      pair.every((v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== ''))
    ) {
      return [start, end];
    }
  }
  skipped?.add('event: unreadable seizureTimes (treated as none)');
  return null;
}

function toDatapoint(raw: unknown, skipped: SkipCounter): OsdbDatapoint | undefined {
  if (!isObject(raw)) {
    skipped.add('datapoint: not an object');
    return undefined;
  }
  const datapoint = unwrapDataJson(raw, () => skipped.add('datapoint: unreadable dataJSON'));
  if (!datapoint) return undefined;
  const time = parseOsdbTime(datapoint.dataTime);
  if (time === undefined) {
    skipped.add('datapoint: unreadable dataTime');
    return undefined;
  }
  const magnitude = magnitudeOf(datapoint.rawData, datapoint.rawData3D, skipped);
  return magnitude ? { time, magnitude } : undefined;
}

/**
 * The 125 magnitude samples of a datapoint, from `rawData` or else `rawData3D`,
 * or undefined (counted) when neither is usable. Shared with the CSV reader.
 */
export function magnitudeOf(rawData: unknown, rawData3D: unknown, skipped: SkipCounter): Float32Array | undefined {
  const hasRaw = Array.isArray(rawData) && rawData.length > 0;
  if (hasRaw && rawData.length !== SAMPLES_PER_DATAPOINT) {
    skipped.add(`datapoint: rawData length ${rawData.length}`);
    return undefined;
  }
  if (hasRaw) {
    const magnitude = finiteFloat32(rawData);
    if (!magnitude) {
      skipped.add('datapoint: non-finite value');
      return undefined;
    }
    if (!isAllZero(magnitude)) return plausible(magnitude, skipped);
  }
  const has3D = Array.isArray(rawData3D) && rawData3D.length > 0;
  if (has3D && rawData3D.length !== 3 * SAMPLES_PER_DATAPOINT) {
    skipped.add(`datapoint: rawData3D length ${rawData3D.length}`);
    return undefined;
  }
  if (has3D) {
    const xyz = finiteFloat32(rawData3D);
    if (!xyz) {
      skipped.add('datapoint: non-finite value');
      return undefined;
    }
    if (!isAllZero(xyz)) return plausible(magnitudeFrom3D(xyz), skipped);
  }
  skipped.add(hasRaw ? 'datapoint: all-zero rawData and no 3-D data' : 'datapoint: no acceleration data');
  return undefined;
}

/**
 * Magnitudes a wrist can have, in milli-g: a vector magnitude is never negative, and
 * watches saturate at 8 or 16 g per axis (√3 × 8 g ≈ 13,900 mg). Outside this a value is
 * a unit error or corruption, not movement; the datapoint is dropped and counted.
 */
export const PLAUSIBLE_MILLI_G = { min: 0, max: 20_000 } as const;

export const IMPLAUSIBLE_REASON = 'datapoint: magnitude outside 0–20,000 mg';

function plausible(magnitude: Float32Array, skipped: SkipCounter): Float32Array | undefined {
  for (const v of magnitude) {
    if (!Number.isFinite(v)) {
      // sqrt(x²+y²+z²) of finite float32 axes can still exceed the float32 range.
      skipped.add('datapoint: non-finite value');
      return undefined;
    }
    if (v < PLAUSIBLE_MILLI_G.min || v > PLAUSIBLE_MILLI_G.max) {
      skipped.add(IMPLAUSIBLE_REASON);
      return undefined;
    }
  }
  return magnitude;
}

/** sqrt(x²+y²+z²) of x,y,z-interleaved samples. */
export function magnitudeFrom3D(xyz: ArrayLike<number>): Float32Array {
  const magnitude = new Float32Array(Math.floor(xyz.length / 3));
  for (let i = 0; i < magnitude.length; i++) {
    const x = xyz[3 * i]!;
    const y = xyz[3 * i + 1]!;
    const z = xyz[3 * i + 2]!;
    magnitude[i] = Math.sqrt(x * x + y * y + z * z);
  }
  return magnitude;
}

/**
 * The values as float32, or undefined when one is not a finite number. Checked after the
 * conversion: 1e39 is a finite double but Infinity as a float32, which is how it is stored.
 */
function finiteFloat32(values: readonly unknown[]): Float32Array | undefined {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') return undefined;
    out[i] = v;
    if (!Number.isFinite(out[i]!)) return undefined;
  }
  return out;
}

function isAllZero(values: Float32Array): boolean {
  for (const v of values) if (v !== 0) return false;
  return true;
}

/**
 * OSDB's web API stores an event's (and a datapoint's) fields in a JSON-encoded
 * `dataJSON` string beside a few database columns. The columns win where both have
 * a value, since the database is what the rest of OSDB indexes by.
 */
function unwrapDataJson(raw: RawObject, onUnreadable: () => void): RawObject | undefined {
  const encoded = raw.dataJSON;
  if (typeof encoded !== 'string') return raw;
  let inner: unknown;
  try {
    inner = JSON.parse(encoded);
  } catch {
    onUnreadable();
    return undefined;
  }
  if (!isObject(inner)) {
    onUnreadable();
    return undefined;
  }
  const merged: Record<string, unknown> = { ...inner };
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'dataJSON' && value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
