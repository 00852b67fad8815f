/**
 * Joining independently generated 5 s windows into one recording. The generator draws
 * each window on its own, so where two meet the signal jumps, and a generator's first
 * and last few samples are often its least realistic (padding effects: the shared sample's
 * generators dip by a few hundred mg at sample 0). A real recording is one continuous
 * signal across datapoint boundaries.
 *
 * - `none`: windows laid side by side as generated.
 * - `level`: each window after the first is shifted by an offset d that fades out over its
 *   first `taper` samples (raised cosine), where d makes its first sample continue the
 *   previous window's last one by the local slope (the mean of the steps just before and
 *   after the boundary). Cheap, but it keeps the generator's edge samples, and where those
 *   are off the fading offset overshoots.
 * - `bridge`: one more window is generated across each boundary (its latent between the two
 *   neighbours', its class the later datapoint's), and the `BRIDGE_HALF` samples either side
 *   of the boundary are taken from its middle, cross-fading linearly over `taper` samples
 *   into the neighbours' interiors. Every sample then comes from the inside of some window,
 *   never from an edge; it costs a second window per boundary.
 */
export type SeamMode = 'none' | 'level' | 'bridge';
export const SEAM_MODES: readonly SeamMode[] = ['none', 'level', 'bridge'];

export interface SeamOptions {
  readonly mode: SeamMode;
  /** Samples over which the level offset fades, or the bridge cross-fades (≥ 1; 25 = 1 s at 25 Hz). */
  readonly taper: number;
}

/** Samples either side of a boundary taken wholly from the bridging window. */
export const BRIDGE_HALF = 16;

/**
 * `level` seams: joins the `count` consecutive windows of `samples` samples starting at
 * `values[offset]`, in place, in order (so each join sees the previous window as joined).
 */
export function joinSeams(values: Float32Array, samples: number, count: number, options: SeamOptions, offset = 0): void {
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

/**
 * `bridge` seams: `bridges` holds count − 1 windows, bridge b centred on the boundary
 * between windows b and b + 1 (its sample ⌊samples/2⌋ lands on the boundary's first sample).
 * Writes them into `values` in place around each boundary, as described above.
 */
export function bridgeSeams(values: Float32Array, bridges: ArrayLike<number>, samples: number, count: number, taper: number, offset = 0, bridgeOffset = 0): void {
  const fade = Math.max(1, Math.floor(taper));
  const centre = Math.floor(samples / 2);
  if (BRIDGE_HALF + fade > centre) throw new RangeError(`a ${fade}-sample cross-fade does not fit a ${samples}-sample window`);
  for (let b = 0; b + 1 < count; b++) {
    const boundary = offset + (b + 1) * samples;
    const bridge = bridgeOffset + b * samples;
    for (let i = -BRIDGE_HALF - fade; i < BRIDGE_HALF + fade; i++) {
      // Weight of the bridge: 1 within ±BRIDGE_HALF, ramping linearly to 0 over `fade` samples outside it.
      const outside = i < -BRIDGE_HALF ? -BRIDGE_HALF - i : i >= BRIDGE_HALF ? i - BRIDGE_HALF + 1 : 0;
      const w = 1 - outside / (fade + 1);
      const t = boundary + i;
      values[t] = (1 - w) * values[t]! + w * (bridges[bridge + centre + i] as number);
    }
  }
}
