import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, quantumOf, type Normalisation } from '@accelgan/data';
import type { Generator } from '@accelgan/model';
import { generationLatents, NOISE_BLOCK } from './generate-batches.js';
import { deriveSeed, Stream } from './seeds.js';

/**
 * The watch's grid, as the data has it. OSDB watches report whole milli-g, but not every
 * recording does: some report fractions (older firmware, other sources). Whether a
 * recording is on the grid is a property of the recording, so it is recorded per training
 * window (by its event), real windows on the grid are dequantised in training (so the
 * discriminator cannot tell them by their grid), and at generation each window is put on
 * the grid or not in the training proportion: by the flag of the training window its level
 * was drawn from, where the generator draws rows of real windows (DrawnFromData.onGrid),
 * else by a seeded draw in its class's share. One switch for the whole run (the grid of
 * checkpoints written before) makes every generated window fractional as soon as one
 * training recording is, where most real windows are whole.
 */
export interface WatchGrid {
  /** The grid's step in milli-g (1: whole milli-g). */
  readonly quantumMilliG: number;
  /** Per class, the share of training windows whose recording is on the grid. */
  readonly shareOnGrid: readonly number[];
}

/** A checkpoint header's grid fields (CheckpointMeta's), stated here so that checkpoint.ts can import this module. */
export interface GridFields {
  /** The run-wide quantum of checkpoints written before per-recording grids. */
  readonly quantumMilliG?: number | null;
  readonly watchGrid?: WatchGrid;
}

/**
 * Per window [N], 1 where every value of every window of its event (`eventIds` [N]) is a
 * whole number of milli-g once denormalised (quantumOf), else 0.
 */
export function windowsOnGrid(
  values: Float32Array,
  samplesPerWindow: number,
  eventIds: readonly string[],
  normalisation: Normalisation,
): Uint8Array {
  const eventOnGrid = new Map<string, boolean>();
  eventIds.forEach((id, i) => {
    const window = values.subarray(i * samplesPerWindow, (i + 1) * samplesPerWindow);
    const whole = quantumOf(window, normalisation) !== null;
    eventOnGrid.set(id, (eventOnGrid.get(id) ?? true) && whole);
  });
  return Uint8Array.from(eventIds, (id) => (eventOnGrid.get(id) ? 1 : 0));
}

/** The run's grid from its training windows' flags and classes, or null where no window is on it. */
export function watchGridOf(onGrid: Uint8Array, labels: Int32Array, numClasses: number): WatchGrid | null {
  if (!onGrid.some((flag) => flag === 1)) return null;
  const on = new Array<number>(numClasses).fill(0);
  const all = new Array<number>(numClasses).fill(0);
  labels.forEach((label, i) => {
    all[label]! += 1;
    on[label]! += onGrid[i]!;
  });
  return { quantumMilliG: 1, shareOnGrid: all.map((n, c) => (n > 0 ? on[c]! / n : 0)) };
}

/** The grid's step a checkpoint rounds generated windows to: its watchGrid's, else the run-wide quantum of checkpoints before it. */
export function gridQuantum(header: GridFields): number | null {
  return header.watchGrid?.quantumMilliG ?? header.quantumMilliG ?? null;
}

/** How generated windows get their grid flag, in words, for run.json. */
export function describeGridDraw(generator: Generator): string {
  return generator.drawnFromData
    ? 'each generated window takes the flag of the training window its level and scale are drawn from'
    : "each generated window is drawn on the grid with its class's share";
}

/**
 * Which of the generated windows [first, first + labels.length) of a generation with `seed`
 * go on the grid (1) or keep fractions (0), or null for a checkpoint written before per-
 * recording grids (then every window goes on `quantumMilliG`, if any: asWatchReadings).
 * Where the generator draws rows of real windows, the flag of the row each window's latent
 * draws (`latents` where given, else the generation's own noise, generationLatents), so it
 * follows the recording whose level the window has; otherwise a seeded draw per window in
 * its class's share. Either way a window's flag depends only on (seed, its index).
 */
export function generatedOnGrid(
  header: Pick<GridFields, 'watchGrid'>,
  generator: Generator,
  labels: Int32Array,
  options: { readonly seed: number; readonly first?: number | undefined; readonly latents?: Float32Array | undefined },
): Uint8Array | null {
  const grid = header.watchGrid;
  if (!grid) return null;
  const n = labels.length;
  const first = options.first ?? 0;
  const flags = new Uint8Array(n);
  const drawn = generator.drawnFromData;
  if (drawn) {
    const d = generator.latentDim;
    // Block-aligned pieces, so the noise is drawn once per block as the sampler draws it.
    for (let start = 0; start < n; ) {
      const end = Math.min(n, (Math.floor((first + start) / NOISE_BLOCK) + 1) * NOISE_BLOCK - first);
      const size = end - start;
      const read = tf.tidy(() => {
        const z = options.latents
          ? tf.tensor2d(options.latents.subarray(start * d, end * d), [size, d])
          : generationLatents(options.seed, d, first + start, size);
        return drawn.onGrid(z, tf.tensor1d(labels.subarray(start, end), 'int32'));
      });
      flags.set(
        Uint8Array.from(read.dataSync(), (v) => (v > 0.5 ? 1 : 0)),
        start,
      );
      read.dispose();
      start = end;
    }
    return flags;
  }
  for (let i = 0; i < n; i++) {
    const u = mulberry32(deriveSeed(options.seed, Stream.WatchGrid, first + i))();
    flags[i] = u < (grid.shareOnGrid[labels[i]!] ?? 0) ? 1 : 0;
  }
  return flags;
}

/**
 * Milli-g windows [N·L] as the watch would report them, in place: non-negative (a vector
 * magnitude cannot be less than zero, while the generator's output is unbounded), and
 * rounded onto the grid where window i's flag `onGrid[i]` is 1; with no flags (checkpoints
 * before per-recording grids), every window onto `quantumMilliG` where there is one.
 */
export function asWatchReadings(
  milliG: Float32Array,
  samplesPerWindow: number,
  onGrid: Uint8Array | null,
  quantumMilliG: number | null | undefined,
): Float32Array {
  const quantum = quantumMilliG ?? 0;
  for (let i = 0; i < milliG.length; i++) {
    const v = Math.max(0, milliG[i]!);
    const rounded = quantum > 0 && (onGrid === null || onGrid[Math.floor(i / samplesPerWindow)] === 1);
    milliG[i] = rounded ? Math.round(v / quantum) * quantum : v;
  }
  return milliG;
}
