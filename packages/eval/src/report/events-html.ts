import type { Compared, DiscriminativeResult, EventMetrics, SideEvents } from '../result-types.js';
import type { Spread } from '../util/stats.js';
import { CRITIC_LABEL, esc, fmt } from './html-text.js';
import { giveawayTablesHtml, ladderTableHtml } from './ladder-html.js';

/**
 * The "Whole events" section of the report: the issue's targets met or not, then each
 * event-level comparison beside its real-vs-real floor, then the sets side by side.
 */
export function eventsSectionHtml(
  events: EventMetrics,
  figuresHtml: string,
  own: { readonly ladder?: string; readonly giveaway?: string } = {},
): string {
  const { sides, distances: d, discriminative } = events;
  const target = (t: EventMetrics['targets'][number]) =>
    `<tr><th scope="row">${esc(t.label)}</th><td class="num">${fmt(t.value, t.digits)}</td><td>${esc(t.target)}</td><td>${t.met === null ? '<span class="badge na">n/a</span>' : t.met ? '<span class="badge good">met</span>' : '<span class="badge poor">not met</span>'}</td></tr>`;
  const disc = (label: string, r: { synthetic: DiscriminativeResult; floor: DiscriminativeResult }) =>
    `<tr><th scope="row">${esc(label)}</th><td class="num">${fmt(r.synthetic.score, 3)} <span class="ci">[${fmt(r.synthetic.lo, 3)}, ${fmt(r.synthetic.hi, 3)}]</span></td><td class="num">${fmt(r.floor.score, 3)}</td><td class="meaning">${esc(CRITIC_LABEL[r.synthetic.critic])} critic; ${r.synthetic.windowsPerSide.all} windows per side</td></tr>`;
  const row = (label: string, c: Compared, digits: number, meaning: string, spread?: Spread) =>
    `<tr><th scope="row">${esc(label)}</th><td class="num">${fmt(c.synthetic, digits)}</td><td class="num">${fmt(c.floor, digits)}${spread?.n ? ` <span class="ci">[${fmt(spread.q25, digits)}, ${fmt(spread.q75, digits)}]</span>` : ''}</td><td class="meaning">${esc(meaning)}</td></tr>`;
  const s = events.floorSpread;
  return `<section id="events">
<h2>Whole events</h2>
<p>Synthetic events against the held-out real events as whole recordings. The floor column is the same comparison for the real training events; in brackets, the quartiles of that comparison over random re-splits of the real events (the real-vs-real spread). Definitions: docs/metrics.md, “Whole events”.</p>
<h3>Targets</h3>
<table class="summary"><thead><tr><th>what</th><th>synthetic</th><th>target</th><th></th></tr></thead><tbody>
${events.targets.map(target).join('\n')}
</tbody></table>
<h3>Comparisons</h3>
<table class="summary"><thead><tr><th>metric</th><th>synthetic</th><th>real vs real (floor)</th><th>what it means</th></tr></thead><tbody>
${disc('discriminative score, 30 s windows', discriminative.window30s)}
${disc('discriminative score, 5 s windows from events', discriminative.window5s)}
${row('seizure duration W1 (s)', d.durationW1, 1, 'Wasserstein-1 distance between the labelled seizure durations.', s?.durationW1)}
${row('OSD alarm latency W1 (s)', d.latencyW1, 1, 'Between the delays from observed onset to OpenSeizureDetector’s ALARM (alarmed events).', s?.latencyW1)}
${row('OSD alarm rate gap', d.alarmRateDiff, 3, 'Difference in the fraction of seizures that raise an ALARM.', s?.alarmRateDiff)}
${row('seconds in ALARM W1 (s)', d.alarmSecondsW1, 1, 'Between the seconds each seizure spends in ALARM.', s?.alarmSecondsW1)}
${row('3–8 Hz power course, onset (decades)', d.band38Onset, 3, 'Mean |median gap| per 10 s bin from 60 s before to 120 s after the onset.')}
${row('3–8 Hz power course, seizure (decades)', d.band38Seizure, 3, 'Mean |median gap| per fifth of the seizure.')}
${row('dominant frequency course, onset (Hz)', d.dominantHzOnset, 2, 'As above, for the dominant frequency in 1–12.5 Hz.')}
${row('dominant frequency course, seizure (Hz)', d.dominantHzSeizure, 2, 'Per fifth of the seizure.')}
${row('boundary step W1 (mg)', d.boundaryStepW1, 1, 'Between the sample steps across the 5 s datapoint boundaries: seams show here.')}
</tbody></table>
${
  events.ladder
    ? `<h3>Calibration ladder, on windows cut from the events</h3>
<p>The window report’s ladder, with the 30 s and 5 s windows cut from the real training events as the source of the fakes and the held-out events’ as the reference.</p>
<h4>30 s windows</h4>
${ladderTableHtml(events.ladder.window30s)}
<h4>5 s windows</h4>
${ladderTableHtml(events.ladder.window5s)}
${own.ladder ?? ''}`
    : ''
}
${
  events.giveaway
    ? `<h3>What gives the events away</h3>
<p>The features that tell the synthetic events’ windows from the held-out real events’ most, as in the window report.</p>
${own.giveaway ?? ''}
<h4>30 s windows</h4>
${giveawayTablesHtml(events.giveaway.window30s)}
<h4>5 s windows</h4>
${giveawayTablesHtml(events.giveaway.window5s)}`
    : ''
}
<h3>The sets</h3>
${sidesTable(sides)}
${figuresHtml}
</section>`;
}

