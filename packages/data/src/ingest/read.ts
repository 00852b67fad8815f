import { AccelganError } from '../errors.js';
import { SkipCounter } from '../skips.js';
import type { OsdbEvent } from '../types.js';
import { openCsv } from './csv.js';
import { detectFileKind } from './detect.js';
import { toOsdbEvent } from './event.js';
import { readJsonEvents } from './json.js';

/**
 * The events of one OSDB file (JSON in any accepted shape, or the toolkit's CSV),
 * one at a time: memory holds the current event, not the file. What cannot be used
 * is counted in `skipped`; what makes the file unreadable is an AccelganError.
 */
export async function* readEvents(path: string, skipped: SkipCounter = new SkipCounter()): AsyncGenerator<OsdbEvent> {
  const kind = await detectFileKind(path);
  if (kind === 'arrow') throw new AccelganError(`${path}: an Arrow dataset holds windows, not OSDB events`);
  if (kind === 'csv') {
    const csv = await openCsv(path);
    if (csv.kind !== 'osdb-csv')
      throw new AccelganError(`${path}: a windows CSV (no dataTime column) holds windows, not OSDB events`);
    yield* csv.events(skipped);
    return;
  }
  let index = 0;
  for await (const raw of readJsonEvents(path)) {
    const event = toOsdbEvent(raw, { source: path, index: index++, skipped });
    if (event) yield event;
  }
}
