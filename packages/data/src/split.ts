import seedrandom from 'seedrandom';
import { AccelganError } from './errors.js';
import { SAMPLE_RATE_HZ, type WindowTable } from './types.js';

export interface EventSplit {
  /** Sorted event ids. */
  readonly train: readonly string[];
  readonly val: readonly string[];
}

/**
 * Splits events (not windows) into train and val, so that no event's windows sit on
 * both sides: windows of one recording are too alike for val to measure anything
 * otherwise.
 *
 * `round(valFraction × events)` events go to val, chosen by a seeded shuffle of the
 * sorted ids, so the split depends only on the set of ids, the fraction and the seed
 * (not on file order). With valFraction > 0 and two or more events, each side gets at
 * least one event; a single event always goes to train. valFraction 0 puts every
 * event in train.
 */
export function splitEvents(
  eventIds: Iterable<string>,
  options: { readonly valFraction: number; readonly seed: number },
): EventSplit {
  checkSplitOptions(options);
  const { valFraction, seed } = options;
  const ids = [...new Set(eventIds)].sort(compare);
  const n = ids.length;
  let valCount = 0;
  if (valFraction > 0 && n >= 2) valCount = Math.min(n - 1, Math.max(1, Math.round(valFraction * n)));
  const random = seedrandom(`accelgan-split:${seed}`);
  const shuffled = ids.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return { val: shuffled.slice(0, valCount).sort(compare), train: shuffled.slice(valCount).sort(compare) };
}

/** Fails with a clear line for a fraction outside [0, 1) or a seed that is not a number. */
export function checkSplitOptions(options: { readonly valFraction: number; readonly seed: number }): void {
  const { valFraction, seed } = options;
  if (!(valFraction >= 0 && valFraction < 1))
    throw new AccelganError(`val fraction must be at least 0 and below 1; got ${valFraction}`);
  if (!Number.isFinite(seed)) throw new AccelganError(`seed must be a number; got ${seed}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What recording groups need of a window table: which event and user, and when. */
export type RecordingWindows = Pick<WindowTable, 'eventId' | 'userId' | 'startTime' | 'samplesPerWindow'>;

/**
 * Groups events whose recordings overlap in time for the same user. OSDB stores an
 * event per alarm, and alarms a minute apart share datapoints (the shared real sample
 * has 7 such pairs sharing 118 datapoints); splitting such a pair would put the same
 * acceleration on both sides. Returns each event's group, named by its smallest id.
 */
export function recordingGroups(windows: RecordingWindows): Map<string, string> {
  const windowMs = (windows.samplesPerWindow / SAMPLE_RATE_HZ) * 1000;
  const spans = new Map<string, { user: string; start: number; end: number }>();
  windows.eventId.forEach((id, i) => {
    const start = windows.startTime[i]!;
    const span = spans.get(id);
    if (!span) spans.set(id, { user: windows.userId[i]!, start, end: start + windowMs });
    else {
      span.start = Math.min(span.start, start);
      span.end = Math.max(span.end, start + windowMs);
    }
  });
  const ordered = [...spans].sort(([a, x], [b, y]) => compare(x.user, y.user) || x.start - y.start || compare(a, b));
  const groups = new Map<string, string>();
  let members: string[] = [];
  let user = '';
  let end = -Infinity;
  const close = () => {
    const name = members.slice().sort(compare)[0]!;
    for (const id of members) groups.set(id, name);
    members = [];
  };
  for (const [id, span] of ordered) {
    if (members.length && (span.user !== user || span.start >= end)) close();
    if (!members.length) {
      user = span.user;
      end = span.end;
    }
    members.push(id);
    end = Math.max(end, span.end);
  }
  if (members.length) close();
  return groups;
}

/**
 * The by-event split, with overlapping recordings kept together: groups of events
 * (see recordingGroups) are split as splitEvents splits events, and each event
 * follows its group. The fraction counts groups.
 */
export function splitRecordings(
  windows: RecordingWindows,
  options: { readonly valFraction: number; readonly seed: number },
): EventSplit {
  const groups = recordingGroups(windows);
  const val = new Set(splitEvents(groups.values(), options).val);
  const ids = [...groups.keys()].sort(compare);
  return { train: ids.filter((id) => !val.has(groups.get(id)!)), val: ids.filter((id) => val.has(groups.get(id)!)) };
}
