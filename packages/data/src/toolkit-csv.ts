import { openAtomicWriter, type WriteOptions } from './atomic.js';
import { AccelganError } from './errors.js';
import { toOsdbJsonEvent, type OsdbJsonEvent, type OsdbJsonOptions } from './export.js';
import { SAMPLES_PER_DATAPOINT, type OsdbEvent } from './types.js';

/**
 * The OSDB toolkit's flattened CSV (OpenSeizureDetector/OpenSeizureDatabase,
 * user_tools/nnTraining2/flattenData.py), written byte for byte as that script writes it
 * from the OSDB JSON of the same events (writeOsdbJson): one row per datapoint, the
 * toolkit's header, each cell as Python's str() prints the JSON value (`None` for a null
 * or missing one, integers without a point, no quoting), `typeStr` in literal double
 * quotes. It carries no seizure times: a reader can only label rows by their event's
 * `type` (1 Seizure, 0 False Alarm or NDA, 2 anything else), which is what the toolkit
 * trains on and what `ingest` reads back (event-level labelling).
 */

/** flattenData.py's dp2row header: event columns, the datapoint's OSD fields, then M, X, Y, Z 000…124. */
export function osdbCsvHeader(): string {
  const columns = [
    'eventId',
    'userId',
    'typeStr',
    'type',
    'dataTime',
    'osdAlarmState',
    'osdSpecPower',
    'osdRoiPower',
    'hr',
    'o2sat',
  ];
  for (const axis of ['M', 'X', 'Y', 'Z']) {
    for (let i = 0; i < SAMPLES_PER_DATAPOINT; i++) columns.push(`${axis}${String(i).padStart(3, '0')}`);
  }
  return columns.join(',');
}

/** flattenData.py's type2id: 1 for a seizure, 0 for a false alarm or NDA, 2 for anything else. */
export function toolkitTypeId(type: string): 0 | 1 | 2 {
  const t = type.toLowerCase();
  if (t === 'seizure') return 1;
  return t === 'false alarm' || t === 'nda' ? 0 : 2;
}

/** Writes events as the toolkit's flattened CSV, one row per datapoint, atomically. */
export async function writeOsdbCsv(
  path: string,
  events: Iterable<OsdbEvent> | AsyncIterable<OsdbEvent>,
  options: WriteOptions & OsdbJsonOptions = {},
): Promise<{ events: number; datapoints: number }> {
  const writer = await openAtomicWriter(path, options);
  let count = 0;
  let datapoints = 0;
  try {
    await writer.write(`${osdbCsvHeader()}\n`);
    for await (const event of events) {
      for (const point of event.datapoints) {
        if (point.magnitude.length !== SAMPLES_PER_DATAPOINT)
          throw new Error(`datapoint of ${point.magnitude.length} samples in event ${event.id}`);
      }
      await writer.write(toolkitRows(toOsdbJsonEvent(event, options)));
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

/** 375 `None` cells: flattenData.py's X, Y and Z where a datapoint has no rawData3D. */
const NO_3D = new Array<string>(3 * SAMPLES_PER_DATAPOINT).fill('None').join(',');

/** The rows flattenData.py's dp2row makes of one event, each ending in a newline. */
function toolkitRows(event: OsdbJsonEvent): string {
  const head = [
    pyCell(event.id, 'id'),
    pyCell(event.userId, 'userId'),
    `"${pyCell(event.type, 'type')}/${pyCell(event.subType, 'subType')}"`,
    String(toolkitTypeId(event.type)),
  ].join(',');
  let rows = '';
  for (const point of event.datapoints) {
    if (point.rawData3D.length !== 0) throw new Error('writing rawData3D to the toolkit CSV is not implemented');
    const cells = [
      head,
      pyCell(point.dataTime, 'dataTime'),
      pyCell(point.alarmState, 'alarmState'),
      pyCell(point.specPower, 'specPower'),
      pyCell(point.roiPower, 'roiPower'),
      pyCell(point.hr, 'hr'),
      pyCell(point.o2Sat, 'o2Sat'),
      point.rawData.join(','),
      NO_3D,
    ];
    rows += `${cells.join(',')}\n`;
  }
  return rows;
}

/**
 * A JSON value as Python's str() prints it after json.load: null is `None`; numbers as
 * JavaScript prints them, which is Python's repr of the same JSON number for every value
 * written here (integers, and decimals of at most 3 places below 1e16). The toolkit does
 * not quote cells, so a comma, quote or line break in a value would shift the columns:
 * such a value is refused.
 */
function pyCell(value: string | number | null, field: string): string {
  if (value === null) return 'None';
  const text = String(value);
  if (/[,"\r\n]/.test(text))
    throw new AccelganError(
      `${field} ${JSON.stringify(text)} holds a comma, quote or line break, which the toolkit's CSV cannot hold`,
    );
  return text;
}
