import { AccelganError } from '@accelgan/data';
import type { EvaluationMetrics } from '../compute.js';
import { CLASS_NAMES, type ClassName } from '../types.js';
import { mean } from '../util/stats.js';
import type { Verdict } from './verdict.js';

/**
 * One figure of the report across generation draws: the same trained generator sampled
 * with several seeds, each draw scored as `accelgan report --seed K` would score it.
 * Why it exists: on the small OSDB sample the discriminative score of one draw of 1,000
 * windows moves from draw to draw by about a verdict's margin (docs/lab/2026-11-quality.md),
 * so a single report can pass or miss a line by its draw alone.
 */
export interface DrawFigure {
  /** The summary row's id, or EVENT_TARGET_PREFIX + the target's id for a whole-event target. */
  readonly id: string;
  readonly label: string;
  readonly cls: ClassName;
  readonly digits: number;
  /** A summary row that does not enter the overall verdict (a single critic, the OSD KS statistic, …). */
  readonly informational: boolean;
  /** One value per draw, in the order of DrawsSummary.seeds; null where that draw had none. */
  readonly values: readonly (number | null)[];
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Draws on which the figure was graded good (a target: met). */
  readonly good: number;
  /** Draws on which it was graded at all (verdict other than n/a; a target: met not null). */
  readonly graded: number;
}

/** The prefix of a whole-event target's DrawFigure.id (the rest is the target's id). */
export const EVENT_TARGET_PREFIX = 'events:';

/** The prefix of a calibration-ladder rung's DrawFigure.id (the rest is the rung's id). */
export const LADDER_PREFIX = 'ladder:';

/** One generation draw: the seed it was generated and scored with, and its metrics. */
export interface Draw {
  readonly seed: number;
  readonly metrics: EvaluationMetrics;
}

export interface DrawsSummary {
  /** The generation seed of each draw; the first is the report's own. */
  readonly seeds: readonly number[];
  /** Each draw's overall verdict. */
  readonly verdicts: readonly Verdict[];
  readonly figures: readonly DrawFigure[];
}

/**
 * Summarises the metrics of several draws of one generator against the same real windows:
 * every summary-table cell of the first draw (per class), every rung of its calibration
 * ladder (per class) and every whole-event target, with each draw's value, their mean and range, and on how many draws it was good.
 */
export function summariseDraws(draws: readonly Draw[]): DrawsSummary {
  const first = draws[0];
  if (!first) throw new AccelganError('summarising draws: no draws given');
  const figures: DrawFigure[] = [];
  for (const row of first.metrics.rows) {
    const rows = draws.map((d) => d.metrics.rows.find((r) => r.id === row.id));
    for (const cls of CLASS_NAMES) {
      if (!row.perClass[cls]) continue;
      const cells = rows.map((r) => r?.perClass[cls]);
      figures.push(
        figure(
          row.id,
          row.label,
          cls,
          row.digits,
          !row.graded,
          cells.map((c) => c?.value ?? null),
          cells.map((c) => (c && c.verdict !== 'n/a' ? c.verdict === 'good' : null)),
        ),
      );
    }
  }
  // The ladder's rungs move with each draw's critic seed only: shown as a yardstick, not graded.
  for (const rung of first.metrics.ladder?.rungs ?? []) {
    const rungs = draws.map((d) => d.metrics.ladder?.rungs.find((r) => r.id === rung.id));
    for (const cls of CLASS_NAMES) {
      if (!rung.perClass[cls]) continue;
      figures.push(
        figure(
          `${LADDER_PREFIX}${rung.id}`,
          `calibration ladder: ${rung.label}`,
          cls,
          3,
          true,
          rungs.map((r) => r?.perClass[cls]?.score ?? null),
          rungs.map(() => null),
        ),
      );
    }
  }
  for (const target of first.metrics.events?.targets ?? []) {
    const targets = draws.map((d) => d.metrics.events?.targets.find((t) => t.id === target.id));
    figures.push(
      figure(
        `${EVENT_TARGET_PREFIX}${target.id}`,
        target.label,
        'all',
        target.digits,
        false,
        targets.map((t) => t?.value ?? null),
        targets.map((t) => t?.met ?? null),
      ),
    );
  }
  return { seeds: draws.map((d) => d.seed), verdicts: draws.map((d) => d.metrics.verdict), figures };
}

function figure(
  id: string,
  label: string,
  cls: ClassName,
  digits: number,
  informational: boolean,
  values: (number | null)[],
  good: (boolean | null)[],
): DrawFigure {
  const kept = values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
  const finite = kept.filter((v): v is number => v !== null);
  return {
    id,
    label,
    cls,
    digits,
    informational,
    values: kept,
    mean: finite.length ? mean(finite) : null,
    min: finite.length ? Math.min(...finite) : null,
    max: finite.length ? Math.max(...finite) : null,
    good: good.filter((g) => g === true).length,
    graded: good.filter((g) => g !== null).length,
  };
}
