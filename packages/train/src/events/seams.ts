/**
 * Joining independently generated 5 s windows into one recording. The generator draws
 * each window on its own, so where two meet the signal jumps, and a generator's first
 * and last few samples can be its least realistic (padding effects: the shared sample's
 * earlier generators dipped by a few hundred mg at sample 0). A real recording is one continuous
 * signal across datapoint boundaries.
 *
 * - `none`: windows laid side by side as generated (at the levels event generation gives
 *   them: their own, or those the row walk carries, row-walk.ts).
 * - `level`: each window after the first is shifted by an offset d that fades out over its
 *   first `taper` samples (raised cosine), where d makes its first sample continue the
 *   previous window's last one by the local slope (the mean of the steps just before and
 *   after the boundary). Cheap, but it keeps the generator's edge samples, and where those
 *   are off the fading offset overshoots.
 * - `bridge`: one more window is generated across each boundary (its latent between the two
 *   neighbours', its class the later datapoint's), and the `BRIDGE_HALF` samples either side
 *   of the boundary are taken from its middle, cross-fading over `taper` samples into the
 *   neighbours' interiors: each window's outermost `BRIDGE_HALF` samples are replaced and
 *   the next `taper` mixed with the bridge's. It costs a second window per boundary. Two things keep the cross-fades
 *   from showing (docs/lab/2026-11-events.md measures both): the bridge slides by up to
 *   `BRIDGE_SHIFT` samples to meet its neighbours' rhythm in phase, and the fade keeps the
 *   signal's variance about its local mean, which a plain linear fade of two unrelated
 *   signals halves at its midpoint (the fades' sample-to-sample roughness fell to 0.6 of
 *   the rest of the window's). Event generation bridges the windows' deviations from their
 *   means and lays the means out as one continuous track (level-track.ts).
 */
export type SeamMode = 'none' | 'level' | 'bridge';
export const SEAM_MODES: readonly SeamMode[] = ['none', 'level', 'bridge'];

export interface SeamOptions {
  readonly mode: SeamMode;
  /** Samples over which the level offset fades, or the bridge cross-fades (≥ 1; 25 = 1 s at 25 Hz). */
  readonly taper: number;
}

/**
 * Samples either side of a boundary taken wholly from the bridging window. Short, so that
 * most of each datapoint stays its own window: the `anchored` generator's edge samples sit
 * within 0.2 std of where its others do (older generators dipped by a few hundred mg there,
 * which is why this was 16), and with 16 a quarter of every datapoint came from bridges and
 * a fifth from fades, which a critic on 5 s windows cut from events could tell (docs/lab/2026-11-events.md).
 */
export const BRIDGE_HALF = 4;
/** Most samples the bridge may slide to meet its neighbours' rhythm in phase. */
export const BRIDGE_SHIFT = 8;

/**
 * `level` seams: joins the `count` consecutive windows of `samples` samples starting at
 * `values[offset]`, in place, in order (so each join sees the previous window as joined).
 */
export function joinSeams(
  values: Float32Array,
  samples: number,
  count: number,
  options: SeamOptions,
  offset = 0,
): void {
  if (options.mode !== 'level' || samples < 2) return;
  const taper = Math.max(1, Math.min(Math.floor(options.taper), samples));
  const weights = Float64Array.from({ length: taper }, (_, k) => 0.5 * (1 + Math.cos((Math.PI * k) / taper)));
  for (let w = 1; w < count; w++) {
    const start = offset + w * samples;
    const last = values[start - 1]!;
    const slope = (last - values[start - 2]! + (values[start + 1]! - values[start]!)) / 2;
    const d = last + slope - values[start]!;
    for (let k = 0; k < taper; k++) values[start + k] = values[start + k]! + d * weights[k]!;
  }
}

/** The longest cross-fade a bridge of `samples` samples holds: its own part, the fade and its largest shift fit in half of it. */
export function maxBridgeFade(samples: number): number {
  return Math.floor(samples / 2) - BRIDGE_HALF - BRIDGE_SHIFT;
}

/** Where the two cross-fades start, relative to the boundary: before the bridge's own part, and after it. */
function fadeStarts(fade: number): readonly [number, number] {
  return [-BRIDGE_HALF - fade, BRIDGE_HALF];
}

/** Mean of x[at … at + n). */
export function meanOver(x: ArrayLike<number>, at: number, n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += x[at + k] as number;
  return sum / n;
}

