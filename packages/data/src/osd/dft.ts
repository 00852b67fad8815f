/**
 * Power spectrum |X_k|² (k = 0..floor(N/2)) of exactly N real samples by a direct DFT
 * with cached twiddle tables. Hand-written because fft.js only transforms powers of two
 * and OpenSeizureDetector transforms exactly 125 samples (5 s at 25 Hz); zero-padding to
 * 128 would move the bins. N·N/2 multiply-adds per window is negligible at N = 125.
 */
const tables = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = tables.get(n);
  if (!t) {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      cos[j] = Math.cos((2 * Math.PI * j) / n);
      sin[j] = Math.sin((2 * Math.PI * j) / n);
    }
    t = { cos, sin };
    tables.set(n, t);
  }
  return t;
}

/** |X_k|² of x[offset, offset + n) for k = 0..floor(n/2), into `out`. */
export function powerSpectrum(x: ArrayLike<number>, offset: number, n: number, out: Float64Array): Float64Array {
  const { cos, sin } = twiddles(n);
  const half = Math.floor(n / 2);
  for (let k = 0; k <= half; k++) {
    let re = 0;
    let im = 0;
    let idx = 0;
    for (let t = 0; t < n; t++) {
      const v = x[offset + t] as number;
      re += v * (cos[idx] as number);
      im -= v * (sin[idx] as number);
      idx += k;
      if (idx >= n) idx -= n;
    }
    out[k] = re * re + im * im;
  }
  return out;
}
