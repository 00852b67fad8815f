import FFT from 'fft.js';

/**
 * Mean short-time power spectrum of windows of L samples: Hann segments of `segment`
 * samples every `hop` samples (starts 0, hop, … while they fit), each detrended by its
 * mean; power |X_k|² / (fs · Σw²) (one-sided, doubled off DC and Nyquist) averaged over
 * the windows `indices`. Returns [frames × (segment/2 + 1)] in mg²/Hz.
 */
export function meanSpectrogram(
  values: ArrayLike<number>,
  l: number,
  indices: readonly number[],
  options: { segment?: number; hop?: number; sampleRateHz?: number } = {},
): { times: Float64Array; freqs: Float64Array; power: Float64Array } {
  const segment = options.segment ?? 64;
  const hop = options.hop ?? 16;
  const fs = options.sampleRateHz ?? 25;
  const frames = Math.max(0, Math.floor((l - segment) / hop) + 1);
  const bins = segment / 2 + 1;
  const fft = new FFT(segment);
  const out = fft.createComplexArray() as number[];
  const input = new Float64Array(segment);
  const hann = Float64Array.from({ length: segment }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / segment));
  const scale = 1 / (fs * hann.reduce((a, w) => a + w * w, 0));
  const power = new Float64Array(frames * bins);
  for (const w of indices) {
    for (let f = 0; f < frames; f++) {
      const start = w * l + f * hop;
      let m = 0;
      for (let i = 0; i < segment; i++) m += values[start + i] as number;
      m /= segment;
      for (let i = 0; i < segment; i++) input[i] = ((values[start + i] as number) - m) * (hann[i] as number);
      fft.realTransform(out, input);
      for (let k = 0; k < bins; k++) {
        const re = out[2 * k] as number;
        const im = out[2 * k + 1] as number;
        power[f * bins + k] =
          (power[f * bins + k] as number) + (k === 0 || k === bins - 1 ? 1 : 2) * (re * re + im * im) * scale;
      }
    }
  }
  for (let i = 0; i < power.length; i++) power[i] = (power[i] as number) / Math.max(1, indices.length);
  return {
    times: Float64Array.from({ length: frames }, (_, f) => (f * hop + segment / 2) / fs),
    freqs: Float64Array.from({ length: bins }, (_, k) => (k * fs) / segment),
    power,
  };
}
