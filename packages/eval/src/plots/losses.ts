import { AccelganError } from '@accelgan/data';
import type { TopLevelSpec } from 'vega-lite';
import { round } from './render.js';

export interface LossTable {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly step: number; readonly values: readonly number[] }[];
}

/**
 * Parses a training run's metrics.csv: a header line whose first column is `step`, then
 * numeric rows. Every column after `step` with at least one numeric value is kept
 * (d_loss, g_loss, or whatever the run logged); empty or non-numeric cells are skipped.
 * Split by hand: the train package writes plain numbers without quoting.
 */
export function parseLossCsv(text: string, path = 'metrics.csv'): LossTable {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (header?.[0] !== 'step') throw new AccelganError(`${path}: expected a CSV whose first column is "step"`);
  const parsed = lines
    .slice(1)
    .map((line) => line.split(',').map((cell) => (cell.trim() === '' ? Number.NaN : Number(cell))));
  const keep = header.map((_, c) => c > 0 && parsed.some((r) => Number.isFinite(r[c])));
  const columns = header.filter((_, c) => keep[c]);
  const rows = parsed
    .filter((r) => Number.isFinite(r[0]))
    .map((r) => ({ step: r[0] as number, values: header.flatMap((_, c) => (keep[c] ? [r[c] ?? Number.NaN] : [])) }));
  if (!columns.length || !rows.length) throw new AccelganError(`${path}: no numeric loss columns after "step"`);
  return { columns, rows };
}

/** Loss curves over steps, one colour per column; at most ~1,500 points per column (every k-th row). */
export function lossesSpec(table: LossTable): TopLevelSpec {
  const every = Math.max(1, Math.ceil(table.rows.length / 1500));
  const values: { step: number; metric: string; value: number }[] = [];
  table.rows.forEach((row, i) => {
    if (i % every !== 0 && i !== table.rows.length - 1) return;
    row.values.forEach((v, c) => {
      if (Number.isFinite(v)) values.push({ step: row.step, metric: table.columns[c] as string, value: round(v, 5) });
    });
  });
  return {
    data: { values },
    width: 640,
    height: 240,
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step' },
      y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
      color: { field: 'metric', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}
