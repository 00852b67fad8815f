import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AccelganError, ingest, simulateEvents, writeDataset, writeOsdbJson } from '@accelgan/data';
import { reportRun } from '@accelgan/eval';
import { exportGenerated, generateWindows, loadGenerator, resolveConfig, train } from '@accelgan/train';
import type { DemoArgs } from './options.js';
import { StatusLine, bar, formatDuration } from '../../progress.js';

/** A file the demo leaves in its directory, so a later demo may replace it without --force. */
const MARKER = '.accelgan-demo';

/**
 * The whole product on built-in data: simulate → ingest → train → generate → report.
 * Every stage is the same package call the corresponding command makes.
 */
export async function runDemo(args: DemoArgs): Promise<void> {
  const t0 = performance.now();
  const dir = args.out;
  await claimDirectory(dir, args.force);
  const path = (name: string) => join(dir, name);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const status = new StatusLine();

  say(`1/5 simulating ${args.events} OSDB events`);
  const events = simulateEvents({ events: args.events, seed: args.seed });
  await writeOsdbJson(path('recordings.json'), events, { force: true, dataSourceName: 'accelgan-simulator' });

  say('2/5 ingesting into 5 s windows');
  const config = resolveConfig({ steps: args.steps, seed: args.seed, backend: args.backend, checkpointMinutes: 60 });
  const { dataset, summary } = await ingest([path('recordings.json')], { seed: args.seed, scale: config.scale });
  await writeDataset(path('dataset.arrow'), dataset, { force: true });
  say(
    `    ${summary.windows} windows (${summary.ictal} ictal), ${summary.trainEvents} training events, ${summary.valEvents} validation events`,
  );

  say(`3/5 training ${config.arch} for ${args.steps} steps`);
  const result = await train({
    dataset,
    datasetSources: [path('dataset.arrow')],
    config,
    runDir: path('run'),
    force: true,
    onProgress: (p) =>
      status.update(
        `    ${bar(p.step / args.steps)} step ${p.step}/${args.steps} d_loss ${p.losses.dLoss.toFixed(3)} g_loss ${p.losses.gLoss.toFixed(3)}` +
          (p.etaSeconds != null ? ` eta ${formatDuration(p.etaSeconds)}` : ''),
      ),
  });
  status.done();
  say(`    ${result.step} steps in ${formatDuration(result.elapsedSeconds)} on ${result.backend.name}`);

  say('4/5 generating 1,000 windows (CSV) and 50 (OSDB JSON)');
  const trained = await loadGenerator(path('run'), args.backend);
  try {
    await exportGenerated(
      path('synthetic.csv'),
      await generateWindows(trained, { n: 1000, seed: args.seed }),
      trained,
      { seed: args.seed, force: true },
    );
    await exportGenerated(
      path('synthetic.json'),
      await generateWindows(trained, { n: 50, seed: args.seed + 1 }),
      trained,
      { seed: args.seed + 1, force: true },
    );
  } finally {
    trained.dispose();
  }

  say('5/5 evaluating against the validation events');
  const report = await reportRun(path('run'), {
    outDir: path('report'),
    seed: args.seed,
    // One critic seed instead of two: half the evaluation time, for a demo.
    seeds: 1,
    force: true,
    backend: args.backend,
    onProgress: (stage) => status.update(`    ${stage}`),
  });
  status.done();

  const m = report.metrics;
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  say(
    [
      '',
      `done in ${formatDuration((performance.now() - t0) / 1000)}. Everything is in ${rel(dir)}/:`,
      `  recordings.json     simulated OSDB events (the built-in data)`,
      `  dataset.arrow       normalised 5 s windows (+ dataset.meta.json)`,
      `  run/                checkpoint.bin, config.json, run.json, metrics.csv`,
      `  synthetic.csv       1,000 generated windows in milli-g`,
      `  synthetic.json      50 generated windows as OSDB events`,
      `  report/report.html  the evaluation report (plots in report/plots/, numbers in report/metrics.json)`,
      '',
      `verdict: ${m.verdict} (see the report for every metric beside its real-vs-real floor)`,
    ].join('\n'),
  );
  await writeFile(path(MARKER), 'Written by accelgan demo; a later demo may replace this directory.\n');
}

/** Makes `dir` the demo's: new, empty, or written by an earlier demo; anything else needs --force. */
async function claimDirectory(dir: string, force: boolean): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new AccelganError(`${dir} exists and is not a directory`);
  if (info) {
    const entries = await readdir(dir);
    const ours = entries.includes(MARKER);
    if (entries.length > 0 && !ours && !force) {
      throw new AccelganError(`${dir} holds files the demo did not write; choose another --out or use --force`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}
