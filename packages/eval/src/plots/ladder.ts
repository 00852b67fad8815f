import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationLadder, GiveawayResult } from '../result-types.js';
import type { ClassName } from '../types.js';
import { round } from './render.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };
const CLASSES: readonly ClassName[] = ['all', 'ictal', 'nonIctal'];

/**
 * The calibration ladder: each rung's tree-critic score with its 95% interval (grey),
 * and the generator's (red: the tree critic; dark red: the headline), per class, for
 * each ladder given (e.g. 30 s and 5 s windows cut from events, one row each).
 */
export function ladderSpec(ladders: readonly (readonly [string, CalibrationLadder])[]): TopLevelSpec {
  const values: { panel: string; row: string; what: string; kind: string; score: number; lo: number; hi: number }[] =
    [];
  const order: string[] = [];
  for (const [panel, ladder] of ladders) {
    for (const cls of CLASSES) {
      for (const rung of ladder.rungs) {
        const s = rung.perClass[cls];
        if (!s) continue;
        if (!order.includes(rung.label)) order.push(rung.label);
        values.push({
          panel,
          row: CLASS_LABEL[cls],
          what: rung.label,
          kind: rung.id === 'iaaft' ? 'IAAFT bar' : 'known fake',
          score: round(s.score),
          lo: round(s.lo),
          hi: round(s.hi),
        });
      }
      for (const [what, kind, s] of [
        ['this generator, tree critic', 'generator (trees)', ladder.synthetic.trees?.[cls]],
        ['this generator, headline', 'generator (headline)', ladder.synthetic.headline[cls]],
      ] as const) {
        if (!s) continue;
        if (!order.includes(what)) order.push(what);
        values.push({
          panel,
          row: CLASS_LABEL[cls],
          what,
          kind,
          score: round(s.score),
          lo: round(s.lo),
          hi: round(s.hi),
        });
      }
    }
  }
  const color = {
    field: 'kind',
    type: 'nominal',
    title: null,
    legend: { labelLimit: 240 },
    scale: {
      domain: ['known fake', 'IAAFT bar', 'generator (trees)', 'generator (headline)'],
      range: ['#7f7f7f', '#ff7f0e', '#d62728', '#7b0000'],
    },
  } as const;
  const y = { field: 'what', type: 'nominal', title: null, sort: order, axis: { labelLimit: 260 } } as const;
  const x = {
    field: 'score',
    type: 'quantitative',
    title: 'discriminative score (accuracy − 0.5)',
    scale: { domain: [0, 0.5] },
  } as const;
  return {
    data: { values },
    facet: {
      column: { field: 'row', type: 'nominal', title: null, sort: CLASSES.map((c) => CLASS_LABEL[c]) },
      ...(ladders.length > 1 ? { row: { field: 'panel', type: 'nominal', title: null } } : {}),
    },
    spec: {
      width: 220,
      height: 150,
      layer: [
        { mark: { type: 'rule' }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
        { mark: { type: 'point', filled: true, size: 60 }, encoding: { y, x, color } },
      ],
    },
  } as unknown as TopLevelSpec;
}

/**
 * What gives it away: for the features that separate the sets most, their AUROC as a
 * lone classifier of synthetic against held-out real windows (red), beside the same for
 * real training against held-out windows (grey: how much real recordings differ by it),
 * per class; 0.5 = no help.
 */
export function giveawaySpec(results: readonly (readonly [string, GiveawayResult])[]): TopLevelSpec {
  const values: { panel: string; cls: string; feature: string; pair: string; auroc: number }[] = [];
  for (const [panel, result] of results) {
    for (const cls of CLASSES) {
      const rows = result.perClass[cls];
      if (!rows) continue;
      for (const r of rows) {
        const label = `${r.feature}`;
        values.push({
          panel,
          cls: CLASS_LABEL[cls],
          feature: label,
          pair: 'synthetic vs held-out',
          auroc: round(r.auroc),
        });
        if (Number.isFinite(r.floorAuroc))
          values.push({
            panel,
            cls: CLASS_LABEL[cls],
            feature: label,
            pair: 'training vs held-out (real)',
            auroc: round(r.floorAuroc),
          });
      }
    }
  }
  return {
    data: { values },
    facet: {
      column: { field: 'cls', type: 'nominal', title: null, sort: CLASSES.map((c) => CLASS_LABEL[c]) },
      ...(results.length > 1 ? { row: { field: 'panel', type: 'nominal', title: null } } : {}),
    },
    spec: {
      width: 200,
      height: 200,
      layer: [
        { mark: { type: 'rule', strokeDash: [3, 3], color: '#999' }, encoding: { x: { datum: 0.5 } } },
        {
          mark: { type: 'point', filled: true, size: 50 },
          encoding: {
            y: { field: 'feature', type: 'nominal', title: null, sort: null },
            x: { field: 'auroc', type: 'quantitative', title: 'AUROC of the feature alone', scale: { domain: [0, 1] } },
            color: {
              field: 'pair',
              type: 'nominal',
              title: null,
              legend: { labelLimit: 260 },
              scale: {
                domain: ['synthetic vs held-out', 'training vs held-out (real)'],
                range: ['#d62728', '#7f7f7f'],
              },
            },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
