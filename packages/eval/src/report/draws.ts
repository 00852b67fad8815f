import { AccelganError } from '@accelgan/data';
import type { Draw, DrawFigure, DrawsSummary } from '../result-types.js';
import { CLASS_NAMES, type ClassName } from '../types.js';
import { mean } from '../util/stats.js';

/** The prefix of a whole-event target's DrawFigure.id (the rest is the target's id). */
export const EVENT_TARGET_PREFIX = 'events:';

/** The prefix of a calibration-ladder rung's DrawFigure.id (the rest is the rung's id). */
export const LADDER_PREFIX = 'ladder:';

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
