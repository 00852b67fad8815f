import { reportRun } from '@accelgan/workflows';
import type { ReportArgs } from './options.js';
import { StatusLine } from '../../progress.js';
import { printEvaluationSummary } from '../../summary.js';

export async function runReport(args: ReportArgs): Promise<void> {
  const status = new StatusLine();
  const result = await reportRun(args.run, {
    outDir: args.out,
    n: args.n,
    seed: args.seed,
    draws: args.draws,
    force: args.force,
    png: args.png,
    events: args.events,
    rho: args.rho,
    seam: args.seam,
    seamTaper: args['seam-taper'],
    backend: args.backend,
    onProgress: (stage, fraction) =>
      status.update(fraction != null ? `${stage} ${(100 * fraction).toFixed(0)}%` : stage),
  }).finally(() => status.done());
  printEvaluationSummary(result);
}
