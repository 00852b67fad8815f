import type { TopLevelSpec } from 'vega-lite';
import { round } from './render.js';
import { meanSpectrogram } from '../dsp/stft.js';
import { classIndices } from '../windows.js';
import type { ClassName, WindowSet } from '../types.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/**
 * Mean spectrogram (dB, 10·log10 of mg²/Hz) of long windows per source and class:
 * 64-sample Hann segments every 16 samples (see dsp/stft.ts).
 */
export function spectrogramSpec(
  sources: readonly (readonly [string, WindowSet])[],
  classes: readonly ClassName[],
): TopLevelSpec {
  const values: { panel: string; t: number; f: number; t2: number; f2: number; db: number }[] = [];
  for (const cls of classes) {
    for (const [source, set] of sources) {
      const idx = classIndices(set, cls);
      if (!idx.length) continue;
      const s = meanSpectrogram(set.values, set.samplesPerWindow, idx);
      const dt = s.times.length > 1 ? (s.times[1] as number) - (s.times[0] as number) : 1;
      const df = (s.freqs[1] as number) - (s.freqs[0] as number);
      for (let f = 0; f < s.times.length; f++) {
        for (let k = 1; k < s.freqs.length; k++) {
          const t = s.times[f] as number;
          const fr = s.freqs[k] as number;
          values.push({
            panel: `${CLASS_LABEL[cls]} · ${source}`,
            t: round(t - dt / 2, 3),
            t2: round(t + dt / 2, 3),
            f: round(fr - df / 2, 3),
            f2: round(fr + df / 2, 3),
            db: round(10 * Math.log10(Math.max(s.power[f * s.freqs.length + k] as number, 1e-6)), 2),
          });
        }
      }
    }
  }
  return {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: null },
    columns: 2,
    spec: {
      width: 260,
      height: 160,
      mark: { type: 'rect' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (s)' },
        x2: { field: 't2' },
        y: { field: 'f', type: 'quantitative', title: 'frequency (Hz)' },
        y2: { field: 'f2' },
        color: { field: 'db', type: 'quantitative', title: 'dB', scale: { scheme: 'viridis' } },
      },
    },
  } as TopLevelSpec;
}
