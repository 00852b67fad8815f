import type { TopLevelSpec } from 'vega-lite';
import { sourceColor, round } from './render.js';
import type { SetProfile } from '../result-types.js';
import { classIndices } from '../windows.js';
import { quantileSorted } from '../util/stats.js';
import type { ClassName } from '../types.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/** Mean Welch PSD per source (log scale) with the 25–75th percentile band, per class, the 3–8 Hz band shaded. */
export function psdSpec(
  sources: readonly (readonly [string, SetProfile])[],
  classes: readonly ClassName[],
): TopLevelSpec {
  const values: { source: string; cls: string; f: number; mean: number; lo: number; hi: number }[] = [];
  for (const cls of classes) {
    for (const [source, p] of sources) {
      const idx = classIndices(p.set, cls);
      if (!idx.length) continue;
      const bins = p.plan.freqs.length;
      for (let k = 1; k < bins; k++) {
        const col = Float64Array.from(idx, (i) => p.psd[i * bins + k] as number);
        let mean = 0;
        for (const v of col) mean += v;
        mean /= col.length;
        col.sort();
        values.push({
          source,
          cls: CLASS_LABEL[cls],
          f: round(p.plan.freqs[k] as number, 3),
          mean: round(Math.max(mean, 1e-3), 4),
          lo: round(Math.max(quantileSorted(col, 0.25), 1e-3), 4),
          hi: round(Math.max(quantileSorted(col, 0.75), 1e-3), 4),
        });
      }
    }
  }
  const x = { field: 'f', type: 'quantitative', title: 'frequency (Hz)', scale: { domain: [0, 12.5] } } as const;
  return {
    data: { values },
    facet: { column: { field: 'cls', type: 'nominal', title: null, sort: null } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        {
          data: { values: [{ a: 3, b: 8 }] },
          mark: { type: 'rect', color: '#f5e6a8', opacity: 0.6 },
          encoding: { x: { field: 'a', type: 'quantitative' }, x2: { field: 'b' } },
        },
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: {
            x,
            y: { field: 'lo', type: 'quantitative', scale: { type: 'log' }, title: 'PSD (mg²/Hz)' },
            y2: { field: 'hi' },
            color: sourceColor,
          },
        },
        {
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', scale: { type: 'log' } }, color: sourceColor },
        },
      ],
    },
  } as TopLevelSpec;
}
