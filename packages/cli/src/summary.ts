import {
  EVENT_TARGET_PREFIX,
  type ClassName,
  type DrawFigure,
  type DrawsSummary,
  type EvaluateResult,
  type EvaluationMetrics,
} from '@accelgan/eval';

/** The headline figures and where the report is, on stdout (also used by `accelgan report`). */
export function printEvaluationSummary(result: EvaluateResult): void {
  process.stdout.write(`${headline(result.metrics)}\nreport: ${result.reportPath}\nmetrics: ${result.metricsPath}\n`);
}

function headline(m: EvaluationMetrics): string {
  const row = (id: string) => m.rows.find((r) => r.id === id)?.perClass.all;
  const n = (x: number | null | undefined, digits: number): string =>
    x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
  const d = m.discriminative.synthetic;
  const lines = [
    `verdict: ${m.verdict}`,
    `discriminative score ${n(d.score, 3)} [${n(d.lo, 3)}, ${n(d.hi, 3)}] (${d.critic} critic); real-vs-real floor ${n(m.discriminative.floor.score, 3)}`,
  ];
  const parts: string[] = [];
  const psd = row('psdDb');
  if (psd) parts.push(`spectrum ${n(psd.value, 2)} dB (floor ${n(psd.floor, 2)})`);
  const alarm = row('alarmRateDiff');
  if (alarm) parts.push(`OSD alarm-rate gap ${n(alarm.value, 3)} (floor ${n(alarm.floor, 3)})`);
  const tstr = row('tstr');
  if (tstr && tstr.value !== null) parts.push(`TSTR AUROC ${n(tstr.value, 3)} (real-trained ${n(tstr.floor, 3)})`);
  const near = row('nearCopies');
  const exact = row('exactCopies');
  if (near) parts.push(`near copies ${n(near.value, 3)}, exact copies ${n(exact?.value, 0)}`);
  if (parts.length) lines.push(parts.join(' · '));
  if (m.events) lines.push(eventHeadline(m.events, n));
  if (m.draws) lines.push(drawsHeadline(m.draws, n));
  return lines.join('\n');
}

/** The figures an issue's bar is read from, over the report's generation draws. */
const DRAW_HEADLINE: readonly { id: string; cls: ClassName; name: string }[] = [
  { id: 'discriminative', cls: 'all', name: 'discriminative score' },
  { id: 'discriminative', cls: 'ictal', name: 'ictal' },
  { id: 'discriminative', cls: 'nonIctal', name: 'non-ictal' },
  { id: 'psdDb', cls: 'all', name: 'spectrum dB' },
  { id: 'osdRatioW1', cls: 'all', name: 'OSD ratio W1' },
  { id: 'alarmRateDiff', cls: 'all', name: 'OSD alarm-rate gap' },
  { id: 'tstr', cls: 'all', name: 'TSTR AUROC' },
  { id: 'nearCopies', cls: 'all', name: 'near copies' },
];

/** The draws line; evaluate summarises draws only where there are at least two. */
function drawsHeadline(d: DrawsSummary, n: (x: number | null | undefined, digits: number) => string): string {
  const seeds = `seeds ${d.seeds[0]}–${d.seeds[d.seeds.length - 1]}`;
  const figure = (f: DrawFigure, name: string) =>
    `${name} ${n(f.mean, f.digits)} (${n(f.min, f.digits)}–${n(f.max, f.digits)}${f.graded ? `, good on ${f.good} of ${f.graded}` : ''})`;
  const parts = DRAW_HEADLINE.flatMap(({ id, cls, name }) => {
    const f = d.figures.find((x) => x.id === id && x.cls === cls);
    return f ? [figure(f, name)] : [];
  });
  const events = d.figures
    .filter((f) => f.id.startsWith(EVENT_TARGET_PREFIX))
    .map((f) => `${f.id.slice(EVENT_TARGET_PREFIX.length)} met on ${f.good} of ${f.graded}`);
  return [
    `over ${d.seeds.length} generation draws (${seeds}), mean (range, good on how many): ${parts.join(' · ')}`,
    ...(events.length ? [`whole-event targets over the draws: ${events.join(', ')}`] : []),
  ].join('\n');
}

function eventHeadline(
  e: NonNullable<EvaluationMetrics['events']>,
  n: (x: number | null | undefined, digits: number) => string,
): string {
  const d = e.discriminative;
  const s = e.sides;
  const targets = e.targets.map((t) => `${t.id} ${t.met === null ? 'n/a' : t.met ? 'met' : 'NOT met'}`).join(', ');
  const w1 = (name: 'durationW1' | 'latencyW1') => {
    const spread = e.floorSpread?.[name];
    return `W1 ${n(e.distances[name].synthetic, 1)}${spread?.n ? ` (real-vs-real ${n(spread.q25, 1)}–${n(spread.q75, 1)})` : ''}`;
  };
  return [
    `whole events (${s.synthetic.events} synthetic, ${s.realHeldOut.events} held-out real): discriminative score 30 s ${n(d.window30s.synthetic.score, 3)} (floor ${n(d.window30s.floor.score, 3)}), 5 s ${n(d.window5s.synthetic.score, 3)} (floor ${n(d.window5s.floor.score, 3)})`,
    `seizure duration median ${n(s.synthetic.durations.annotated.median, 0)} s (real ${n(s.realHeldOut.durations.annotated.median, 0)} s, IQR ${n(s.realHeldOut.durations.annotated.q25, 0)}–${n(s.realHeldOut.durations.annotated.q75, 0)}; ${w1('durationW1')})` +
      ` · OSD ALARM in ${n(s.synthetic.alarms.alarmRate, 2)} of seizures (real ${n(s.realHeldOut.alarms.alarmRate, 2)}), latency median ${n(s.synthetic.alarms.latency.median, 0)} s (real ${n(s.realHeldOut.alarms.latency.median, 0)} s, IQR ${n(s.realHeldOut.alarms.latency.q25, 0)}–${n(s.realHeldOut.alarms.latency.q75, 0)}; ${w1('latencyW1')})`,
    `boundary step median ${n(s.synthetic.continuity.boundarySteps.median, 1)} mg (real ${n(s.realHeldOut.continuity.boundarySteps.median, 1)}) · targets: ${targets}`,
  ].join('\n');
}
