import type { TopLevelSpec } from 'vega-lite';
import { sourceColor, round } from './render.js';
import { MAX_LAG } from '../metrics/features.js';
import type { SetProfile } from '../result-types.js';
import { classIndices } from '../windows.js';
import { quantileSorted } from '../util/stats.js';
import type { ClassName } from '../types.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/** Mean autocorrelation at lags 1–25 (0.04–1 s) per source, with the 25–75th percentile band, per class. */
export function autocorrSpec(
  sources: readonly (readonly [string, SetProfile])[],
  classes: readonly ClassName[],
): TopLevelSpec {
  const values: { source: string; cls: string; lag: number; mean: number; lo: number; hi: number }[] = [];
  for (const cls of classes) {
    for (const [source, p] of sources) {
      const idx = classIndices(p.set, cls);
      if (!idx.length) continue;
      for (let l = 0; l < MAX_LAG; l++) {
        const col = Float64Array.from(idx, (i) => p.acf[i * MAX_LAG + l] as number);
        const mean = col.reduce((a, b) => a + b, 0) / col.length;
        col.sort();
        values.push({
          source,
          cls: CLASS_LABEL[cls],
          lag: round((l + 1) / 25, 2),
          mean: round(mean),
          lo: round(quantileSorted(col, 0.25)),
          hi: round(quantileSorted(col, 0.75)),
        });
      }
    }
  }
  const x = { field: 'lag', type: 'quantitative', title: 'lag (s)' } as const;
  return {
    data: { values },
    facet: { column: { field: 'cls', type: 'nominal', title: null, sort: null } },
    spec: {
      width: 240,
      height: 180,
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: {
            x,
            y: { field: 'lo', type: 'quantitative', title: 'autocorrelation' },
            y2: { field: 'hi' },
            color: sourceColor,
          },
        },
        {
          mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.5 },
          encoding: { x, y: { field: 'mean', type: 'quantitative' }, color: sourceColor },
        },
      ],
    },
  } as TopLevelSpec;
}
