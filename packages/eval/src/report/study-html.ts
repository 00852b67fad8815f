import { renderSvg, type Figure } from '../plots/render.js';
import { sensitivityFalseAlarmsSpec } from '../plots/study.js';
import type { Paired, Stat, StudyMetric, StudySummary } from '../result-types.js';
import { STUDY_METRICS } from '../study/summary.js';
import { esc } from './html-text.js';
import { figureHtml, REPORT_CSS } from './html.js';

/** What the study page shows besides the summary: how the study was made. */
export interface StudyPageInput {
  /** The data, in words (events, users, windows). */
  readonly data: string;
  /** The design, in words (folds, seeds, GAN budget, detectors' settings). */
  readonly design: string;
  readonly detectors: readonly { readonly name: string; readonly description: string; readonly trained: boolean }[];
  readonly arms: readonly { readonly id: string; readonly label: string; readonly description: string }[];
  readonly summary: StudySummary;
  readonly notes?: readonly string[];
}

/** Figures compared against real-only on the page (the rest are in study.json). */
const COMPARED: readonly StudyMetric[] = ['sensitivity', 'falseAlarmsPerHour', 'auroc'];

/**
 * The augmentation study as one self-contained page in the evaluation report's style:
 * what was done, what it shows (each arm's paired differences from real-only), the table
 * per detector, the sensitivity / false-alarm plot and the per-user table.
 */
