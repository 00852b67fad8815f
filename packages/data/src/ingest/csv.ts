import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { AccelganError } from '../errors.js';
import type { SkipCounter } from '../skips.js';
import { SAMPLES_PER_DATAPOINT, type Labelling, type OsdbDatapoint, type OsdbEvent } from '../types.js';
import type { LabelledWindow } from '../windows.js';
import { inTimeOrder, magnitudeOf, normaliseSubType, readSeizureTimes } from './event.js';
import { parseOsdbTime } from './time.js';

/**
 * Flattened CSV files: the OSDB toolkit's (one row per datapoint) and the
 * generator's (one row per window). Column names are matched ignoring case and
 * any `_`, `-` or space, so `eventId`, `event_id` and `Event ID` are one column.
 *
 * Samples: `M000`…`M124` (magnitude, milli-g); optionally `X000`…, `Y000`…,
 * `Z000`… (3-D), used where the M cells are blank or all zero.
 *
 * A file WITH a datapoint time column (`dataTime`, `time`, `timestamp`) is an
 * OSDB CSV: it must have exactly M000…M124, and rows are grouped into events by
 * event id (rows of an event should be contiguous; an event split across the file
 * is read as several pieces, all kept on one side of the train/val split since
 * that goes by id). Other columns read, all optional:
 *   eventId | id — event; userId | user; type; subType; typeStr ("Seizure/Tonic-Clonic",
 *   as the toolkit writes it, used where type/subType columns are absent);
 *   eventDataTime | eventTime — the event's time (default: its earliest datapoint);
 *   seizureTimes ("[-50, 85]") or seizureStart + seizureEnd — seconds from the event time;
 *   label | ictal — 1/0 per row, which wins over seizureTimes; desc.
 * A numeric `type` (the toolkit's 0/1/2) reads as False Alarm / Seizure / Other.
 * With neither seizureTimes nor label columns a row is ictal when its event is a
 * Seizure: the toolkit's own labelling of flattened files.
 *
 * A file WITHOUT a time column is a windows CSV, the generator's
 * `eventId,label,M000…M<n-1>`: each row is one window of n samples (label 1 = ictal,
 * no times), plus userId/type/subType where present.
 */

export type CsvKind = 'osdb-csv' | 'windows-csv';

export interface CsvReader {
  readonly kind: CsvKind;
  /** Samples per row: 125 for an OSDB CSV, the window length for a windows CSV. */
  readonly samplesPerRow: number;
  /**
   * `event` for an OSDB CSV with neither seizure times nor a label column (the toolkit's
   * flattened files and fold files: a row is ictal when its event is a Seizure), else `window`.
   */
  readonly labelling: Labelling;
  /** For an OSDB CSV: its events, one at a time. */
  events(skipped: SkipCounter): AsyncGenerator<OsdbEvent>;
  /** For a windows CSV: its windows, one at a time. */
  windows(skipped: SkipCounter): AsyncGenerator<LabelledWindow>;
}

/** Column roles and the names (normalised) that fill them, in order of preference. */
const ROLE_NAMES = {
  eventId: ['eventid', 'event', 'id'],
  userId: ['userid', 'user'],
  type: ['type', 'eventtype'],
  typeStr: ['typestr'],
  subType: ['subtype', 'eventsubtype'],
  desc: ['desc', 'description'],
  eventTime: ['eventdatatime', 'eventtime'],
  dataTime: ['datatime', 'time', 'timestamp', 'datapointtime'],
  seizureTimes: ['seizuretimes'],
  seizureStart: ['seizurestart', 'seizuretimesstart'],
  seizureEnd: ['seizureend', 'seizuretimesend'],
  label: ['label', 'ictal'],
} as const;

type Role = keyof typeof ROLE_NAMES;
type Columns = Partial<Record<Role, number>>;

interface Layout {
  readonly columns: Columns;
  readonly m: readonly number[];
  readonly x?: readonly number[];
  readonly y?: readonly number[];
  readonly z?: readonly number[];
  readonly width: number;
}

/** Opens a CSV file and reads its header, deciding which kind of file it is. */
export async function openCsv(path: string): Promise<CsvReader> {
  const rows = csvRows(path);
  const first = await rows.next();
  if (first.done) throw new AccelganError(`${path}: empty file`);
  const layout = readHeader(first.value, path);
  const kind: CsvKind = layout.columns.dataTime === undefined ? 'windows-csv' : 'osdb-csv';
  if (kind === 'osdb-csv' && layout.m.length !== SAMPLES_PER_DATAPOINT) {
    throw new AccelganError(`${path}: an OSDB CSV needs magnitude columns M000…M124; found ${layout.m.length}`);
  }
  let used = false;
  const claim = (wanted: CsvKind): AsyncGenerator<string[]> => {
    if (kind !== wanted) throw new Error(`${path} is a ${kind}, not a ${wanted}`);
    if (used) throw new Error(`${path} can be read once`);
    used = true;
    return rows;
  };
  return {
    kind,
    samplesPerRow: layout.m.length,
    labelling: kind === 'osdb-csv' && labelsByType(layout.columns) ? 'event' : 'window',
    events: (skipped) => csvEvents(claim('osdb-csv'), layout, path, skipped),
    windows: (skipped) => csvWindows(claim('windows-csv'), layout, path, skipped),
  };
}