/**
 * `bridge` seams: `bridges` holds count − 1 windows, bridge b centred on the boundary
 * between windows b and b + 1 (its sample ⌊samples/2⌋ + s lands on the boundary's first
 * sample, s the shift `alignment` picks). Writes them into `values` in place around each
 * boundary, as described above.
 */
export function bridgeSeams(
  values: Float32Array,
  bridges: ArrayLike<number>,
  samples: number,
  count: number,
  taper: number,
  offset = 0,
  bridgeOffset = 0,
): void {
  const fade = Math.max(1, Math.floor(taper));
  const centre = Math.floor(samples / 2);
  if (fade > maxBridgeFade(samples))
    throw new RangeError(`a ${fade}-sample cross-fade does not fit a ${samples}-sample window`);
  // The bridge's weight: 1 within ±BRIDGE_HALF of the boundary, falling by 1/(fade + 1) a sample outside it.
  const weight = (i: number) => 1 - (i < 0 ? -BRIDGE_HALF - i : i - BRIDGE_HALF + 1) / (fade + 1);
  for (let b = 0; b + 1 < count; b++) {
    const boundary = offset + (b + 1) * samples;
    const middle = bridgeOffset + b * samples + centre;
    const bridge = middle + alignment(values, bridges, boundary, middle, fade);
    for (const from of fadeStarts(fade))
      crossFade(values, bridges, boundary + from, bridge + from, fade, (k) => weight(from + k));
    for (let i = -BRIDGE_HALF; i < BRIDGE_HALF; i++) values[boundary + i] = bridges[bridge + i] as number;
  }
}

/**
 * Writes into values[at … at + n) the mix of them (A) with bridges[bridgeAt …] (B), B's
 * weight w = weightOf(k) at sample k: the local means mix linearly, and the deviations from
 * them mix linearly, then are scaled so their variance is (1 − w)·var A + w·var B. A plain
 * linear mix has variance (1 − w)²·var A + w²·var B + 2w(1 − w)·cov, half of that at w = ½
 * for unrelated signals of equal variance. The statistics are taken over the n samples;
 * the covariance is clamped at 0, so opposed signals are not amplified.
 */
function crossFade(
  values: Float32Array,
  bridges: ArrayLike<number>,
  at: number,
  bridgeAt: number,
  n: number,
  weightOf: (k: number) => number,
): void {
  const meanA = meanOver(values, at, n);
  const meanB = meanOver(bridges, bridgeAt, n);
  let varA = 0;
  let varB = 0;
  let cov = 0;
  for (let k = 0; k < n; k++) {
    const a = values[at + k]! - meanA;
    const b = (bridges[bridgeAt + k] as number) - meanB;
    varA += a * a;
    varB += b * b;
    cov += a * b;
  }
  varA /= n;
  varB /= n;
  cov = Math.max(0, cov / n);
  for (let k = 0; k < n; k++) {
    const w = weightOf(k);
    const mixed = (1 - w) ** 2 * varA + w ** 2 * varB + 2 * w * (1 - w) * cov;
    const gain = mixed > 0 ? Math.sqrt(((1 - w) * varA + w * varB) / mixed) : 1;
    const a = values[at + k]! - meanA;
    const b = (bridges[bridgeAt + k] as number) - meanB;
    values[at + k] = (1 - w) * meanA + w * meanB + gain * ((1 - w) * a + w * b);
  }
}

/**
 * The shift s (|s| ≤ BRIDGE_SHIFT; the smallest |s| among equals) of the bridge's samples
 * whose deviations from their mean disagree least, in squared mg, with the neighbours'
 * over each cross-fade: the rhythms meet in phase, whatever the levels (the fade mixes those).
 */
function alignment(
  values: Float32Array,
  bridges: ArrayLike<number>,
  boundary: number,
  middle: number,
  fade: number,
): number {
  const zones = fadeStarts(fade);
  const neighbourMeans = zones.map((from) => meanOver(values, boundary + from, fade));
  let best = 0;
  let bestCost = Infinity;
  for (let m = 0; m <= 2 * BRIDGE_SHIFT; m++) {
    const s = m % 2 ? (m + 1) / 2 : -m / 2; // 0, 1, −1, 2, −2, …
    let cost = 0;
    zones.forEach((from, z) => {
      const bridgeMean = meanOver(bridges, middle + s + from, fade);
      for (let k = 0; k < fade; k++) {
        const d =
          (bridges[middle + s + from + k] as number) - bridgeMean - (values[boundary + from + k]! - neighbourMeans[z]!);
        cost += d * d;
      }
    });
    if (cost < bestCost) {
      bestCost = cost;
      best = s;
    }
  }
  return best;
}
