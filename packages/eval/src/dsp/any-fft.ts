import FFT from 'fft.js';

/**
 * The discrete Fourier transform of a real series of any length N (125 samples for a 5 s
 * datapoint, 750 for 30 s), by Bluestein's chirp-z algorithm on fft.js's power-of-two
 * transform: X_k = Σ_t x_t e^{-2πi kt/N}. The surrogates of the calibration ladder need
 * the exact N-point spectrum of a window (zero-padding would change it), and the direct
 * DFT costs N² per transform, too slow for 750 samples iterated 100 times per window.
 */
export interface AnyFft {
  readonly n: number;
  /** Spectrum of x[offset, offset + n): re and im of X_k for k = 0..n-1, written into `re`, `im`. */
  forward(x: ArrayLike<number>, offset: number, re: Float64Array, im: Float64Array): void;
  /** Real part of the inverse transform (1/n) Σ_k X_k e^{2πi kt/n}, into out[0..n-1]. */
  inverseReal(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array): void;
}

const plans = new Map<number, AnyFft>();

export function anyFft(n: number): AnyFft {
  let plan = plans.get(n);
  if (!plan) {
    plan = bluestein(n);
    plans.set(n, plan);
  }
  return plan;
}

function bluestein(n: number): AnyFft {
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const fft = new FFT(m);
  // Chirp w_t = e^{-πi t²/n}; t² taken mod 2n keeps the angle exact for long series.
  const wRe = new Float64Array(n);
  const wIm = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const angle = (Math.PI * ((t * t) % (2 * n))) / n;
    wRe[t] = Math.cos(angle);
    wIm[t] = -Math.sin(angle);
  }
  // The FFT of the conjugate chirp laid out circularly: b_t = conj(w_t) for |t| < n.
  const b = fft.createComplexArray() as number[];
  for (let t = 0; t < n; t++) {
    b[2 * t] = wRe[t] as number;
    b[2 * t + 1] = -(wIm[t] as number);
    if (t > 0) {
      b[2 * (m - t)] = wRe[t] as number;
      b[2 * (m - t) + 1] = -(wIm[t] as number);
    }
  }
  const bHat = fft.createComplexArray() as number[];
  fft.transform(bHat, b);
  const a = fft.createComplexArray() as number[];
  const aHat = fft.createComplexArray() as number[];
  const conv = fft.createComplexArray() as number[];

  /** X_k = w_k · (a ⊛ b)_k with a_t = x_t w_t (complex input). */
  const chirpZ = (xRe: (t: number) => number, xIm: (t: number) => number, re: Float64Array, im: Float64Array) => {
    a.fill(0);
    for (let t = 0; t < n; t++) {
      const vr = xRe(t);
      const vi = xIm(t);
      a[2 * t] = vr * (wRe[t] as number) - vi * (wIm[t] as number);
      a[2 * t + 1] = vr * (wIm[t] as number) + vi * (wRe[t] as number);
    }
    fft.transform(aHat, a);
    for (let j = 0; j < m; j++) {
      const ar = aHat[2 * j] as number;
      const ai = aHat[2 * j + 1] as number;
      const br = bHat[2 * j] as number;
      const bi = bHat[2 * j + 1] as number;
      aHat[2 * j] = ar * br - ai * bi;
      aHat[2 * j + 1] = ar * bi + ai * br;
    }
    fft.inverseTransform(conv, aHat);
    for (let k = 0; k < n; k++) {
      const cr = conv[2 * k] as number;
      const ci = conv[2 * k + 1] as number;
      re[k] = cr * (wRe[k] as number) - ci * (wIm[k] as number);
      im[k] = cr * (wIm[k] as number) + ci * (wRe[k] as number);
    }
  };
  const tmpRe = new Float64Array(n);
  const tmpIm = new Float64Array(n);
  return {
    n,
    forward(x, offset, re, im) {
      chirpZ(
        (t) => x[offset + t] as number,
        () => 0,
        re,
        im,
      );
    },
    inverseReal(re, im, out) {
      // inverse(X) = conj(forward(conj(X))) / n; only the real part is kept.
      chirpZ(
        (k) => re[k] as number,
        (k) => -(im[k] as number),
        tmpRe,
        tmpIm,
      );
      for (let t = 0; t < n; t++) out[t] = (tmpRe[t] as number) / n;
    },
  };
}
