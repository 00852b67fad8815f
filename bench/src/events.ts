/**
 * `node bench/dist/events.js RUN [--events 100] [--seed 1] [--variants all|rho|seam] [--rhos 0,0.5,0.8,0.9,0.95]`
 *
 * Measures the design alternatives of whole-event generation on a run trained with
 * --condition phase: the same events (layout seed) generated with and without latent
 * continuity between consecutive windows (ρ = 0, 0.5, 0.8, 0.9, 0.95 by default, with --rho-seam joins, default bridge) and with and without
 * seam handling (none; level with tapers of 4, 12, 25 samples; bridge with fades of 4, 12), each evaluated against the
 * run's validation events with the report's event metrics. Prints one JSON line per
 * variant and a table; figures belong in docs/lab/2026-11-events.md.
 */
import { denormalise } from '@accelgan/data';
import { evaluateEvents, eventSeries, eventSeriesFromOsdb, type EventMetrics } from '@accelgan/eval';
import { generateEvents, loadGenerator, openTrainingData, type SeamMode } from '@accelgan/train';

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runDir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!runDir) {
  process.stderr.write(
    'usage: node bench/dist/events.js RUN [--events 100] [--seed 1] [--variants all|rho|seam] [--rhos 0,0.5,0.8,0.9,0.95]\n',
  );
  process.exit(2);
}
const events = Number(value('events') ?? 100);
const seed = Number(value('seed') ?? 1);
const which = value('variants') ?? 'all';

interface Variant {
  readonly name: string;
  readonly rho: number;
  readonly seam: SeamMode;
  readonly seamTaper: number;
}
const rhos = (value('rhos') ?? '0,0.5,0.8,0.9,0.95').split(',').map(Number);
const rhoSeam = (value('rho-seam') ?? 'bridge') as SeamMode;
const rhoVariants: Variant[] = rhos.map((rho) => ({
  name: `rho ${rho}, ${rhoSeam} 12`,
  rho,
  seam: rhoSeam,
  seamTaper: 12,
}));
const seamVariants: Variant[] = [
  { name: 'rho 0.9, no seam handling', rho: 0.9, seam: 'none', seamTaper: 12 },
  { name: 'rho 0.9, level 4', rho: 0.9, seam: 'level', seamTaper: 4 },
  { name: 'rho 0.9, level 12', rho: 0.9, seam: 'level', seamTaper: 12 },
  { name: 'rho 0.9, level 25', rho: 0.9, seam: 'level', seamTaper: 25 },
  { name: 'rho 0.9, bridge 4', rho: 0.9, seam: 'bridge', seamTaper: 4 },
  { name: 'rho 0.9, bridge 12', rho: 0.9, seam: 'bridge', seamTaper: 12 },
  { name: 'rho 0, no seam handling', rho: 0, seam: 'none', seamTaper: 12 },
];
const variants = which === 'rho' ? rhoVariants : which === 'seam' ? seamVariants : [...rhoVariants, ...seamVariants];

const trained = await loadGenerator(runDir, 'auto');
const { config } = trained.header;
const dataset = await openTrainingData(trained.header.dataset.sources, {
  scale: config.scale,
  windowSeconds: config.windowSeconds,
  valFraction: config.valFraction,
  seed: config.seed,
});
const windows = { ...dataset.windows, values: denormalise(dataset.windows.values, dataset.meta.normalisation) };
const rows = (side: string) => windows.split.flatMap((s, i) => (s === side ? [i] : []));
const realTrain = eventSeries(windows, rows('train'));
const realHeldOut = eventSeries(windows, rows('val'));

const summary = (name: string, m: EventMetrics) => {
  const s = m.sides.synthetic;
  return {
    variant: name,
    disc30: m.discriminative.window30s.synthetic.score,
    disc30Critic: m.discriminative.window30s.synthetic.critic,
    disc30Features: m.discriminative.window30s.synthetic.critics.features?.score ?? null,
    disc5: m.discriminative.window5s.synthetic.score,
    boundaryMedian: s.continuity.boundarySteps.median,
    boundaryP95: s.continuity.boundarySteps.p95,
    withinMedian: s.continuity.withinSteps.median,
    boundaryRatio: s.continuity.boundaryRatio,
    boundaryStepW1: m.distances.boundaryStepW1.synthetic,
    corrLogStd: s.continuity.neighbourCorrelation.logStd,
    corrBand38: s.continuity.neighbourCorrelation.band38,
    band38Onset: m.distances.band38Onset.synthetic,
    dominantHzOnset: m.distances.dominantHzOnset.synthetic,
    alarmRate: s.alarms.alarmRate,
    latencyMedian: s.alarms.latency.median,
  };
};

const results: ReturnType<typeof summary>[] = [];
let reference: EventMetrics | undefined;
for (const v of variants) {
  const t0 = performance.now();
  const generated = await generateEvents(trained, { events, seed, rho: v.rho, seam: v.seam, seamTaper: v.seamTaper });
  const { metrics } = await evaluateEvents(
    { realTrain, realHeldOut, synthetic: generated.events.map(eventSeriesFromOsdb) },
    { seed },
  );
  reference ??= metrics;
  const row = summary(v.name, metrics);
  results.push(row);
  process.stdout.write(`${JSON.stringify({ ...row, seconds: Math.round((performance.now() - t0) / 1000) })}\n`);
}
trained.dispose();

// The real events' own figures, for the table's first rows.
const real = (name: string, side: 'realHeldOut' | 'realTrain') => {
  const s = reference!.sides[side];
  const d = reference!.discriminative;
  return {
    variant: name,
    disc30: side === 'realTrain' ? d.window30s.floor.score : Number.NaN,
    disc5: side === 'realTrain' ? d.window5s.floor.score : Number.NaN,
    boundaryMedian: s.continuity.boundarySteps.median,
    boundaryP95: s.continuity.boundarySteps.p95,
    withinMedian: s.continuity.withinSteps.median,
    boundaryStepW1: side === 'realTrain' ? reference!.distances.boundaryStepW1.floor : 0,
    corrLogStd: s.continuity.neighbourCorrelation.logStd,
    corrBand38: s.continuity.neighbourCorrelation.band38,
    band38Onset: side === 'realTrain' ? reference!.distances.band38Onset.floor : 0,
    alarmRate: s.alarms.alarmRate,
    latencyMedian: s.alarms.latency.median,
  };
};
const f = (x: number | null | undefined, d: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const table = [real('real, held out', 'realHeldOut'), real('real, training (floor)', 'realTrain'), ...results];
process.stdout.write(
  '\n| variant | disc. 30 s | disc. 5 s | boundary step median (p95) mg | within step median mg | boundary W1 mg | neighbour corr. log std / 3–8 Hz | 3–8 Hz course gap | OSD alarm rate | latency median s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
);
for (const r of table) {
  process.stdout.write(
    `| ${r.variant} | ${f(r.disc30, 3)} | ${f(r.disc5, 3)} | ${f(r.boundaryMedian, 0)} (${f(r.boundaryP95, 0)}) | ${f(r.withinMedian, 0)} | ${f(r.boundaryStepW1, 1)} | ${f(r.corrLogStd, 2)} / ${f(r.corrBand38, 2)} | ${f(r.band38Onset, 3)} | ${f(r.alarmRate, 2)} | ${f(r.latencyMedian, 0)} |\n`,
  );
}
