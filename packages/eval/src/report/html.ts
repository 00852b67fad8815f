import type {
  DetectorChoice,
  EvaluationMetrics,
  MetricCell,
  MetricRow,
  SetDescription,
  Verdict,
} from '../result-types.js';
import { RICH_FEATURE_NAMES } from '../metrics/rich-features.js';
import type { Figure } from '../plots/render.js';
import { drawsSectionHtml } from './draws-html.js';
import { eventsSectionHtml } from './events-html.js';
import { giveawaySectionHtml, ladderSectionHtml } from './ladder-html.js';
import type { ClassName } from '../types.js';
import { OVERALL_TEXT, VERDICT_TEXT } from './verdict.js';
import { CLASS_LABEL, CRITIC_LABEL, esc, fmt } from './html-text.js';

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG figures, no script,
 * no external resource, so it opens offline and can be mailed as one file.
 */
export function renderHtml(
  metrics: EvaluationMetrics,
  figures: readonly Figure[],
  inputs: { real: string; synthetic: string; train?: string | undefined },
  eventFigures: readonly Figure[] = [],
): string {
  const disc = metrics.discriminative.synthetic;
  const floor = metrics.discriminative.floor;
  const iaaft = metrics.ladder?.rungs.find((r) => r.id === 'iaaft');
  const headline = `Discriminative score ${fmt(disc.score, 3)} (95% CI ${fmt(disc.lo, 3)}–${fmt(disc.hi, 3)}, ${CRITIC_LABEL[disc.critic]} critic) against a real-vs-real floor of ${fmt(floor.score, 3)}${iaaft ? ` and the IAAFT bar of ${fmt(iaaft.score, 3)}` : ''}.`;
  // The ladder's and the diagnosis's plots stand in their own sections.
  const own = (id: string) => figures.find((f) => f.id === id);
  const ladderFigure = own('ladder');
  const giveawayFigure = own('giveaway');
  const general = figures.filter((f) => f !== ladderFigure && f !== giveawayFigure);
  const eventOwn = (id: string) => eventFigures.find((f) => f.id === id);
  const eventSpecial = { ladder: eventOwn('event-ladder'), giveaway: eventOwn('event-giveaway') };
  const eventGeneral = eventFigures.filter((f) => f !== eventSpecial.ladder && f !== eventSpecial.giveaway);
  const classes = (['ictal', 'nonIctal'] as const).filter((c) => metrics.rows.some((r) => r.perClass[c]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>accelgan evaluation — ${esc(metrics.verdict)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Synthetic vs real wrist-accelerometer windows</h1>
<p class="meta">accelgan evaluation · ${esc(metrics.createdAt)} · seed ${metrics.seed} · ${metrics.samplesPerWindow} samples per window (${metrics.samplesPerWindow / 25} s at 25 Hz)</p>
</header>
<main>
<section class="verdict ${cls(metrics.verdict)}" id="verdict">
<h2>Overall verdict: ${esc(metrics.verdict)}</h2>
<p>${esc(OVERALL_TEXT[metrics.verdict])}</p>
<p class="headline">${esc(headline)}</p>
</section>

<section id="summary">
<h2>Summary</h2>
<p>Each metric compares the synthetic windows with the held-out real windows; the <em>floor</em> is the same metric for real training windows against the same held-out windows — the value no generator can be expected to beat. Lower is better except for AUROC.</p>
${summaryTable(metrics.rows)}
${classes.length ? `<h3>Per class</h3>\n${perClassTable(metrics.rows, classes)}` : ''}
</section>

${metrics.ladder ? ladderSectionHtml(metrics.ladder, ladderFigure ? figureHtml(ladderFigure) : '') : ''}

${metrics.giveaway ? giveawaySectionHtml(metrics.giveaway, giveawayFigure ? figureHtml(giveawayFigure) : '') : ''}

${metrics.draws ? drawsSectionHtml(metrics.draws) : ''}

<section id="inputs">
<h2>Inputs</h2>
<table class="inputs">
<thead><tr><th>set</th><th>source</th><th>windows</th><th>ictal</th><th>non-ictal</th><th>events</th></tr></thead>
<tbody>
${inputRow('real, held out', inputs.real, metrics.roles.realHeldOut)}
${inputRow('real, training', inputs.train ?? inputs.real, metrics.roles.realTrain)}
${inputRow('synthetic', inputs.synthetic, metrics.roles.synthetic)}
</tbody>
</table>
<p>${esc(capitalise(metrics.roles.how))}. Critics: ${esc(metrics.options.critics.map((c) => CRITIC_LABEL[c]).join(', '))}; ${metrics.options.folds}-fold event-wise cross-validation × ${metrics.options.seeds} seeds; the CNN saw ${disc.cnnWindowsPerSide} windows per side, the feature critics ${disc.windowsPerSide.all}.</p>
</section>

<section id="figures">
<h2>Figures</h2>
${general.map(figureHtml).join('\n')}
</section>

${
  metrics.events
    ? eventsSectionHtml(metrics.events, eventGeneral.map(figureHtml).join('\n'), {
        ladder: eventSpecial.ladder ? figureHtml(eventSpecial.ladder) : '',
        giveaway: eventSpecial.giveaway ? figureHtml(eventSpecial.giveaway) : '',
      })
    : ''
}

${metrics.notes.length ? `<section id="notes"><h2>Notes</h2><ul>${metrics.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : ''}

<section id="method">
<h2>How to read this</h2>
<ul>
<li><strong>Discriminative score</strong>: three critics (a small 1-D CNN, a logistic regression on 41 hand-made features, and gradient-boosted trees on ${RICH_FEATURE_NAMES.length} richer features) learn to tell synthetic from real windows; the score is how far their balanced accuracy on held-out folds lies above chance (0 at or below it), with whole recordings kept in one fold, and the headline is the worst critic. 0 means they cannot tell; 0.5 means they always can. Graded good when within 0.05 of the real-vs-real floor and below the IAAFT rung of the calibration ladder, fair when below that rung (without a ladder: within 0.15 of the floor), poor otherwise.</li>
<li><strong>Distances</strong> (spectrum, OSD ratio, values, std, autocorrelation, skewness, kurtosis, MMD²) are graded good when at most 1.5× the floor plus a small tolerance, fair at most 3×. Beside each floor, its spread: the interquartile range of the same distance between real recordings over random re-splits of them by recording, at the same held-out fraction; ✓ marks a synthetic value no larger than the spread’s upper quartile.</li>
<li><strong>OSD</strong>: OpenSeizureDetector’s own spectral algorithm on each 5 s datapoint (3–8 Hz power over 0.2–12 Hz power, alarm when 10·roi/spec &gt; ${metrics.osdSettings.alarmRatioThresh} and the ${esc(metrics.osdSettings.gate)} exceeds ${metrics.osdSettings.alarmThresh}).</li>
<li><strong>Usefulness</strong>: a seizure detector trained only on synthetic windows (TSTR) against one trained on real windows (the floor column), both tested on held-out real windows. The detector is ${esc(detectorLine(metrics.usefulness.detector))}.</li>
<li><strong>Memorisation</strong>: synthetic windows nearer a training window than 99% of held-out real windows are near copies.</li>
</ul>
<p>docs/metrics.md in the accelgan repository defines every metric exactly; metrics.json beside this page holds every number.</p>
</section>
</main>
<footer>Stage timings (s): ${Object.entries(metrics.timings)
    .map(([k, v]) => `${esc(k)} ${v.toFixed(1)}`)
    .join(' · ')}</footer>
</body>
</html>
`;
}

function summaryTable(rows: readonly MetricRow[]): string {
  const body = rows
    .filter((r) => r.perClass.all)
    .map((r) => {
      const c = r.perClass.all as MetricCell;
      return `<tr class="${r.graded ? '' : 'info'}"><th scope="row">${esc(r.label)}${r.unit ? ` <span class="unit">${esc(r.unit)}</span>` : ''}</th><td class="num">${cellValue(c, r.digits)}</td><td class="num">${cellFloor(c, r.digits)}</td><td>${badge(c.verdict)}</td><td class="meaning">${esc(r.meaning)} <span class="plain">${esc(VERDICT_TEXT[c.verdict])}.</span></td></tr>`;
    })
    .join('\n');
  return `<table class="summary">
<thead><tr><th>metric</th><th>synthetic</th><th>real vs real (floor)</th><th>verdict</th><th>what it means</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function perClassTable(rows: readonly MetricRow[], classes: readonly ClassName[]): string {
  const head = classes.map((c) => `<th colspan="3">${esc(CLASS_LABEL[c])}</th>`).join('');
  const sub = classes.map(() => '<th>synthetic</th><th>floor</th><th>verdict</th>').join('');
  const body = rows
    .filter((r) => classes.some((c) => r.perClass[c]))
    .map((r) => {
      const cells = classes
        .map((c) => {
          const cell = r.perClass[c];
          return cell
            ? `<td class="num">${cellValue(cell, r.digits)}</td><td class="num">${cellFloor(cell, r.digits)}</td><td>${badge(cell.verdict)}</td>`
            : '<td></td><td></td><td></td>';
        })
        .join('');
      return `<tr class="${r.graded ? '' : 'info'}"><th scope="row">${esc(r.label)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="perclass">
<thead><tr><th rowspan="2">metric</th>${head}</tr><tr>${sub}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function cellValue(c: MetricCell, digits: number): string {
  const v = fmt(c.value, digits);
  return c.interval ? `${v} <span class="ci">[${fmt(c.interval[0], digits)}, ${fmt(c.interval[1], digits)}]</span>` : v;
}

function cellFloor(c: MetricCell, digits: number): string {
  const v = fmt(c.floor, digits);
  // A row with a second reference has no interval or spread of its floor (agreement, TSTR, near copies).
  if (c.reference)
    return `${v} <span class="ci" title="not graded: a second real reference">${esc(c.reference.label)} ${fmt(c.reference.value, digits)}</span>`;
  if (c.floorInterval)
    return `${v} <span class="ci">[${fmt(c.floorInterval[0], digits)}, ${fmt(c.floorInterval[1], digits)}]</span>`;
  if (c.floorSpread)
    return `${v} <span class="ci" title="interquartile range over random re-splits of the real recordings">spread ${fmt(c.floorSpread[0], digits)}–${fmt(c.floorSpread[1], digits)}${c.withinSpread ? ' ✓' : ''}</span>`;
  return v;
}

function inputRow(label: string, source: string, d: SetDescription): string {
  const n = (x: number | null): string => (x === null ? '—' : String(x));
  return `<tr><th scope="row">${esc(label)}</th><td class="src">${esc(source)}</td><td class="num">${d.windows}</td><td class="num">${n(d.ictal)}</td><td class="num">${n(d.nonIctal)}</td><td class="num">${n(d.events)}</td></tr>`;
}

export function figureHtml(f: Figure): string {
  return `<figure id="fig-${esc(f.id)}">
<h3>${esc(f.title)}</h3>
<div class="plot">${f.svg}</div>
<figcaption>${esc(f.caption)}</figcaption>
</figure>`;
}

function badge(v: Verdict): string {
  return `<span class="badge ${cls(v)}">${esc(v)}</span>`;
}

function cls(v: Verdict): string {
  return v === 'n/a' ? 'na' : v;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const REPORT_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.45}
header{background:#23395d;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.5rem}.meta{margin:.3rem 0 0;opacity:.85;font-size:.9rem}
main{max-width:1200px;margin:0 auto;padding:1rem 2rem}section{margin:1.5rem 0}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem}
.verdict{border-left:8px solid #999;background:#fff;padding:.6rem 1rem;border-radius:4px}.verdict h2{border:0;margin:.2rem 0}
.verdict.good{border-color:#2e7d32}.verdict.fair{border-color:#f9a825}.verdict.poor{border-color:#c62828}.headline{font-weight:600}
table{border-collapse:collapse;background:#fff;font-size:.9rem;margin:.5rem 0}th,td{border:1px solid #e0e0e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f3f8}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}.ci{color:#777;font-size:.8rem}
tr.info th,tr.info td{color:#555;background:#fcfcfc}.unit{color:#777;font-weight:normal;font-size:.8rem}.meaning{max-width:28rem}.plain{color:#555}
.badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600;color:#fff;background:#999}
.badge.good{background:#2e7d32}.badge.fair{background:#f9a825;color:#222}.badge.poor{background:#c62828}
figure{background:#fff;border:1px solid #e0e0e0;border-radius:4px;margin:1rem 0;padding:.5rem 1rem;overflow-x:auto}figure h3{margin:.2rem 0 .5rem}
figcaption{color:#555;font-size:.85rem;margin-top:.3rem}.plot svg{display:block;max-width:none}td.src{max-width:24rem;word-break:break-all}
footer{color:#777;font-size:.8rem;padding:1rem 2rem}
tr.bar th,tr.bar td{background:#fff3e0}tr.mine th,tr.mine td{background:#fdecea;font-weight:600}
`;

/** The detector usefulness trained, in words: its model and L2 strength, and how the strength was chosen. */
function detectorLine(detector: DetectorChoice): string {
  const how =
    detector.chosenBy === 'cross-validation'
      ? 'chosen by cross-validation over the real training windows’ recordings'
      : `fixed: ${detector.fixedBecause ?? ''}`;
  return `${detector.model} on the standardised window features, classes weighted equally, L2 strength ${detector.l2PerRow} per training window (${how})`;
}
