import type { TopLevelSpec } from 'vega-lite';
import { sourceColor, round } from './render.js';
import { quantileSorted, sorted } from '../util/stats.js';

export interface HistogramSeries {
  readonly source: string;
  /** Facet label (the class). */
  readonly panel: string;
  readonly values: ArrayLike<number>;
}

/**
 * Overlaid density histograms (step lines) of one quantity per source, faceted by panel.
 * Bins are computed here, shared by all series of a panel: `bins` equal-width bins over
 * the pooled 0.5th–99.5th percentiles (so a few outliers do not flatten the plot).
 */
export function histogramSpec(
  series: readonly HistogramSeries[],
  options: { title: string; bins?: number; logX?: boolean },
): TopLevelSpec {
  const nb = options.bins ?? 40;
  const values: { source: string; panel: string; x: number; density: number }[] = [];
  for (const panel of [...new Set(series.map((s) => s.panel))]) {
    const own = series.filter((s) => s.panel === panel);
    const pooled = sorted(
      own.flatMap((s) =>
        Array.from(s.values as ArrayLike<number>, (v) => (options.logX ? Math.log10(Math.max(v, 1e-6)) : v)),
      ),
    );
    if (!pooled.length) continue;
    const lo = quantileSorted(pooled, 0.005);
    let hi = quantileSorted(pooled, 0.995);
    if (hi <= lo) hi = lo + 1;
    const width = (hi - lo) / nb;
    for (const s of own) {
      const counts = new Float64Array(nb);
      let n = 0;
      for (let i = 0; i < s.values.length; i++) {
        const raw = s.values[i] as number;
        const v = options.logX ? Math.log10(Math.max(raw, 1e-6)) : raw;
        const b = Math.floor((v - lo) / width);
        if (b >= 0 && b < nb) counts[b] = (counts[b] as number) + 1;
        n++;
      }
      for (let b = 0; b < nb; b++)
        values.push({
          source: s.source,
          panel,
          x: round(lo + (b + 0.5) * width, 4),
          density: round((counts[b] as number) / Math.max(1, n) / width, 6),
        });
    }
  }
  return {
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: null } },
    spec: {
      width: 240,
      height: 160,
      mark: { type: 'line', interpolate: 'step', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: options.title, scale: { zero: false } },
        y: { field: 'density', type: 'quantitative', title: 'density' },
        color: sourceColor,
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  } as TopLevelSpec;
}
