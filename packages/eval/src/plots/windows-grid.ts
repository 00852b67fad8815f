import type { TopLevelSpec } from 'vega-lite';
import { sourceColor, round } from './render.js';
import { classIndices } from '../windows.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';
import type { ClassName, WindowSet } from '../types.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/** Small multiples of randomly chosen real and synthetic windows: rows = class × source, columns = examples. */
export function windowsGridSpec(
  real: WindowSet,
  synthetic: WindowSet,
  options: { perRow?: number; seed: number; classes: readonly ClassName[] },
): TopLevelSpec {
  const perRow = options.perRow ?? 4;
  const values: { source: string; row: string; example: number; t: number; mg: number }[] = [];
  const classes = options.classes.length > 1 ? options.classes.filter((c) => c !== 'all') : options.classes;
  for (const cls of classes) {
    for (const [source, set] of [
      ['real (held-out)', real],
      ['synthetic', synthetic],
    ] as const) {
      const idx = classIndices(set, cls);
      const rand = makeRng(subSeed(options.seed, `grid/${cls}/${source}`));
      sampleIndices(idx.length, perRow, rand).forEach((k, example) => {
        const i = idx[k] as number;
        const l = set.samplesPerWindow;
        for (let t = 0; t < l; t++)
          values.push({
            source,
            row: `${CLASS_LABEL[cls]} · ${source}`,
            example: example + 1,
            t: round(t / 25, 2),
            mg: round(set.values[i * l + t] as number, 1),
          });
      });
    }
  }
  return {
    data: { values },
    facet: {
      row: { field: 'row', type: 'nominal', title: null, sort: null },
      column: { field: 'example', type: 'ordinal', title: 'example' },
    },
    spec: {
      width: 150,
      height: 80,
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (s)' },
        y: { field: 'mg', type: 'quantitative', title: 'mg', scale: { zero: false } },
        color: sourceColor,
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
