import { openAtomicWriter, type WriteOptions } from './atomic.js';
import { AccelganError } from './errors.js';
import { formatOsdbTime } from './ingest/time.js';
import { DATAPOINT_SECONDS, SAMPLES_PER_DATAPOINT, type OsdbEvent } from './types.js';

/**
 * Writing windows and events in the formats other tools read: OSDB JSON (what the
 * OpenSeizureDetector toolkit and `accelgan ingest` read) and the flat windows CSV.
 * Sample values are written with at most 3 decimals (1 µg, far below any watch's
 * resolution), which keeps files about half the size of full float printing.
 */

/** Windows in milli-g with their event and label: what the CSV and OSDB writers need. */
export interface WindowRows {
  readonly samplesPerWindow: number;
  /** Row i is values[i·samplesPerWindow, (i+1)·samplesPerWindow), milli-g. */
  readonly values: Float32Array;
  readonly eventId: readonly string[];
  /** 1 = ictal. */
  readonly ictal: ArrayLike<number>;
  readonly userId?: readonly string[];
  readonly type?: readonly string[];
  readonly subType?: readonly string[];
}

/** An event as OSDB JSON holds it (the fields accelgan writes). */
export interface OsdbJsonEvent {
  readonly id: string | number;
  readonly userId: string | number;
  readonly dataTime: string;
  readonly type: string;
  readonly subType: string;
  readonly desc: string;
  readonly dataSourceName: string;
  readonly seizureTimes?: readonly [number, number];
  readonly datapoints: readonly OsdbJsonDatapoint[];
}

export interface OsdbJsonDatapoint {
  readonly dataTime: string;
  readonly eventId: string | number;
  readonly rawData: readonly number[];
  readonly rawData3D: readonly number[];
}

export interface OsdbJsonOptions {
  /** Written as each event's `dataSourceName`; default "accelgan". */
  readonly dataSourceName?: string;
}

export function toOsdbJson(events: Iterable<OsdbEvent>, options: OsdbJsonOptions = {}): OsdbJsonEvent[] {
  return Array.from(events, (event) => toOsdbJsonEvent(event, options));
}

export function toOsdbJsonEvent(event: OsdbEvent, options: OsdbJsonOptions = {}): OsdbJsonEvent {
  const id = idValue(event.id);
  return {
    id,
    userId: idValue(event.userId),
    dataTime: formatOsdbTime(event.time),
    type: event.type,
    subType: event.subType,
    desc: event.desc,
    dataSourceName: options.dataSourceName ?? 'accelgan',
    ...(event.seizureTimes ? { seizureTimes: [event.seizureTimes[0], event.seizureTimes[1]] as const } : {}),
    datapoints: event.datapoints.map((point) => ({
      dataTime: formatOsdbTime(point.time),
      eventId: id,
      rawData: Array.from(point.magnitude, round3),
      rawData3D: [],
    })),
  };
}

