/**
 * Joining independently generated 5 s windows into one recording. The generator draws
 * each window on its own, so where two meet the level jumps by about the difference of
 * two unrelated samples, far more than real acceleration moves in 40 ms. A real
 * recording is one continuous signal across datapoint boundaries.
 *
 * `level`: each window after the first is shifted by an offset d that fades out over its
 * first `taper` samples (raised cosine: full at sample 0, zero from `taper` on), where d
 * makes its first sample continue the previous window's last one by the local slope
 * (the mean of the step just before and just after the boundary). The rest of the window
 * is untouched, so its spectrum above about fs / (2·taper) is kept and no drift builds up
 * across windows. `none`: windows are laid side by side as generated.
 */
export type SeamMode = 'none' | 'level';
export const SEAM_MODES: readonly SeamMode[] = ['none', 'level'];

export interface SeamOptions {
  readonly mode: SeamMode;
  /** Samples over which the offset fades (≥ 1; 25 = 1 s at 25 Hz). */
  readonly taper: number;
}

/**
 * Joins the `count` consecutive windows of `samples` samples starting at `values[offset]`,
 * in place, in order (so each join sees the previous window as already joined).
 */
export function joinSeams(values: Float32Array, samples: number, count: number, options: SeamOptions, offset = 0): void {
  if (options.mode === 'none' || samples < 2) return;
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