export async function renderStudyPage(input: StudyPageInput): Promise<{ html: string; figures: Figure[] }> {
  const armLabel = (id: string) => input.arms.find((a) => a.id === id)?.label ?? id;
  const detectorLabel = (name: string) => input.detectors.find((d) => d.name === name)?.name ?? name;
  const figure: Figure = {
    id: 'sensitivity-false-alarms',
    title: 'Sensitivity against false alarms per hour',
    caption:
      'Each point is one detector trained under one arm: the mean over the units (folds × seeds) of the share of held-out seizures it raised an ALARM in, against its false ALARM episodes per hour of non-ictal recording; bars are ±1 sd over units. Up and to the left is better.',
    svg: await renderSvg(sensitivityFalseAlarmsSpec(input.summary, { arm: armLabel, detector: detectorLabel })),
  };
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>accelgan augmentation study</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Does it help a detector? The augmentation study</h1>
<p class="meta">accelgan study · ${input.summary.units} units · ${esc(input.data)}</p>
</header>
<main>
<section id="findings">
<h2>What it shows</h2>
${findingsHtml(input, armLabel)}
</section>
<section id="design">
<h2>Design</h2>
<p>${esc(input.design)}</p>
<table>
<thead><tr><th>arm</th><th>training windows</th></tr></thead>
<tbody>${input.arms.map((a) => `<tr><th scope="row">${esc(a.label)}</th><td>${esc(a.description)}</td></tr>`).join('')}</tbody>
</table>
<table>
<thead><tr><th>detector</th><th>what it is</th></tr></thead>
<tbody>${input.detectors.map((d) => `<tr><th scope="row">${esc(d.name)}</th><td>${esc(d.description)}</td></tr>`).join('')}</tbody>
</table>
</section>
<section id="results">
<h2>Results</h2>
<p>Mean ± sd over units (n units where the figure is defined). Δ is the arm minus real-only unit by unit (same fold, same seed), with its 95% interval corrected for repeated cross-validation (Nadeau–Bengio); an interval that holds 0 is no measurable difference.</p>
${input.detectors.map((d) => detectorTable(d.name, input, armLabel)).join('\n')}
${figureHtml(figure)}
</section>
<section id="per-user">
<h2>Per user</h2>
${perUserTable(input, armLabel)}
</section>
${input.notes?.length ? `<section id="notes"><h2>Notes</h2><ul>${input.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : ''}
<section id="method">
<h2>How to read this</h2>
<ul>
<li><strong>Sensitivity</strong>: held-out seizures in which the detector's per-window decisions, run through OpenSeizureDetector's alarm rule (2 consecutive windows in alarm → WARNING, 3 → ALARM), reached ALARM in a window overlapping the seizure.</li>
<li><strong>False alarms per hour</strong>: ALARM episodes that overlap no seizure, per hour of non-ictal recording. The shared sample holds only seizure events, so its non-ictal time is their pre- and post-ictal parts.</li>
<li><strong>Latency</strong>: seconds from the onset to the end of the first ALARM window in the seizure, over detected seizures.</li>
<li><strong>Window AUROC</strong>: how well the detector's window scores rank ictal above non-ictal held-out windows.</li>
<li><strong>Any-window sensitivity</strong>: a seizure with any single window in alarm (the toolkit's event rule, without the consecutive rule).</li>
</ul>
<p>docs/metrics.md ("Augmentation study") defines every figure precisely.</p>
</section>
</main>
<footer>Written by accelgan study.</footer>
</body>
</html>
`;
  return { html, figures: [figure] };
}

function findingsHtml(input: StudyPageInput, armLabel: (id: string) => string): string {
  const lines: string[] = [];
  for (const row of input.summary.rows) {
    if (!row.vsReal) continue;
    for (const key of ['sensitivity', 'falseAlarmsPerHour'] as const) {
      const p = row.vsReal[key];
      if (!p.ci95 || (p.ci95[0] <= 0 && p.ci95[1] >= 0)) continue;
      const meta = STUDY_METRICS.find((m) => m.key === key)!;
      const better = p.meanDifference! > 0 === meta.higherIsBetter;
      lines.push(
        `${row.detector}, ${armLabel(row.arm)}: ${meta.label} ${better ? 'better' : 'worse'} than real-only by ${signed(p.meanDifference!, key)} (95% interval ${fmt(p.ci95[0], key)} to ${fmt(p.ci95[1], key)})`,
      );
    }
  }
  if (!lines.length)
    return '<p class="headline">No measurable gain or loss: for every trained detector and arm, the 95% interval of the paired difference from real-only in sensitivity and in false alarms per hour holds 0.</p>';
  return `<p class="headline">Paired differences from real-only whose 95% interval excludes 0:</p><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p>Every other arm's difference in sensitivity and false alarms per hour is within its interval of 0.</p>`;
}

function detectorTable(detector: string, input: StudyPageInput, armLabel: (id: string) => string): string {
  const rows = input.summary.rows.filter((r) => r.detector === detector);
  const compared = rows.some((r) => r.vsReal);
  const head = [
    'arm',
    ...STUDY_METRICS.map((m) => m.label),
    ...(compared ? COMPARED.map((k) => `Δ ${STUDY_METRICS.find((m) => m.key === k)!.label} vs real-only`) : []),
  ];
  const body = rows
    .map((r) => {
      const cells = STUDY_METRICS.map((m) => `<td class="num">${statText(r.metrics[m.key], m.key)}</td>`);
      const deltas = compared
        ? COMPARED.map((k) => `<td class="num">${r.vsReal ? pairedText(r.vsReal[k], k) : '—'}</td>`)
        : [];
      return `<tr><th scope="row">${esc(armLabel(r.arm))}</th>${cells.join('')}${deltas.join('')}</tr>`;
    })
    .join('\n');
  return `<h3>${esc(detector)}</h3>
<table>
<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function perUserTable(input: StudyPageInput, armLabel: (id: string) => string): string {
  const keys: StudyMetric[] = ['sensitivity', 'falseAlarmsPerHour', 'auroc'];
  const body = input.summary.perUser
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.user)}</th><td>${esc(r.detector)}</td><td>${esc(armLabel(r.arm))}</td>${keys.map((k) => `<td class="num">${statText(r.metrics[k], k)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>
<thead><tr><th>user</th><th>detector</th><th>arm</th>${keys.map((k) => `<th>${esc(STUDY_METRICS.find((m) => m.key === k)!.label)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

const DIGITS: Record<StudyMetric, number> = {
  sensitivity: 2,
  falseAlarmsPerHour: 2,
  latencySeconds: 1,
  auroc: 3,
  anyWindowSensitivity: 2,
};

function fmt(x: number, key: StudyMetric): string {
  return x.toFixed(DIGITS[key]);
}

function signed(x: number, key: StudyMetric): string {
  return `${x >= 0 ? '+' : '−'}${fmt(Math.abs(x), key)}`;
}

function statText(s: Stat, key: StudyMetric): string {
  if (s.mean === null) return '—';
  return `${fmt(s.mean, key)}${s.sd !== null ? ` ± ${fmt(s.sd, key)}` : ''} <span class="ci">(${s.n})</span>`;
}

function pairedText(p: Paired, key: StudyMetric): string {
  if (p.meanDifference === null) return '—';
  const ci = p.ci95 ? ` <span class="ci">[${fmt(p.ci95[0], key)}, ${fmt(p.ci95[1], key)}]</span>` : '';
  return `${signed(p.meanDifference, key)}${ci}`;
}
