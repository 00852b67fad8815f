import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError, assertOutputLocation, writeFileAtomic } from '@accelgan/data';
import { loadSharp, svgToPng, type Figure } from '../plots/render.js';

export const REPORT_FILE = 'report.html';
export const METRICS_FILE = 'metrics.json';
export const PLOTS_DIR = 'plots';

/**
 * Fails before any work if `outDir` cannot be a directory (it, or a folder above it, is a
 * file), or, without `force`, already holds what a report writes: report.html,
 * metrics.json, or anything in plots/ (whose files a report replaces).
 */
export async function assertReportWritable(outDir: string, force: boolean): Promise<void> {
  await assertOutputLocation(outDir, 'directory');
  if (force) return;
  for (const name of [REPORT_FILE, METRICS_FILE]) {
    const exists = await lstat(join(outDir, name)).then(
      () => true,
      () => false,
    );
    if (exists) throw new AccelganError(`${outDir} already holds a report (${name}); use --force to overwrite`);
  }
  const plots = await readdir(join(outDir, PLOTS_DIR)).catch(() => []);
  if (plots.length > 0)
    throw new AccelganError(`${outDir} already holds plots (${PLOTS_DIR}/${plots[0]}); use --force to overwrite`);
}

/**
 * Fails before any work if the report cannot be written: `outDir` already holds one and
 * `force` is not set, or PNGs are asked for and the optional sharp does not load.
 */
export async function assertReportTarget(
  outDir: string,
  options: { readonly force?: boolean | undefined; readonly png?: boolean | undefined },
): Promise<void> {
  await assertReportWritable(outDir, options.force ?? false);
  if (options.png) await loadSharp();
}

/**
 * Writes the report into `outDir` (created if missing): each figure as plots/<id>.svg
 * (and plots/<id>.png at 2× when `png` is set), then metrics.json, then report.html last,
 * every file atomically (temporary file, then rename), so a report.html that exists is
 * always complete.
 */
export async function writeReport(
  outDir: string,
  files: { html: string; metrics: unknown; figures: readonly Figure[] },
  force: boolean,
  options: { png?: boolean } = {},
): Promise<{ reportPath: string; metricsPath: string }> {
  await assertReportWritable(outDir, force);
  await mkdir(join(outDir, PLOTS_DIR), { recursive: true }).catch((error: unknown) => {
    throw new AccelganError(`cannot create ${outDir}: ${(error as Error).message}`);
  });
  for (const f of files.figures) {
    await writeFileAtomic(join(outDir, PLOTS_DIR, `${f.id}.svg`), f.svg, { force: true });
    if (options.png)
      await writeFileAtomic(join(outDir, PLOTS_DIR, `${f.id}.png`), await svgToPng(f.svg), { force: true });
  }
  const metricsPath = join(outDir, METRICS_FILE);
  const reportPath = join(outDir, REPORT_FILE);
  await writeFileAtomic(metricsPath, `${JSON.stringify(files.metrics, jsonReplacer, 2)}\n`, { force });
  await writeFileAtomic(reportPath, files.html, { force });
  return { reportPath, metricsPath };
}

/** Non-finite numbers become null (JSON has no NaN); typed arrays become plain arrays. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
