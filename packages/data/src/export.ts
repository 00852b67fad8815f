import { openAtomicWriter, type WriteOptions } from './atomic.js';
import { AccelganError } from './errors.js';
import { formatOsdbTime } from './ingest/time.js';
import { OSD_DEFAULTS } from './osd/algorithm.js';
import { osdDatapointFields } from './osd/datapoint-fields.js';
import { DATAPOINT_SECONDS, SAMPLE_RATE_HZ, SAMPLES_PER_DATAPOINT, type OsdbEvent } from './types.js';

/**
 * Writing windows and events in the formats other tools read: OSDB JSON (what the
 * OpenSeizureDetector toolkit and `accelgan ingest` read) and the flat windows CSV (the
 * toolkit's flattened CSV is toolkit-csv.ts).
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

/**
 * An event as OSDB JSON holds it: the fields accelgan writes, as real OSDB events spell
 * them, so that the OSDB toolkit reads a synthetic event as it reads a real one.
 */
export interface OsdbJsonEvent {
  readonly id: string | number;
  readonly userId: string | number;
  readonly dataTime: string;
  readonly type: string;
  readonly subType: string;
  readonly desc: string;
  /** The watch's sample rate; the datapoints' rawData is 25 Hz. */
  readonly sampleFreq: number;
  readonly dataSourceName: string;
  /** As the toolkit's libosd/tidy_db.py sets them: at least half the datapoints carry that data. */
  readonly has3dData: boolean;
  readonly hasHrData: boolean;
  readonly hasO2SatData: boolean;
  /** The worst alarm state of its datapoints (tidy_db.py's updateEventAlarmState). */
  readonly osdAlarmState: number;
  /** The OSD settings the datapoints' specPower, roiPower and alarmState were computed with. */
  readonly alarmFreqMin: number;
  readonly alarmFreqMax: number;
  readonly alarmThresh: number;
  readonly alarmRatioThresh: number;
  readonly seizureTimes?: readonly [number, number];
  readonly datapoints: readonly OsdbJsonDatapoint[];
}

export interface OsdbJsonDatapoint {
  readonly dataTime: string;
  readonly eventId: string | number;
  /** Heart rate and oxygen saturation: null, since accelgan generates acceleration only. */
  readonly hr: number | null;
  readonly o2Sat: number | null;
  /** OpenSeizureDetector's algorithm on this datapoint's rawData (osdAnalyse), and its alarm state. */
  readonly specPower: number;
  readonly roiPower: number;
  readonly roiRatio: number;
  readonly alarmState: number;
  readonly alarmPhrase: string;
  readonly rawData: readonly number[];
  readonly rawData3D: readonly number[];
}

export interface OsdbJsonOptions {
  /** Written as each event's `dataSourceName`; default "accelgan". */
  readonly dataSourceName?: string;
}

/**
 * Sources the OSDB toolkit leaves out by default: selectData's excludeDataSources drops
 * every event whose dataSourceName holds one of these, ignoring case.
 */
const DROPPED_SOURCES = ['phone', 'androidwear'];

const ALARM_PHRASES = ['OK', 'WARNING', 'ALARM'];

export function toOsdbJson(events: Iterable<OsdbEvent>, options: OsdbJsonOptions = {}): OsdbJsonEvent[] {
  return Array.from(events, (event) => toOsdbJsonEvent(event, options));
}

export function toOsdbJsonEvent(event: OsdbEvent, options: OsdbJsonOptions = {}): OsdbJsonEvent {
  const dataSourceName = options.dataSourceName ?? 'accelgan';
  const dropped = DROPPED_SOURCES.find((name) => dataSourceName.toLowerCase().includes(name));
  if (dropped)
    throw new Error(`dataSourceName "${dataSourceName}" holds "${dropped}": the OSDB toolkit would drop the events`);
  const id = idValue(event.id);
  const written = event.datapoints.map((point) => ({ time: point.time, samples: Array.from(point.magnitude, round3) }));
  const osd = osdDatapointFields(written);
  const datapoints: OsdbJsonDatapoint[] = written.map((point, i) => ({
    dataTime: formatOsdbTime(point.time),
    eventId: id,
    hr: null,
    o2Sat: null,
    ...osd[i]!,
    alarmPhrase: ALARM_PHRASES[osd[i]!.alarmState]!,
    rawData: point.samples,
    rawData3D: [],
  }));
  return {
    id,
    userId: idValue(event.userId),
    dataTime: formatOsdbTime(event.time),
    type: event.type,
    subType: event.subType,
    desc: event.desc,
    sampleFreq: SAMPLE_RATE_HZ,
    dataSourceName,
    ...dataFlags(datapoints),
    osdAlarmState: osd.reduce((worst, d) => Math.max(worst, d.alarmState), 0),
    alarmFreqMin: OSD_DEFAULTS.alarmFreqMin,
    alarmFreqMax: OSD_DEFAULTS.alarmFreqMax,
    alarmThresh: OSD_DEFAULTS.alarmThresh,
    alarmRatioThresh: OSD_DEFAULTS.alarmRatioThresh,
    ...(event.seizureTimes ? { seizureTimes: [event.seizureTimes[0], event.seizureTimes[1]] as const } : {}),
    datapoints,
  };
}

/**
 * has3dData, hasHrData and hasO2SatData exactly as libosd/tidy_db.py's tidyEventObj
 * computes them: true when at least half the datapoints have 375 rawData3D values not
 * summing to 0, an hr above 0, an o2Sat above 0.
 */
export function dataFlags(
  datapoints: readonly Pick<OsdbJsonDatapoint, 'rawData3D' | 'hr' | 'o2Sat'>[],
): Pick<OsdbJsonEvent, 'has3dData' | 'hasHrData' | 'hasO2SatData'> {
  const half = 0.5 * datapoints.length;
  const count = (test: (point: (typeof datapoints)[number]) => boolean) => datapoints.filter(test).length;
  return {
    has3dData:
      count((p) => p.rawData3D.length === 3 * SAMPLES_PER_DATAPOINT && p.rawData3D.reduce((a, b) => a + b, 0) !== 0) >=
      half,
    hasHrData: count((p) => p.hr !== null && p.hr > 0) >= half,
    hasO2SatData: count((p) => p.o2Sat !== null && p.o2Sat > 0) >= half,
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

export interface WindowsToEventsOptions {
  /** Epoch ms of the first event. Default 2024-01-01T00:00:00Z. */
  readonly startTime?: number;
  /** Milliseconds from one event's start to the next's. Default an hour. */
  readonly eventSpacingMs?: number;
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
 * The event's dataTime is its first window's start. Events are an hour apart (eventSpacingMs).
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
    eventTime += options.eventSpacingMs ?? 3_600_000;
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

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** An OSDB id that looks like a number is written as one, as OSDB does. */
export function idValue(id: string): string | number {
  return /^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
