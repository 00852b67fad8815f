/**
 * The level of a generated event as one continuous track instead of a step per datapoint.
 * Each generated window has its own mean, so an event's level is a staircase whose steps all
 * fall on the 5 s boundaries. Real wrists' levels change as much within a datapoint as across
 * its boundary (on the shared sample the means of consecutive 2.5 s halves differ about as
 * much either way; generated events' differed far more across a boundary than within a
 * datapoint), and a critic on 30 s windows reads the staircase as power at 0.2–1 Hz
 * (docs/lab/2026-11-events.md). The track is piecewise linear between the datapoints' centres, flat
 * before the first centre and after the last, its node values solved so that every
 * datapoint keeps its own mean exactly. Like any mean-keeping interpolation it overshoots a
 * step (a 0 → 500 mg step runs from about −100 to 600 mg), which the levels that event
 * generation carries (row-walk.ts, steps of a fraction of the window's std) seldom have. In
 * a generated event a datapoint's mean is the track's plus what the bridged deviations
 * leave (not zero-mean where they cross-fade) and the watch's rounding.
 */

/**
 * The track [count × samples] whose average over datapoint k is means[k]: nodes v at the
 * centres from the tridiagonal system a·v_{k−1} + b·v_k + a·v_{k+1} = means[k] (a the share
 * of a datapoint's samples pulled toward one neighbour's node; at the ends that share stays
 * with its own node), solved by the Thomas algorithm (diagonally dominant: b ≥ 1 − 2a, a ≈ ⅛).
 */
export function levelTrack(means: ArrayLike<number>, samples: number): Float32Array {
  const count = means.length;
  const out = new Float32Array(count * samples);
  if (count === 0) return out;
  const centre = samples / 2;
  // Share of a window's average carried by the neighbouring node on one side: Σ over the
  // samples on that side of the centre of (distance to the centre) / samples, over samples.
  let side = 0;
  for (let t = 0; t < samples; t++) if (t + 0.5 > centre) side += (t + 0.5 - centre) / samples;
  side /= samples;
  const nodes = solveTridiagonal(
    Array.from({ length: count }, (_, k) => (k > 0 ? side : 0)),
    Array.from({ length: count }, (_, k) => 1 - (k > 0 ? side : 0) - (k < count - 1 ? side : 0)),
    Array.from({ length: count }, (_, k) => (k < count - 1 ? side : 0)),
    Array.from({ length: count }, (_, k) => means[k] as number),
  );
  for (let k = 0; k < count; k++) {
    for (let t = 0; t < samples; t++) {
      const offset = (t + 0.5 - centre) / samples; // −½ … ½ of a datapoint from its centre
      const neighbour = offset < 0 ? k - 1 : k + 1;
      const v = nodes[k]!;
      out[k * samples + t] = neighbour < 0 || neighbour >= count ? v : v + (nodes[neighbour]! - v) * Math.abs(offset);
    }
  }
  return out;
}

/** Solves a tridiagonal system (lower[0] and upper[n − 1] unused) by the Thomas algorithm. */
function solveTridiagonal(
  lower: readonly number[],
  diagonal: readonly number[],
  upper: readonly number[],
  rhs: readonly number[],
): Float64Array {
  const n = diagonal.length;
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const denominator = diagonal[i]! - (i > 0 ? lower[i]! * c[i - 1]! : 0);
    c[i] = upper[i]! / denominator;
    d[i] = (rhs[i]! - (i > 0 ? lower[i]! * d[i - 1]! : 0)) / denominator;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) x[i] = d[i]! - (i < n - 1 ? c[i]! * x[i + 1]! : 0);
  return x;
}
