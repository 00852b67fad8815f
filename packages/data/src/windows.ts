import { AccelganError } from './errors.js';
import type { SkipCounter } from './skips.js';
import { DATAPOINT_SECONDS, SAMPLES_PER_DATAPOINT, type OsdbEvent, type Split, type WindowTable } from './types.js';

/**
 * Cutting events into windows, and labelling them.
 *
 * Time: OSDB stamps a datapoint when the phone receives it, i.e. at the END of its
 * 5 s of samples (the OSDB toolkit reads `dataTime` the same way). A window of
 * datapoints d₀…d₍ₖ₋₁₎ therefore spans [d₀.time − 5 s, dₖ₋₁.time], and its start
 * time is d₀.time − 5 s.
 *
 * Runs: consecutive datapoints belong to one run when their times differ by more
 * than 2.5 s and at most 7.5 s (5 s ± half a datapoint): this admits the 4 s and
 * 6 s jitter real recordings show, and breaks at holes (> 7.5 s) and at duplicated
 * or overlapping datapoints (≤ 2.5 s, which would repeat samples). A window never
 * spans two runs. With one-datapoint windows this does not matter: every usable
 * datapoint is a window.
 *
 * Stride: windows of k datapoints start every `strideSeconds / 5` datapoints
 * within a run; the default is one datapoint (5 s). More, overlapping windows give
 * a GAN more shifted views of the same movement; since train/val is split by
 * event, overlap never leaks between the two. Use strideSeconds = windowSeconds
 * for non-overlapping windows.
 *
 * Label: a window is ictal when its midpoint, as an offset from the event's
 * `dataTime`, lies in seizureTimes [start, end] (both ends included). Where the
 * datapoints carry labels of their own (a CSV label column) the window is ictal
 * when at least half of its datapoints are.
 */

/** Largest gap between consecutive datapoints of one run. */
export const MAX_GAP_MS = 7_500;
/** Gaps at or below this are duplicated or overlapping datapoints, not a continuation. */
export const MIN_GAP_MS = 2_500;

/** One window in milli-g with what identifies and labels it. */
export interface LabelledWindow {
  readonly eventId: string;
  readonly userId: string;
  readonly type: string;
  readonly subType: string;
  /** Epoch ms of the first sample; NaN where the source has no times (a windows CSV). */
  readonly startTime: number;
  readonly ictal: boolean;
  readonly values: Float32Array;
  /** Epoch ms of the event's seizure start and end (its seizureTimes); absent or NaN where unknown. */
  readonly seizureStart?: number;
  readonly seizureEnd?: number;
  /** Set only where the source already split its windows (an Arrow dataset). */
  readonly split?: Split;
}

export interface WindowShape {
  /** Datapoints per window. */
  readonly datapoints: number;
  /** Datapoints between the starts of consecutive windows. */
  readonly stride: number;
}

/** Checks and converts window and stride seconds (multiples of 5, stride ≤ window). */
export function windowShape(windowSeconds: number, strideSeconds: number = DATAPOINT_SECONDS): WindowShape {
  const datapoints = wholeDatapoints(windowSeconds, 'window');
  const stride = wholeDatapoints(strideSeconds, 'stride');
  if (stride > datapoints)
    throw new AccelganError(
      `stride of ${strideSeconds} s is longer than the ${windowSeconds} s window; windows would skip data`,
    );
  return { datapoints, stride };
}

function wholeDatapoints(seconds: number, what: string): number {
  const k = seconds / DATAPOINT_SECONDS;
  if (!Number.isInteger(k) || k < 1) {
    throw new AccelganError(
      `${what} length must be a positive multiple of ${DATAPOINT_SECONDS} seconds (one OSDB datapoint); got ${seconds}`,
    );
  }
  return k;
}

/**
 * The windows of one event, in time order. Datapoints that fall in no window (runs
 * shorter than the window) are counted in `skipped`.
 */
export function* eventWindows(event: OsdbEvent, shape: WindowShape, skipped?: SkipCounter): Generator<LabelledWindow> {
  const { datapoints, stride } = shape;
  const points = event.datapoints;
  let runStart = 0;
  for (let i = 1; i <= points.length; i++) {
    const gap = i < points.length ? points[i]!.time - points[i - 1]!.time : Infinity;
    if (gap > MIN_GAP_MS && gap <= MAX_GAP_MS) continue;
    // points[runStart, i) is one run.
    const length = i - runStart;
    let covered = 0;
    for (let start = runStart; start + datapoints <= i; start += stride) {
      yield windowAt(event, start, datapoints);
      covered = start + datapoints - runStart;
    }
    if (length - covered > 0)
      skipped?.add("datapoint: in no window (run shorter than a window, or a run's tail)", length - covered);
    runStart = i;
  }
}

