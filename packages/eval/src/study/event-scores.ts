import {
  MAX_GAP_MS,
  MIN_GAP_MS,
  OSD_ALARM,
  OSD_ALARM_TIMING,
  osdAlarmStates,
  type OsdAlarmTiming,
  type WindowTable,
} from '@accelgan/data';

/**
 * A detector's per-window decisions over held-out events, scored as OpenSeizureDetector
 * raises alarms (docs/metrics.md, "Augmentation study", defines each figure):
 *
 * - Each event's windows in time order form runs: the next window continues a run when it
 *   starts more than MIN_GAP_MS and at most MAX_GAP_MS after the last one kept (ingest's
 *   rule); a later start breaks the run (a hole in the recording), and a window 2.5 s or
 *   less after the last one kept repeats it and is skipped.
 * - Over each run the app's alarm rule (osdAlarmStates: with the defaults, 2 consecutive
 *   windows in alarm → WARNING, 3 → ALARM) turns decisions into states, starting from OK.
 * - Window k spans [t_k, t_k + 5 s); it overlaps the seizure [onset, end] (seizureTimes)
 *   when t_k < end and t_k + 5 s > onset, and is otherwise non-ictal time.
 * - The seizure is detected when a window that overlaps it is in ALARM; the latency is the
 *   end of the first such window (when the app raises the alarm) minus the onset.
 * - An ALARM episode is a maximal stretch of consecutive windows in ALARM within a run;
 *   it is a false alarm when none of its windows overlaps the seizure (an alarm already
 *   sounding when the seizure begins, or still sounding after it, is the detection).
 */
export interface EventScore {
  readonly eventId: string;
  readonly userId: string;
  /** Whether a window of the recording overlaps the event's seizure: only then do `detected` and `latencySeconds` mean anything. */
  readonly seizure: boolean;
  readonly detected: boolean;
  /** Seconds from the onset to the end of the first ALARM window overlapping the seizure; null when not detected. */
  readonly latencySeconds: number | null;
  /** Whether any window overlapping the seizure is in alarm by itself (the toolkit's event rule, without the consecutive rule). */
  readonly anyWindow: boolean;
  /** ALARM episodes none of whose windows overlaps the seizure. */
  readonly falseAlarms: number;
  /** Seconds of windows that do not overlap the seizure (5 s each). */
  readonly nonIctalSeconds: number;
  /** Windows scored (repeats skipped). */
  readonly windows: number;
}

/** What scoring reads of the held-out windows. */
export type ScoredWindows = Pick<
  WindowTable,
  'samplesPerWindow' | 'eventId' | 'userId' | 'startTime' | 'seizureStart' | 'seizureEnd'
>;

const WINDOW_MS = 5_000;

/** Scores every event of `windows` from each window's decision (1 = in alarm); events in order of first appearance. */
export function scoreEvents(
  windows: ScoredWindows,
  decisions: ArrayLike<number>,
  timing: OsdAlarmTiming = OSD_ALARM_TIMING,
): EventScore[] {
  const windowMs = (windows.samplesPerWindow / 25) * 1000;
  if (windowMs !== WINDOW_MS) throw new Error(`event scoring needs 5 s windows; these are ${windowMs / 1000} s`);
  const byEvent = new Map<string, number[]>();
  windows.eventId.forEach((id, i) => {
    if (!Number.isFinite(windows.startTime[i]!)) return;
    const rows = byEvent.get(id);
    if (rows) rows.push(i);
    else byEvent.set(id, [i]);
  });
  const scores: EventScore[] = [];
  for (const [eventId, rows] of byEvent) {
    rows.sort((a, b) => windows.startTime[a]! - windows.startTime[b]!);
    const onset = windows.seizureStart[rows[0]!]!;
    const end = windows.seizureEnd[rows[0]!]!;
    const hasTimes = Number.isFinite(onset) && Number.isFinite(end);
    const overlaps = (t: number) => hasTimes && t < end && t + WINDOW_MS > onset;
    let seizure = false;
    let detected = false;
    let anyWindow = false;
    let latency: number | null = null;
    let falseAlarms = 0;
    let nonIctal = 0;
    let scored = 0;
    for (const run of runsOf(rows, windows.startTime)) {
      const states = osdAlarmStates(
        run.map((row) => decisions[row]!),
        timing,
      );
      let episodeOpen = false;
      let episodeTouches = false;
      const closeEpisode = () => {
        if (episodeOpen && !episodeTouches) falseAlarms++;
        episodeOpen = false;
        episodeTouches = false;
      };
      run.forEach((row, k) => {
        const t = windows.startTime[row]!;
        const ictal = overlaps(t);
        scored++;
        if (ictal) {
          seizure = true;
          if (decisions[row]) anyWindow = true;
        } else nonIctal += WINDOW_MS / 1000;
        if (states[k] === OSD_ALARM) {
          episodeOpen = true;
          if (ictal) {
            episodeTouches = true;
            if (!detected) latency = (t + WINDOW_MS - onset) / 1000;
            detected = true;
          }
        } else closeEpisode();
      });
      closeEpisode();
    }
    scores.push({
      eventId,
      userId: windows.userId[rows[0]!]!,
      seizure,
      detected,
      latencySeconds: latency,
      anyWindow,
      falseAlarms,
      nonIctalSeconds: nonIctal,
      windows: scored,
    });
  }
  return scores;
}

/** Rows split into runs; a row 2.5 s or less after the last kept one repeats it and is dropped. */
function runsOf(rows: readonly number[], startTime: Float64Array): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const row of rows) {
    const last = run[run.length - 1];
    if (last !== undefined) {
      const gap = startTime[row]! - startTime[last]!;
      if (gap <= MIN_GAP_MS) continue;
      if (gap > MAX_GAP_MS) {
        runs.push(run);
        run = [];
      }
    }
    run.push(row);
  }
  if (run.length) runs.push(run);
  return runs;
}
