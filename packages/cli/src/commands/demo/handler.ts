import { relative } from 'node:path';
import { runDemo as demo } from '@accelgan/workflows';
import type { DemoArgs } from './options.js';
import { StatusLine, bar, formatDuration } from '../../progress.js';

/** `accelgan demo`: @accelgan/workflows' demo, with its stages and progress on stderr. */
export async function runDemo(args: DemoArgs): Promise<void> {
  const t0 = performance.now();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const status = new StatusLine();
  const result = await demo({
    out: args.out,
    steps: args.steps,
    events: args.events,
    seed: args.seed,
    backend: args.backend,
    force: args.force,
    onStage: (stage, of, what) => say(`${stage}/${of} ${what}`),
    onIngested: (s) =>
      say(
        `    ${s.windows} windows (${s.ictal} ictal), ${s.trainEvents} training events, ${s.valEvents} validation events`,
      ),
    onTrainProgress: (p) =>
      status.update(
        `    ${bar(p.step / args.steps)} step ${p.step}/${args.steps} d_loss ${p.losses.dLoss.toFixed(3)} g_loss ${p.losses.gLoss.toFixed(3)}` +
          (p.etaSeconds != null ? ` eta ${formatDuration(p.etaSeconds)}` : ''),
      ),
    onTrained: (trained) => {
      status.done();
      say(`    ${trained.step} steps in ${formatDuration(trained.elapsedSeconds)} on ${trained.backend.name}`);
    },
    onReportProgress: (stage) => status.update(`    ${stage}`),
  }).finally(() => status.done());

  const rel = (p: string) => relative(process.cwd(), p) || '.';
  say(
    [
      '',
      `done in ${formatDuration((performance.now() - t0) / 1000)}. Everything is in ${rel(result.dir)}/:`,
      ...result.files.map((f) => `  ${f.path.padEnd(18)}  ${f.holds}`),
      '',
      `verdict: ${result.report.metrics.verdict} (see the report for every metric beside its real-vs-real floor)`,
      fullRunLine(result.train.step),
    ].join('\n'),
  );
}

/**
 * The demo's last line: a demo trains far too briefly to show what the model does, so it
 * names the command of a real run and the page with what that gives (no figures here:
 * they belong to the results page, beside the command that reproduces them).
 */
function fullRunLine(steps: number): string {
  return (
    `This demo trained ${steps} step${steps === 1 ? '' : 's'}; a real run: ` +
    'accelgan train data.arrow --out run --minutes 10, then accelgan report run — what it gives: docs/results.md'
  );
}