async function* csvRows(path: string): AsyncGenerator<string[]> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
  pipeline(createReadStream(path), parser, () => {
    // Errors reach the loop below through the destroyed parser.
  });
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new AccelganError(`${path}: no such file`);
    if (code === 'EISDIR') throw new AccelganError(`${path}: is a directory, not a file`);
    if (code === 'EACCES') throw new AccelganError(`${path}: permission denied`);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AccelganError(`${path}: not a readable CSV file (${message})`);
  } finally {
    parser.destroy();
  }
}

function readHeader(header: readonly string[], path: string): Layout {
  const columns: Columns = {};
  const byName = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.toLowerCase().replace(/[\s_-]/g, '');
    if (!byName.has(key)) byName.set(key, i);
  });
  for (const [role, names] of Object.entries(ROLE_NAMES) as [Role, readonly string[]][]) {
    for (const name of names) {
      const index = byName.get(name);
      if (index !== undefined) {
        columns[role] = index;
        break;
      }
    }
  }
  const m = sampleColumns(header, 'M', path);
  if (m.length === 0)
    throw new AccelganError(`${path}: no sample columns M000, M001, …; not an OSDB or accelgan windows CSV`);
  const xyz = (['X', 'Y', 'Z'] as const).map((axis) => sampleColumns(header, axis, path));
  const has3D = xyz.every((axis) => axis.length === SAMPLES_PER_DATAPOINT);
  return { columns, m, ...(has3D ? { x: xyz[0], y: xyz[1], z: xyz[2] } : {}), width: header.length };
}

/** Indices of columns `<axis>000`, `<axis>001`, … which must run without gaps. */
function sampleColumns(header: readonly string[], axis: string, path: string): number[] {
  const found = new Map<number, number>();
  const pattern = new RegExp(`^${axis}(\\d{3,})$`, 'i');
  header.forEach((name, column) => {
    const match = pattern.exec(name);
    if (match) found.set(Number(match[1]), column);
  });
  const columns: number[] = [];
  for (let i = 0; i < found.size; i++) {
    const column = found.get(i);
    if (column === undefined)
      throw new AccelganError(`${path}: sample columns ${axis}… have a gap at ${axis}${String(i).padStart(3, '0')}`);
    columns.push(column);
  }
  return columns;
}

interface PendingEvent {
  readonly id: string;
  readonly first: readonly string[];
  readonly datapoints: OsdbDatapoint[];
  eventTime: number | undefined;
  seizureTimes: readonly [number, number] | null;
}

async function* csvEvents(
  rows: AsyncGenerator<string[]>,
  layout: Layout,
  path: string,
  skipped: SkipCounter,
): AsyncGenerator<OsdbEvent> {
  const { columns } = layout;
  const labelByType = labelsByType(columns);
  let pending: PendingEvent | undefined;
  let rowNumber = 1;
  const finish = (event: PendingEvent): OsdbEvent | undefined => {
    if (event.datapoints.length === 0) {
      skipped.add('event: no usable datapoints');
      return undefined;
    }
    const ordered = inTimeOrder(event.datapoints, skipped);
    const { type, subType } = typeOf(event.first, columns);
    const points = labelByType
      ? ordered.map((point) => ({ ...point, ictal: type.toLowerCase() === 'seizure' }))
      : ordered;
    return {
      id: event.id,
      userId: cell(event.first, columns.userId),
      type,
      subType,
      time: event.eventTime ?? points[0]!.time,
      seizureTimes: event.seizureTimes,
      desc: cell(event.first, columns.desc),
      datapoints: points,
    };
  };
  for await (const row of rows) {
    rowNumber++;
    if (row.length !== layout.width) {
      skipped.add(`datapoint: CSV row with ${row.length} of ${layout.width} columns`);
      continue;
    }
    const id = cell(row, columns.eventId) || `${basename(path)}#${rowNumber}`;
    if (pending?.id !== id) {
      const done = pending && finish(pending);
      if (done) yield done;
      pending = { id, first: row, datapoints: [], eventTime: undefined, seizureTimes: null };
    }
    pending.eventTime ??= parseOsdbTime(cell(row, columns.eventTime) || undefined);
    if (!pending.seizureTimes) pending.seizureTimes = seizureTimesOf(row, columns);
    const time = parseOsdbTime(cell(row, columns.dataTime));
    if (time === undefined) {
      skipped.add('datapoint: unreadable dataTime');
      continue;
    }
    const magnitude = magnitudeOf(numbers(row, layout.m), layout.x ? interleave(row, layout) : undefined, skipped);
    if (!magnitude) continue;
    const label = columns.label === undefined ? undefined : readLabel(cell(row, columns.label));
    pending.datapoints.push(label === undefined ? { time, magnitude } : { time, magnitude, ictal: label });
  }
  const done = pending && finish(pending);
  if (done) yield done;
}

