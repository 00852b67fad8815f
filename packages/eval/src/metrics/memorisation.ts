import { squaredDistance } from './mmd.js';
import { dataCopying, type DataCopyingResult } from './data-copying.js';
import { classIndices, countWindows, recordingKeys } from '../windows.js';
import { quantileSorted } from '../util/stats.js';
import type { ClassName, PerClass, WindowSet } from '../types.js';

/** RMS distance (mg) below which a window counts as an exact copy of its nearest training window. */
export const EXACT_COPY_MG = 0.5;

export interface MemorisationClass {
  readonly windows: number;
  /** Synthetic windows within EXACT_COPY_MG (RMS) of a training window. */
  readonly exactCopies: number;
  /** Held-out real windows within EXACT_COPY_MG of a training window (duplicates in the real data). */
  readonly heldOutExactCopies: number;
  /** Fraction of synthetic windows nearer their nearest training window than `nearThreshold`. */
  readonly nearCopyRate: number;
  /** The same fraction for held-out real windows (about 1% by construction of the threshold). */
  readonly heldOutNearRate: number;
  readonly medianSynthetic: number;
  readonly medianHeldOut: number;
  /**
   * The real training windows of the class, each against the training windows of the other
   * recordings (the threshold the same): each training recording treated as new, what a
   * recording the generator never saw, from users it learnt, scores. Null where the
   * training windows come from fewer than 2 recordings, or some window's recording is not
   * known (nearestOtherRecording).
   */
  readonly training: { readonly nearCopyRate: number; readonly median: number } | null;
}

export interface MemorisationResult {
  /** 1st percentile of the held-out real windows' nearest-training-window distances (mg RMS). */
  readonly nearThreshold: number;
  readonly perClass: PerClass<MemorisationClass>;
  /** The same distances compared region by region (all classes together): Meehan et al.'s data-copying test. */
  readonly dataCopying: DataCopyingResult;
  /** Nearest-neighbour distance of each synthetic window and the index of that training window. */
  readonly synthetic: { readonly distance: Float64Array; readonly neighbour: Int32Array };
  readonly heldOut: { readonly distance: Float64Array; readonly neighbour: Int32Array };
}

/**
 * Memorisation check: for each synthetic window the RMS distance sqrt(Σ_t (x_t - y_t)² / L)
 * (mg) to its nearest training window, against the same for held-out real windows.
 * exact copy: RMS distance < 0.5 mg (below the OSDB sample resolution of 4 mg, and above
 * float and integer rounding); near copy (exact copies included): distance < the 1st
 * percentile (type 7) of the held-out real windows' nearest distances, leaving out held-out
 * windows that are themselves exact copies (0.5 mg when all are). Per class: windows of that class on both
 * sides, always against all training windows; the threshold is the overall one. With them,
 * the data-copying test (data-copying.ts, seeded by `seed`), which compares the same
 * distances within regions of the window space.
 */
export function memorisation(synthetic: WindowSet, train: WindowSet, heldOut: WindowSet, seed = 0): MemorisationResult {
  const syn = nearest(synthetic, train);
  const held = nearest(heldOut, train);
  const otherRecording = nearestOtherRecording(train);
  // Held-out windows that duplicate a training window (OSDB events can overlap) would
  // put the percentile at 0, so the threshold comes from the others.
  const fresh = Float64Array.from(held.distance)
    .filter((d) => d >= EXACT_COPY_MG)
    .sort();
  const nearThreshold = fresh.length ? quantileSorted(fresh, 0.01) : EXACT_COPY_MG;
  const perClass: Partial<Record<ClassName, MemorisationClass>> = {};
  for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
    const is = classIndices(synthetic, cls);
    const ih = classIndices(heldOut, cls);
    if (!is.length || !ih.length) continue;
    const ds = Float64Array.from(is, (i) => syn.distance[i] as number).sort();
    const dh = Float64Array.from(ih, (i) => held.distance[i] as number).sort();
    const dt = otherRecording
      ? Float64Array.from(classIndices(train, cls), (i) => otherRecording[i] as number).sort()
      : new Float64Array(0);
    perClass[cls] = {
      windows: is.length,
      exactCopies: ds.filter((d) => d < EXACT_COPY_MG).length,
      heldOutExactCopies: dh.filter((d) => d < EXACT_COPY_MG).length,
      nearCopyRate: ds.filter((d) => d < nearThreshold).length / ds.length,
      heldOutNearRate: dh.filter((d) => d < nearThreshold).length / dh.length,
      medianSynthetic: quantileSorted(ds, 0.5),
      medianHeldOut: quantileSorted(dh, 0.5),
      training: dt.length
        ? { nearCopyRate: dt.filter((d) => d < nearThreshold).length / dt.length, median: quantileSorted(dt, 0.5) }
        : null,
    };
  }
  const copying = dataCopying(
    train,
    { set: synthetic, distance: syn.distance },
    { set: heldOut, distance: held.distance },
    { seed },
  );
  return {
    nearThreshold,
    perClass: perClass as PerClass<MemorisationClass>,
    dataCopying: copying,
    synthetic: syn,
    heldOut: held,
  };
}

/**
 * Each window's RMS distance (mg) to its nearest window of another recording of the same
 * set (recordingKeys: overlapping events are one recording, so no window meets a copy of
 * its own datapoints). Null where the set holds fewer than 2 recordings, and where some
 * window has neither an event nor a recording group: such a window would count as a
 * recording of its own, and its neighbours in time, which may share its datapoints, as
 * others. Brute force over every pair once: n²/2 distances (0.5 s for the shared
 * sample's 1,000 or so training windows).
 */
export function nearestOtherRecording(set: WindowSet): Float64Array | null {
  const n = countWindows(set);
  for (let i = 0; i < n; i++) if (!set.eventId?.[i] && !set.groupId?.[i]) return null;
  const keys = recordingKeys(set);
  if (new Set(keys).size < 2) return null;
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  // Each pair once: the distance is symmetric.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (keys[j] === keys[i]) continue;
      const d = squaredDistance(set, i, set, j);
      if (d < (best[i] as number)) best[i] = d;
      if (d < (best[j] as number)) best[j] = d;
    }
  }
  return best.map((d) => Math.sqrt(d / set.samplesPerWindow));
}

/** Brute-force nearest neighbour (RMS distance, mg) of every query window among the reference windows. */
export function nearest(query: WindowSet, reference: WindowSet): { distance: Float64Array; neighbour: Int32Array } {
  const nq = countWindows(query);
  const nr = countWindows(reference);
  const l = query.samplesPerWindow;
  const distance = new Float64Array(nq);
  const neighbour = new Int32Array(nq);
  for (let i = 0; i < nq; i++) {
    let best = Number.POSITIVE_INFINITY;
    let arg = -1;
    for (let j = 0; j < nr; j++) {
      const d = squaredDistance(query, i, reference, j);
      if (d < best) {
        best = d;
        arg = j;
      }
    }
    distance[i] = Math.sqrt(best / l);
    neighbour[i] = arg;
  }
  return { distance, neighbour };
}
