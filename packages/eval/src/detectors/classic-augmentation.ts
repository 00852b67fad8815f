import { AccelganError, MAX_GAP_MS, MIN_GAP_MS, SAMPLE_RATE_HZ, type WindowTable } from '@accelgan/data';
import { makeRng, normal, subSeed, type Rand } from '../util/rng.js';

/**
 * The OpenSeizureDetector toolkit's "classic" augmentation of the seizure class
 * (user_tools/nnTraining2/augmentData.py, with nnConfig_deep_pytorch.json's settings),
 * applied to 5 s windows labelled by seizureTimes rather than to whole seizure events:
 *
 * - phase: each event's unbroken run of windows is one signal; for every offset
 *   `phaseStep`, 2·`phaseStep`, … below one window, the windows starting at that offset
 *   and every 125 samples after it (those wholly inside the run) are new windows. As the
 *   toolkit augments only its seizure class, only those whose midpoint lies in the
 *   seizure (the labelling rule of real windows) are kept.
 * - noise: `noiseCopies` copies of every ictal window, real or phase-shifted (the toolkit
 *   adds noise after phase), each sample plus N(0, `noiseMg`²) milli-g, independently.
 *
 * Where the real windows lie on the whole-milli-g grid (`quantumMg` 1, as watches report
 * them), noisy copies are rounded back onto it and kept non-negative, as accelgan's
 * generated windows are: a detector should not learn that off-grid values mean a seizure
 * (the toolkit keeps the fractional values; its detectors see no such feature).
 *
 * The pool is large (for the default settings, (1 + 24) × (1 + 10) − 1 = 274 windows per
 * real ictal window), so `count` of them are drawn without replacement; each drawn
 * window's noise depends only on the seed and its place in the pool, not on which others
 * were drawn.
 */
export interface ClassicAugmentationOptions {
  /** Noise copies of every ictal window (the toolkit's noiseAugmentationFactor). */
  readonly noiseCopies: number;
  /** Standard deviation of the noise in milli-g (the toolkit's noiseAugmentationValue). */
  readonly noiseMg: number;
  /** Samples between phase offsets (the toolkit's phaseAugmentationStep); 0 = no phase augmentation. */
  readonly phaseStep: number;
}

export const CLASSIC_AUGMENTATION_DEFAULTS: ClassicAugmentationOptions = { noiseCopies: 10, noiseMg: 30, phaseStep: 5 };

/** What the augmentation reads of the real training windows: 5 s windows with times and labels, in milli-g. */
export type AugmentationSource = Pick<
  WindowTable,
  'samplesPerWindow' | 'values' | 'eventId' | 'startTime' | 'ictal' | 'seizureStart' | 'seizureEnd'
>;

export interface ClassicAugmentation {
  readonly samplesPerWindow: number;
  /** The drawn windows, milli-g; every one is ictal. */
  readonly values: Float32Array;
  /** The real event each drawn window was made from. */
  readonly sourceEvent: readonly string[];
  /**
   * Where each drawn window came from: the source row (window) it starts in, the samples
   * into that window it starts at (0: the window itself; k·phaseStep: phase-shifted), and
   * its noise copy (1 to noiseCopies; 0: no noise, a phase window as cut).
   */
  readonly sourceRow: Int32Array;
  readonly offset: Int32Array;
  readonly copy: Int32Array;
  /** Windows the pool held before the draw: real ictal windows × noise copies, plus phase windows × (1 + noise copies). */
  readonly pool: number;
  /** Of the pool, the phase-shifted windows before noise. */
  readonly phaseWindows: number;
}

