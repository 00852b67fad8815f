import type { TopLevelSpec } from 'vega-lite';
import { round } from './render.js';
import type { MemorisationResult } from '../result-types.js';
import type { WindowSet } from '../types.js';

/**
 * The synthetic windows closest to a training window, each overlaid on that nearest
 * training window, with the RMS distance in the panel title: what memorisation would look like.
 */
export function nnPairsSpec(
  synthetic: WindowSet,
  train: WindowSet,
  memo: MemorisationResult,
  options: { pairs?: number } = {},
): TopLevelSpec {
  const count = options.pairs ?? 6;
  const order = Array.from(memo.synthetic.distance.keys()).sort(
    (a, b) => (memo.synthetic.distance[a] as number) - (memo.synthetic.distance[b] as number),
  );
  const l = synthetic.samplesPerWindow;
  const values: { pair: string; source: string; t: number; mg: number }[] = [];
  order.slice(0, count).forEach((i, rank) => {
    const j = memo.synthetic.neighbour[i] as number;
    const label = `#${rank + 1}: ${(memo.synthetic.distance[i] as number).toFixed(1)} mg RMS`;
    for (let t = 0; t < l; t++) {
      values.push({
        pair: label,
        source: 'synthetic',
        t: round(t / 25, 2),
        mg: round(synthetic.values[i * l + t] as number, 1),
      });
      values.push({
        pair: label,
        source: 'real (training)',
        t: round(t / 25, 2),
        mg: round(train.values[j * l + t] as number, 1),
      });
    }
  });
  return {
    data: { values },
    facet: { field: 'pair', type: 'nominal', title: null, sort: null },
    columns: 3,
    spec: {
      width: 220,
      height: 110,
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (s)' },
        y: { field: 'mg', type: 'quantitative', title: 'mg', scale: { zero: false } },
        color: {
          field: 'source',
          type: 'nominal',
          title: null,
          scale: { domain: ['synthetic', 'real (training)'], range: ['#d62728', '#7f7f7f'] },
        },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
