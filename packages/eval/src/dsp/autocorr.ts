/**
 * Autocorrelation of x[offset, offset + n) at lags 1..maxLag, written into out[0..maxLag-1]:
 * r(l) = Σ_{t<n-l} (x_t - m)(x_{t+l} - m) / Σ_t (x_t - m)², m the slice mean (the biased
 * estimator, as statsmodels' acf). 0 at every lag for a constant slice.
 */
export function autocorrInto(
  x: ArrayLike<number>,
  offset: number,
  n: number,
  maxLag: number,
  out: Float64Array,
  outOffset = 0,
): void {
  let m = 0;
  for (let t = 0; t < n; t++) m += x[offset + t] as number;
  m /= n;
  let denom = 0;
  for (let t = 0; t < n; t++) {
    const d = (x[offset + t] as number) - m;
    denom += d * d;
  }
  for (let l = 1; l <= maxLag; l++) {
    if (l >= n || denom <= 1e-20 * Math.max(1, m * m * n)) {
      out[outOffset + l - 1] = 0;
      continue;
    }
    let s = 0;
    for (let t = 0; t + l < n; t++) s += ((x[offset + t] as number) - m) * ((x[offset + t + l] as number) - m);
    out[outOffset + l - 1] = s / denom;
  }
}