/** Draws `count` windows (all of them where the pool holds fewer) of the toolkit's augmentation of `source`'s ictal windows. */
export function classicAugmentation(
  source: AugmentationSource,
  count: number,
  options: ClassicAugmentationOptions & { readonly seed: number; readonly quantumMg: number | null },
): ClassicAugmentation {
  const l = source.samplesPerWindow;
  const { noiseCopies, noiseMg, phaseStep } = options;
  if (!Number.isInteger(noiseCopies) || noiseCopies < 0)
    throw new AccelganError(`noise copies must be a whole number of at least 0; got ${noiseCopies}`);
  if (!(noiseMg >= 0)) throw new AccelganError(`noise must be at least 0 mg; got ${noiseMg}`);
  if (!Number.isInteger(phaseStep) || phaseStep < 0 || phaseStep >= l)
    throw new AccelganError(`phase step must be a whole number of samples from 0 to ${l - 1}; got ${phaseStep}`);
  const originals: number[] = [];
  source.ictal.forEach((label, i) => {
    if (label) originals.push(i);
  });
  const phase =
    phaseStep > 0 ? phaseWindows(source, phaseStep) : { values: new Float32Array(0), event: [], row: [], offset: [] };
  const nPhase = phase.event.length;
  // Pool order: originals' noisy copies (copy 1..N of each), then phase windows' copies (0..N of each).
  const fromOriginals = originals.length * noiseCopies;
  const pool = fromOriginals + nPhase * (noiseCopies + 1);
  const chosen = drawIndices(pool, Math.max(0, Math.min(count, pool)), makeRng(subSeed(options.seed, 'classic-draw')));
  const values = new Float32Array(chosen.length * l);
  const sourceEvent: string[] = [];
  const sourceRow = new Int32Array(chosen.length);
  const offset = new Int32Array(chosen.length);
  const copies = new Int32Array(chosen.length);
  chosen.forEach((c, k) => {
    let base: Float32Array;
    let copy: number;
    if (c < fromOriginals) {
      const row = originals[Math.floor(c / noiseCopies)]!;
      base = source.values.subarray(row * l, (row + 1) * l) as Float32Array;
      copy = 1 + (c % noiseCopies);
      sourceEvent.push(source.eventId[row]!);
      sourceRow[k] = row;
    } else {
      const p = Math.floor((c - fromOriginals) / (noiseCopies + 1));
      base = phase.values.subarray(p * l, (p + 1) * l);
      copy = (c - fromOriginals) % (noiseCopies + 1);
      sourceEvent.push(phase.event[p]!);
      sourceRow[k] = phase.row[p]!;
      offset[k] = phase.offset[p]!;
    }
    copies[k] = copy;
    const out = values.subarray(k * l, (k + 1) * l);
    out.set(base);
    if (copy > 0) addNoise(out, noiseMg, makeRng(subSeed(options.seed, `classic-noise-${c}`)), options.quantumMg);
  });
  return { samplesPerWindow: l, values, sourceEvent, sourceRow, offset, copy: copies, pool, phaseWindows: nPhase };
}

/**
 * The phase-shifted ictal windows of every event's unbroken runs (consecutive windows
 * more than MIN_GAP_MS and at most MAX_GAP_MS apart, as ingest's runs), events in id
 * order, offsets ascending, then position; each with the row it starts in and its offset into it.
 */
export function phaseWindows(
  source: AugmentationSource,
  phaseStep: number,
): {
  readonly values: Float32Array;
  readonly event: readonly string[];
  readonly row: readonly number[];
  readonly offset: readonly number[];
} {
  const l = source.samplesPerWindow;
  const byEvent = new Map<string, number[]>();
  source.eventId.forEach((id, i) => {
    if (!Number.isFinite(source.startTime[i]!)) return;
    const rows = byEvent.get(id);
    if (rows) rows.push(i);
    else byEvent.set(id, [i]);
  });
  const chunks: Float32Array[] = [];
  const event: string[] = [];
  const startRow: number[] = [];
  const startOffset: number[] = [];
  for (const id of [...byEvent.keys()].sort()) {
    const rows = byEvent.get(id)!.sort((a, b) => source.startTime[a]! - source.startTime[b]!);
    const start = source.seizureStart[rows[0]!]!;
    const end = source.seizureEnd[rows[0]!]!;
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    for (const run of runsOf(rows, source.startTime)) {
      for (let offset = phaseStep; offset < l; offset += phaseStep) {
        for (let k = 0; k + 1 < run.length; k++) {
          // Starts `offset` samples into window k of the run and ends inside window k + 1.
          const first = run[k]!;
          const mid = source.startTime[first]! + ((offset + l / 2) / SAMPLE_RATE_HZ) * 1000;
          if (mid < start || mid > end) continue;
          const window = new Float32Array(l);
          window.set(source.values.subarray(first * l + offset, first * l + l), 0);
          const next = run[k + 1]!;
          window.set(source.values.subarray(next * l, next * l + offset), l - offset);
          chunks.push(window);
          event.push(id);
          startRow.push(first);
          startOffset.push(offset);
        }
      }
    }
  }
  const values = new Float32Array(chunks.length * l);
  chunks.forEach((chunk, i) => values.set(chunk, i * l));
  return { values, event, row: startRow, offset: startOffset };
}

function runsOf(rows: readonly number[], startTime: Float64Array): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const row of rows) {
    const last = run[run.length - 1];
    const gap = last === undefined ? 0 : startTime[row]! - startTime[last]!;
    if (last !== undefined && !(gap > MIN_GAP_MS && gap <= MAX_GAP_MS)) {
      runs.push(run);
      run = [];
    }
    run.push(row);
  }
  if (run.length) runs.push(run);
  return runs;
}

function addNoise(window: Float32Array, sigma: number, rand: Rand, quantumMg: number | null): void {
  for (let t = 0; t < window.length; t++) {
    const v = window[t]! + sigma * normal(rand);
    window[t] = quantumMg ? Math.max(0, Math.round(v / quantumMg) * quantumMg) : v;
  }
}

/** `k` distinct indices of [0, n), ascending (Floyd's sampling: k draws whatever n is). */
function drawIndices(n: number, k: number, rand: Rand): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(rand() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}
