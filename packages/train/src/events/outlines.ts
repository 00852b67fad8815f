import { SAMPLE_RATE_HZ, type WindowTable } from '@accelgan/data';

/**
 * The shape of one training event, without its signal: how long it was, where its
 * seizure lay, what kind it was. A run keeps these (in its checkpoint) so that whole
 * synthetic events can later be laid out the way real ones were, without the data.
 */
export interface EventOutline {
  readonly type: string;
  readonly subType: string;
  /** Seconds from the event's first window's start to its last window's end (holes included). */
  readonly seconds: number;
  /**
   * The seizure's [start, end] in seconds from the event's first sample; either end may lie
   * outside [0, seconds] (OSDB seizureTimes often begin before the recording). Null: no seizure.
   */
  readonly seizure: readonly [number, number] | null;
  /**
   * Whether the event reports whole milli-g (the watch's grid); events laid out from it are
   * reported the same way. Absent in checkpoints written before per-recording grids.
   */
  readonly onGrid?: boolean;
}

/**
 * One outline per event of the given rows (default: all), in order of first appearance.
 * Events whose windows carry no time (a windows CSV) cannot be laid out and are left out.
 * `onGrid`, where given, flags each of the rows (in the order of `rows`) on the watch's
 * grid (watch-grid.ts's windowsOnGrid, which flags an event's windows alike).
 */
export function eventOutlines(
  windows: Pick<
    WindowTable,
    'samplesPerWindow' | 'eventId' | 'type' | 'subType' | 'startTime' | 'seizureStart' | 'seizureEnd'
  >,
  rows?: readonly number[],
  onGrid?: Uint8Array,
): EventOutline[] {
  const windowMs = (windows.samplesPerWindow / SAMPLE_RATE_HZ) * 1000;
  const spans = new Map<string, { first: number; last: number; row: number; onGrid: boolean }>();
  (rows ?? windows.eventId.map((_, i) => i)).forEach((row, k) => {
    const t = windows.startTime[row]!;
    if (!Number.isFinite(t)) return;
    const id = windows.eventId[row]!;
    const span = spans.get(id);
    if (!span) spans.set(id, { first: t, last: t, row, onGrid: onGrid?.[k] === 1 });
    else {
      span.first = Math.min(span.first, t);
      span.last = Math.max(span.last, t);
    }
  });
  return [...spans.values()].map(({ first, last, row, onGrid: whole }) => {
    const start = windows.seizureStart[row]!;
    const end = windows.seizureEnd[row]!;
    return {
      type: windows.type[row]!,
      subType: windows.subType[row]!,
      seconds: (last + windowMs - first) / 1000,
      seizure:
        Number.isFinite(start) && Number.isFinite(end)
          ? ([(start - first) / 1000, (end - first) / 1000] as const)
          : null,
      ...(onGrid ? { onGrid: whole } : {}),
    };
  });
}
