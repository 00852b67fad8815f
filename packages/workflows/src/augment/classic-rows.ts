import { DATAPOINT_SECONDS, SAMPLE_RATE_HZ, type OsdbEvent, type WindowTable } from '@accelgan/data';
import { CLASSIC_AUGMENTATION_DEFAULTS, classicAugmentation, type ClassicAugmentationOptions } from '@accelgan/eval';

/**
 * `--classic`: the OSDB toolkit's own augmentation of the real seizure rows
 * (user_tools/nnTraining2/augmentData.py), which the toolkit skips for a fold whose
 * trainDataAugmented.csv exists. It is eval's classicAugmentation (phase, then noise on
 * the originals and on every phase window), the whole pool, with the settings of the
 * toolkit's production config (nnConfig_deep_pytorch.json: 10 noise copies of 30 mg,
 * phase step 5 samples), laid out as augmentData lays it out:
 *
 * - every seizure event's noise copies are events `<id>-1` … `<id>-10`, row for row the
 *   source's rows with their times;
 * - every phase offset k·step (k = 1 … 24) is an event `<id>-phase<k>`, and its noise
 *   copies `<id>-phase<k>-1` …; its rows are the shifted windows, in order.
 *
 * Where it differs from augmentData, and why: a phase row's dataTime is its own (the
 * source row's plus the shift; augmentData gives every row of a phase event its first
 * row's, so the toolkit's time sort scrambles them); phase windows never join rows across
 * a hole in the recording; noise is added to the magnitude M only, and classic rows carry
 * no X/Y/Z (augmentData perturbs x, y and z of a 3-D event and recomputes M); and every
 * row's OSD fields are computed on its own samples, as on every row accelgan writes.
 * The noise is accelgan's seeded generator, not numpy's.
 */
export const CLASSIC_SETTINGS: ClassicAugmentationOptions = CLASSIC_AUGMENTATION_DEFAULTS;

export interface ClassicRows {
  readonly events: OsdbEvent[];
  readonly rows: number;
}

/**
 * The classic augmentation of `windows` (5 s windows in milli-g, as ingest cut them from a
 * fold file: each one datapoint, ictal where its event is a Seizure) as OSDB events.
 */
export function classicRows(windows: WindowTable, seed: number): ClassicRows {
  const l = windows.samplesPerWindow;
  const n = windows.eventId.length;
  // A fold file labels by event: a seizure event's whole recording is its seizure, which
  // is what lets every phase window of it count as the toolkit's seizure class.
  const span = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++) {
    if (!windows.ictal[i]) continue;
    const id = windows.eventId[i]!;
    const start = windows.startTime[i]!;
    const known = span.get(id);
    span.set(
      id,
      known
        ? [Math.min(known[0], start), Math.max(known[1], start + l * (1000 / SAMPLE_RATE_HZ))]
        : [start, start + l * (1000 / SAMPLE_RATE_HZ)],
    );
  }
  const seizure = (i: number, end: 0 | 1) => span.get(windows.eventId[i]!)?.[end] ?? Number.NaN;
  const source = {
    ...windows,
    seizureStart: Float64Array.from({ length: n }, (_, i) => seizure(i, 0)),
    seizureEnd: Float64Array.from({ length: n }, (_, i) => seizure(i, 1)),
  };
  // augmentData keeps the noise's fractional milli-g: no grid.
  const drawn = classicAugmentation(source, Number.MAX_SAFE_INTEGER, { ...CLASSIC_SETTINGS, seed, quantumMg: null });
  const byId = new Map<string, { row: number; time: number; k: number }[]>();
  for (let k = 0; k < drawn.sourceEvent.length; k++) {
    const row = drawn.sourceRow[k]!;
    const offset = drawn.offset[k]!;
    const copy = drawn.copy[k]!;
    const phase = offset > 0 ? `-phase${offset / CLASSIC_SETTINGS.phaseStep}` : '';
    const id = `${drawn.sourceEvent[k]}${phase}${copy > 0 ? `-${copy}` : ''}`;
    // A datapoint's time is the end of its 5 s; a shifted window ends `offset` samples later.
    const time = windows.startTime[row]! + DATAPOINT_SECONDS * 1000 + (offset * 1000) / SAMPLE_RATE_HZ;
    const members = byId.get(id);
    if (members) members.push({ row, time, k });
    else byId.set(id, [{ row, time, k }]);
  }
  const events: OsdbEvent[] = [];
  for (const [id, members] of byId) {
    members.sort((a, b) => a.time - b.time);
    const first = members[0]!.row;
    events.push({
      id,
      userId: windows.userId[first]!,
      type: 'Seizure',
      subType: windows.subType[first]!,
      time: members[0]!.time - DATAPOINT_SECONDS * 1000,
      seizureTimes: null,
      desc: `The OSDB toolkit's noise and phase augmentation of event ${windows.eventId[first]}`,
      datapoints: members.map(({ time, k }) => ({ time, magnitude: drawn.values.subarray(k * l, (k + 1) * l) })),
    });
  }
  return { events, rows: drawn.sourceEvent.length };
}