async function* csvWindows(
  rows: AsyncGenerator<string[]>,
  layout: Layout,
  path: string,
  skipped: SkipCounter,
): AsyncGenerator<LabelledWindow> {
  const { columns } = layout;
  let rowNumber = 1;
  for await (const row of rows) {
    rowNumber++;
    if (row.length !== layout.width) {
      skipped.add(`window: CSV row with ${row.length} of ${layout.width} columns`);
      continue;
    }
    const values = new Float32Array(layout.m.length);
    let finite = true;
    layout.m.forEach((column, i) => {
      values[i] = toNumber(row[column]);
      // After the float32 conversion: 1e39 is finite as a double, Infinity as stored.
      if (!Number.isFinite(values[i]!)) finite = false;
    });
    if (!finite) {
      skipped.add('window: non-finite value');
      continue;
    }
    const { type, subType } = typeOf(row, columns);
    yield {
      eventId: cell(row, columns.eventId) || `${basename(path)}#${rowNumber}`,
      userId: cell(row, columns.userId),
      type,
      subType,
      startTime: Number.NaN,
      ictal: readLabel(cell(row, columns.label)) ?? false,
      values,
    };
  }
}

/** Whether rows are labelled by their event's type: no seizure times and no label column. */
function labelsByType(columns: Columns): boolean {
  const hasTimes = columns.seizureTimes !== undefined || columns.seizureStart !== undefined;
  return !hasTimes && columns.label === undefined;
}

const NUMERIC_TYPES: Readonly<Record<string, string>> = { '0': 'False Alarm', '1': 'Seizure', '2': 'Other' };

/** Type and subtype from their own columns, else from typeStr ("Seizure/Tonic-Clonic"). */
function typeOf(row: readonly string[], columns: Columns): { type: string; subType: string } {
  let type = cell(row, columns.type);
  let subType = cell(row, columns.subType);
  // The toolkit quotes typeStr by hand; a reader may leave the quotes in.
  const typeStr = cell(row, columns.typeStr).replace(/^"+|"+$/g, '');
  if (typeStr) {
    const slash = typeStr.indexOf('/');
    if (!type || NUMERIC_TYPES[type]) type = slash < 0 ? typeStr : typeStr.slice(0, slash);
    if (columns.subType === undefined) subType = slash < 0 ? '' : typeStr.slice(slash + 1);
  }
  return { type: NUMERIC_TYPES[type] ?? type, subType: normaliseSubType(subType) };
}

function seizureTimesOf(row: readonly string[], columns: Columns): readonly [number, number] | null {
  if (columns.seizureTimes !== undefined) return readSeizureTimes(cell(row, columns.seizureTimes));
  if (columns.seizureStart !== undefined && columns.seizureEnd !== undefined) {
    const start = cell(row, columns.seizureStart);
    const end = cell(row, columns.seizureEnd);
    return start && end ? readSeizureTimes([start, end]) : null;
  }
  return null;
}

/** 1/true/yes → true, 0/false/no → false, anything else → undefined. */
function readLabel(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'ictal') return true;
  if (v === '0' || v === 'false' || v === 'no' || v === 'non-ictal') return false;
  return undefined;
}

function cell(row: readonly string[], column: number | undefined): string {
  return column === undefined ? '' : (row[column] ?? '');
}

/** A blank cell is NaN, not the 0 that Number('') gives. */
function toNumber(value: string | undefined): number {
  return value === undefined || value === '' ? Number.NaN : Number(value);
}

/** The cells as numbers, or [] when every one is blank (the field is absent). */
function numbers(row: readonly string[], columns: readonly number[]): number[] {
  if (columns.every((column) => !row[column])) return [];
  return columns.map((column) => toNumber(row[column]));
}

function interleave(row: readonly string[], layout: Layout): number[] {
  const axes = [layout.x!, layout.y!, layout.z!];
  if (axes.every((axis) => axis.every((column) => !row[column] || row[column] === 'None'))) return [];
  const xyz = new Array<number>(3 * SAMPLES_PER_DATAPOINT);
  for (let i = 0; i < SAMPLES_PER_DATAPOINT; i++) {
    for (let a = 0; a < 3; a++) xyz[3 * i + a] = toNumber(row[axes[a]![i]!]);
  }
  return xyz;
}