function windowAt(event: OsdbEvent, first: number, count: number): LabelledWindow {
  const values = new Float32Array(count * SAMPLES_PER_DATAPOINT);
  let labelled = 0;
  let ictalCount = 0;
  for (let j = 0; j < count; j++) {
    const point = event.datapoints[first + j]!;
    values.set(point.magnitude, j * SAMPLES_PER_DATAPOINT);
    if (point.ictal !== undefined) {
      labelled++;
      if (point.ictal) ictalCount++;
    }
  }
  const startTime = event.datapoints[first]!.time - DATAPOINT_SECONDS * 1000;
  const endTime = event.datapoints[first + count - 1]!.time;
  const ictal = labelled > 0 ? 2 * ictalCount >= labelled : isIctal((startTime + endTime) / 2, event);
  const [seizureStart, seizureEnd] = event.seizureTimes
    ? event.seizureTimes.map((s) => event.time + s * 1000)
    : [Number.NaN, Number.NaN];
  return {
    eventId: event.id,
    userId: event.userId,
    type: event.type,
    subType: event.subType,
    startTime,
    ictal,
    values,
    seizureStart,
    seizureEnd,
  };
}

/** Whether the instant `time` (epoch ms) lies in the event's seizureTimes. */
export function isIctal(time: number, event: Pick<OsdbEvent, 'time' | 'seizureTimes'>): boolean {
  if (!event.seizureTimes) return false;
  const offset = (time - event.time) / 1000;
  return offset >= event.seizureTimes[0] && offset <= event.seizureTimes[1];
}

/**
 * Collects windows into a WindowTable without knowing their number in advance:
 * the sample buffer doubles as it fills, so adding is amortised O(window).
 */
export class WindowTableBuilder {
  private values: Float32Array;
  private startTimes: Float64Array;
  private seizureStarts: Float64Array;
  private seizureEnds: Float64Array;
  private ictal: Uint8Array;
  private readonly eventId: string[] = [];
  private readonly userId: string[] = [];
  private readonly type: string[] = [];
  private readonly subType: string[] = [];
  private readonly split: Split[] = [];
  private count = 0;

  constructor(readonly samplesPerWindow: number) {
    this.values = new Float32Array(samplesPerWindow * 64);
    this.startTimes = new Float64Array(64);
    this.seizureStarts = new Float64Array(64);
    this.seizureEnds = new Float64Array(64);
    this.ictal = new Uint8Array(64);
  }

  get length(): number {
    return this.count;
  }

  add(window: LabelledWindow): void {
    if (window.values.length !== this.samplesPerWindow) {
      throw new AccelganError(
        `windows of ${window.values.length} samples cannot join windows of ${this.samplesPerWindow}`,
      );
    }
    if (this.count === this.startTimes.length) this.grow();
    this.values.set(window.values, this.count * this.samplesPerWindow);
    this.startTimes[this.count] = window.startTime;
    this.seizureStarts[this.count] = window.seizureStart ?? Number.NaN;
    this.seizureEnds[this.count] = window.seizureEnd ?? Number.NaN;
    this.ictal[this.count] = window.ictal ? 1 : 0;
    this.eventId.push(window.eventId);
    this.userId.push(window.userId);
    this.type.push(window.type);
    this.subType.push(window.subType);
    this.split.push(window.split ?? 'train');
    this.count++;
  }

  /** The table so far; rows from sources without a split are in train. */
  build(): WindowTable {
    const n = this.count;
    return {
      samplesPerWindow: this.samplesPerWindow,
      values: this.values.slice(0, n * this.samplesPerWindow),
      eventId: this.eventId.slice(),
      userId: this.userId.slice(),
      type: this.type.slice(),
      subType: this.subType.slice(),
      startTime: this.startTimes.slice(0, n),
      ictal: this.ictal.slice(0, n),
      seizureStart: this.seizureStarts.slice(0, n),
      seizureEnd: this.seizureEnds.slice(0, n),
      split: this.split.slice(),
    };
  }

  private grow(): void {
    const capacity = this.startTimes.length * 2;
    const values = new Float32Array(capacity * this.samplesPerWindow);
    values.set(this.values);
    this.values = values;
    const startTimes = new Float64Array(capacity);
    startTimes.set(this.startTimes);
    this.startTimes = startTimes;
    this.seizureStarts = grown(this.seizureStarts, capacity);
    this.seizureEnds = grown(this.seizureEnds, capacity);
    const ictal = new Uint8Array(capacity);
    ictal.set(this.ictal);
    this.ictal = ictal;
  }
}

function grown(array: Float64Array, capacity: number): Float64Array {
  const bigger = new Float64Array(capacity);
  bigger.set(array);
  return bigger;
}

/** Row i of a table as a LabelledWindow (its values a view, not a copy). */
export function windowOf(table: WindowTable, i: number): LabelledWindow {
  const n = table.samplesPerWindow;
  return {
    eventId: table.eventId[i]!,
    userId: table.userId[i]!,
    type: table.type[i]!,
    subType: table.subType[i]!,
    startTime: table.startTime[i]!,
    ictal: table.ictal[i] === 1,
    values: table.values.subarray(i * n, (i + 1) * n),
    seizureStart: table.seizureStart[i]!,
    seizureEnd: table.seizureEnd[i]!,
    split: table.split[i]!,
  };
}
