import { createHash } from 'node:crypto';
import type { OsdbEvent } from '../types.js';

/**
 * Events ingest has already taken, over all its inputs, to drop repeats: an event whose id
 * was seen before (OSDB ids are unique; two events sharing one would otherwise be merged
 * into one recording by the split), and an event whose datapoints (times and samples) are
 * exactly those of an earlier one under another id (the same recording exported twice,
 * e.g. from osdb_3min_allSeizures.json and osdb_3min_tcSeizures.json, which it contains).
 * The first is kept. Events that merely overlap (two alarms of one user a minute apart
 * share datapoints) are different recordings and both kept.
 */
export class SeenEvents {
  private readonly ids = new Set<string>();
  private readonly contents = new Set<string>();

  /** Why `event` repeats an earlier one (a skip reason), or undefined when it is new; remembers it. */
  repeat(event: OsdbEvent): string | undefined {
    if (this.ids.has(event.id)) return 'event: id seen before (the first kept)';
    const content = contentHash(event);
    if (this.contents.has(content)) return 'event: same datapoints as an earlier event (the first kept)';
    this.ids.add(event.id);
    this.contents.add(content);
    return undefined;
  }
}

/** SHA-1 of the datapoints' times and samples: 20 bytes per event kept, whatever its size. */
function contentHash(event: OsdbEvent): string {
  const hash = createHash('sha1');
  const time = new Float64Array(1);
  for (const point of event.datapoints) {
    time[0] = point.time;
    hash.update(new Uint8Array(time.buffer));
    hash.update(new Uint8Array(point.magnitude.buffer, point.magnitude.byteOffset, point.magnitude.byteLength));
  }
  return hash.digest('base64');
}