/** Streams events into an OSDB JSON array file, atomically. */
export async function writeOsdbJson(
  path: string,
  events: Iterable<OsdbEvent> | AsyncIterable<OsdbEvent>,
  options: WriteOptions & OsdbJsonOptions = {},
): Promise<{ events: number; datapoints: number }> {
  const writer = await openAtomicWriter(path, options);
  let count = 0;
  let datapoints = 0;
  try {
    await writer.write('[');
    for await (const event of events) {
      await writer.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(toOsdbJsonEvent(event, options))}`);
      count++;
      datapoints += event.datapoints.length;
    }
    await writer.write('\n]\n');
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { events: count, datapoints };
}

/** Header of a windows CSV: eventId,label,M000,…; longer windows continue M125, M126, … */
export function windowsCsvHeader(samplesPerWindow: number): string {
  const columns = ['eventId', 'label'];
  for (let i = 0; i < samplesPerWindow; i++) columns.push(`M${String(i).padStart(3, '0')}`);
  return columns.join(',');
}

/** Writes `eventId,label,M000…` (label 1 = ictal), one row per window, atomically. */
export async function writeWindowsCsv(path: string, rows: WindowRows, options: WriteOptions = {}): Promise<void> {
  const n = checkRows(rows);
  const spw = rows.samplesPerWindow;
  const writer = await openAtomicWriter(path, options);
  try {
    await writer.write(`${windowsCsvHeader(spw)}\n`);
    for (let i = 0; i < n; i++) {
      const cells = new Array<string>(spw + 2);
      cells[0] = csvCell(rows.eventId[i]!);
      cells[1] = rows.ictal[i] ? '1' : '0';
      for (let j = 0; j < spw; j++) cells[j + 2] = String(round3(rows.values[i * spw + j]!));
      await writer.write(`${cells.join(',')}\n`);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Header of an OSDB CSV as written by {@link writeOsdbCsv}: event columns, then the datapoint's time and M000…M124. */
export function osdbCsvHeader(): string {
  const columns = ['eventId', 'userId', 'type', 'subType', 'eventDataTime', 'seizureTimes', 'dataTime'];
  for (let i = 0; i < SAMPLES_PER_DATAPOINT; i++) columns.push(`M${String(i).padStart(3, '0')}`);
  return columns.join(',');
}

/**
 * Writes events as an OSDB CSV in the OSDB toolkit's flattened layout, one row per
 * datapoint, atomically: what `ingest` reads back into the same events (times, seizure
 * times and so labels included). Magnitudes only: rawData3D is not written.
 */
export async function writeOsdbCsv(
  path: string,
  events: Iterable<OsdbEvent> | AsyncIterable<OsdbEvent>,
  options: WriteOptions = {},
): Promise<{ events: number; datapoints: number }> {
  const writer = await openAtomicWriter(path, options);
  let count = 0;
  let datapoints = 0;
  try {
    await writer.write(`${osdbCsvHeader()}\n`);
    for await (const event of events) {
      const seizure = event.seizureTimes ? `[${event.seizureTimes[0]}, ${event.seizureTimes[1]}]` : '';
      const head = [event.id, event.userId, event.type, event.subType, formatOsdbTime(event.time), seizure]
        .map(csvCell)
        .join(',');
      for (const point of event.datapoints) {
        if (point.magnitude.length !== SAMPLES_PER_DATAPOINT)
          throw new Error(`datapoint of ${point.magnitude.length} samples in event ${event.id}`);
        await writer.write(
          `${head},${csvCell(formatOsdbTime(point.time))},${Array.from(point.magnitude, round3).join(',')}\n`,
        );
      }
      count++;
      datapoints += event.datapoints.length;
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { events: count, datapoints };
}

export interface WindowsToEventsOptions {
  /** Epoch ms of the first event. Default 2024-01-01T00:00:00Z. */
  readonly startTime?: number;
  /** Used where the rows carry no user / type. Defaults "accelgan", "Seizure" for events with an ictal window, else "NDA". */
  readonly userId?: string;
  readonly type?: string;
}

/**
 * Lays windows out as OSDB events, so that generated windows can be written as OSDB
 * JSON and read back by any OSDB tool, labels included. Rows with the same eventId
 * form one event. Each window becomes k = samplesPerWindow/125 datapoints 5 s apart;
 * consecutive windows of one event have a 10 s hole between them (so no window is
 * cut across two on reading), non-ictal before ictal, and seizureTimes spans exactly
 * the ictal windows:
 * re-ingesting with the same window length gives back every window and label.
 * The event's dataTime is its first window's start. Events are an hour apart.
 */
export function windowsToEvents(rows: WindowRows, options: WindowsToEventsOptions = {}): OsdbEvent[] {
  const n = checkRows(rows);
  const spw = rows.samplesPerWindow;
  if (spw % SAMPLES_PER_DATAPOINT !== 0)
    throw new AccelganError(`windows of ${spw} samples are not whole OSDB datapoints of ${SAMPLES_PER_DATAPOINT}`);
  const k = spw / SAMPLES_PER_DATAPOINT;
  const byEvent = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const id = rows.eventId[i]!;
    let list = byEvent.get(id);
    if (!list) byEvent.set(id, (list = []));
    list.push(i);
  }
  const step = DATAPOINT_SECONDS * 1000;
  const windowGap = k * step + 10_000;
  let eventTime = options.startTime ?? Date.UTC(2024, 0, 1);
  const events: OsdbEvent[] = [];
  for (const [id, members] of byEvent) {
    const ordered = [...members.filter((i) => !rows.ictal[i]), ...members.filter((i) => rows.ictal[i])];
    const firstIctal = ordered.findIndex((i) => rows.ictal[i]);
    const datapoints = ordered.flatMap((row, w) =>
      Array.from({ length: k }, (_, j) => ({
        // dataTime marks the END of a datapoint's 5 s.
        time: eventTime + w * windowGap + (j + 1) * step,
        magnitude: rows.values.slice(
          row * spw + j * SAMPLES_PER_DATAPOINT,
          row * spw + (j + 1) * SAMPLES_PER_DATAPOINT,
        ),
      })),
    );
    const first = ordered[0]!;
    const seizureTimes: readonly [number, number] | null =
      firstIctal < 0 ? null : [(firstIctal * windowGap) / 1000, ((ordered.length - 1) * windowGap + k * step) / 1000];
    events.push({
      id,
      userId: rows.userId?.[first] ?? options.userId ?? 'accelgan',
      type: rows.type?.[first] ?? options.type ?? (firstIctal < 0 ? 'NDA' : 'Seizure'),
      subType: rows.subType?.[first] ?? '',
      time: eventTime,
      seizureTimes,
      desc: '',
      datapoints,
    });
    eventTime += 3_600_000;
  }
  return events;
}

function checkRows(rows: WindowRows): number {
  const n = rows.eventId.length;
  if (rows.values.length !== n * rows.samplesPerWindow || rows.ictal.length !== n) {
    throw new Error(
      `window rows disagree: ${rows.values.length} values, ${n} ids, ${rows.ictal.length} labels, ${rows.samplesPerWindow} samples per window`,
    );
  }
  return n;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** An OSDB id that looks like a number is written as one, as OSDB does. */
function idValue(id: string): string | number {
  return /^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