function sidesTable(sides: EventMetrics['sides']): string {
  const cols: [string, SideEvents][] = [
    ['real, held out', sides.realHeldOut],
    ['real, training', sides.realTrain],
    ['synthetic', sides.synthetic],
  ];
  const line = (label: string, cell: (s: SideEvents) => string) =>
    `<tr><th scope="row">${esc(label)}</th>${cols.map(([, s]) => `<td class="num">${cell(s)}</td>`).join('')}</tr>`;
  const med = (x: { n: number; median: number; q25: number; q75: number }, digits = 0) =>
    x.n ? `${fmt(x.median, digits)} <span class="ci">[${fmt(x.q25, digits)}, ${fmt(x.q75, digits)}]</span>` : '—';
  return `<table class="perclass"><thead><tr><th></th>${cols.map(([name]) => `<th>${esc(name)}</th>`).join('')}</tr></thead><tbody>
${line('events (with a seizure)', (s) => `${s.events} (${s.withSeizure})`)}
${line('event length, s: median [IQR]', (s) => med(s.seconds))}
${line('seizure duration, s', (s) => med(s.durations.annotated))}
${line('ictal seconds in the recording', (s) => med(s.durations.ictal))}
${line('OSD: seizures raising an ALARM', (s) => fmt(s.alarms.alarmRate, 2))}
${line('OSD: seizures raising a WARNING or ALARM', (s) => fmt(s.alarms.warnRate, 2))}
${line('OSD: alarm latency, s', (s) => med(s.alarms.latency))}
${line('OSD: seconds in ALARM per seizure', (s) => med(s.alarms.alarmSeconds))}
${line('OSD: events with an ALARM before the seizure', (s) => fmt(s.alarms.falseAlarmRate, 2))}
${line('boundary step, mg: median (p95)', (s) => `${fmt(s.continuity.boundarySteps.median, 1)} (${fmt(s.continuity.boundarySteps.p95, 1)})`)}
${line('within-datapoint step, mg: median (p95)', (s) => `${fmt(s.continuity.withinSteps.median, 1)} (${fmt(s.continuity.withinSteps.p95, 1)})`)}
${line('neighbour correlation: log std', (s) => fmt(s.continuity.neighbourCorrelation.logStd, 2))}
${line('neighbour correlation: 3–8 Hz power', (s) => fmt(s.continuity.neighbourCorrelation.band38, 2))}
</tbody></table>`;
}
