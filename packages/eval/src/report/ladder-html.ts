import type { CalibrationLadder, Giveaway, GiveawayResult, ScoreBand } from '../result-types.js';
import type { ClassName, PerClass } from '../types.js';
import { esc, fmt } from './html-text.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };
const CLASSES: readonly ClassName[] = ['all', 'ictal', 'nonIctal'];

/** The ladder as a table: each rung's score per class, then the generator's, and whether it clears the IAAFT bar. */
export function ladderTableHtml(ladder: CalibrationLadder): string {
  const classes = CLASSES.filter((c) => ladder.rungs.some((r) => r.perClass[c]));
  const cell = (s: ScoreBand | undefined) =>
    s
      ? `<td class="num">${fmt(s.score, 3)} <span class="ci">[${fmt(s.lo, 3)}, ${fmt(s.hi, 3)}]</span></td>`
      : '<td></td>';
  const row = (label: string, meaning: string, perClass: PerClass<ScoreBand> | null, css = '') =>
    `<tr class="${css}"><th scope="row">${esc(label)}</th>${classes.map((c) => cell(perClass?.[c])).join('')}<td class="meaning">${esc(meaning)}</td></tr>`;
  const rungs = ladder.rungs.map((r) => row(r.label, r.meaning, r.perClass, r.id === 'iaaft' ? 'bar' : ''));
  const mine = [
    row(
      'this generator, tree critic',
      'the synthetic windows, by the critic that scores the ladder',
      ladder.synthetic.trees,
      'mine',
    ),
    row(
      'this generator, headline',
      'the synthetic windows, by the worst of all critics',
      ladder.synthetic.headline,
      'mine',
    ),
  ];
  const clears = classes
    .filter((c) => ladder.clearsIaaft[c] !== undefined)
    .map((c) => `${CLASS_LABEL[c]}: ${ladder.clearsIaaft[c] ? 'below it' : 'not below it'}`)
    .join('; ');
  return `<table class="perclass ladder">
<thead><tr><th>known fake, made from the real training windows</th>${classes.map((c) => `<th>${esc(CLASS_LABEL[c])}</th>`).join('')}<th>what it keeps and breaks</th></tr></thead>
<tbody>
${[...rungs, ...mine].join('\n')}
</tbody>
</table>
<p class="headline">The IAAFT rung is the first bar: the headline against it — ${esc(clears || 'not measured')}.</p>`;
}

/** The section of the window report: what the ladder is, its table and its plot. */
export function ladderSectionHtml(ladder: CalibrationLadder, figureHtml: string): string {
  return `<section id="ladder">
<h2>Calibration ladder</h2>
<p>How hard is this generator to tell from real, against fakes of known quality? Each rung is made from the real training windows, window by window, and scored against the held-out real windows by the tree critic in the same protocol as the generator. A generator that scores at or above the IAAFT rung — a copy of its own training windows with the values and spectrum kept and the phases scrambled — has not learnt the signal’s shape; the discriminative score is graded poor there. Definitions: docs/metrics.md, “Calibration ladder”.</p>
${ladderTableHtml(ladder)}
${figureHtml}
</section>`;
}

/** The features that give the synthetic windows away, one table per class. */
export function giveawayTablesHtml(result: GiveawayResult): string {
  return CLASSES.filter((c) => result.perClass[c]?.length)
    .map((c) => {
      const rows = result.perClass[c] as readonly Giveaway[];
      const gain = rows.some((r) => r.treeGain !== undefined);
      const body = rows
        .map(
          (r) =>
            `<tr><th scope="row"><code>${esc(r.feature)}</code></th><td class="meaning">${esc(r.description)}</td><td class="num">${fmt(r.auroc, 3)}</td><td class="num">${fmt(r.floorAuroc, 3)}</td><td class="num">${quartiles(r.real)}</td><td class="num">${quartiles(r.synthetic)}</td>${gain ? `<td class="num">${r.treeGain === undefined ? '—' : fmt(100 * r.treeGain, 1)}</td>` : ''}</tr>`,
        )
        .join('\n');
      return `<h3>${esc(CLASS_LABEL[c])}</h3>
<table class="perclass giveaway">
<thead><tr><th>feature</th><th>what it measures</th><th>AUROC, synthetic vs held-out</th><th>AUROC, real training vs held-out</th><th>held-out real: median [IQR]</th><th>synthetic: median [IQR]</th>${gain ? '<th>tree critic’s gain, %</th>' : ''}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
    })
    .join('\n');
}

/** The section of the window report: the tables and the plot. */
export function giveawaySectionHtml(result: GiveawayResult, figureHtml: string): string {
  return `<section id="giveaway">
<h2>What gives it away</h2>
<p>Each of the tree critic’s ${result.features} window features alone, as a classifier of synthetic against held-out real windows: the features whose AUROC lies farthest from 0.5, per class (above 0.5: the synthetic windows run higher). Beside it, the same AUROC between the real training and held-out windows: a feature real recordings already differ by is no tell. The last column is the share of the tree critic’s split gain (all windows). Definitions: docs/metrics.md, “What gives it away”.</p>
${figureHtml}
${giveawayTablesHtml(result)}
</section>`;
}

function quartiles(q: readonly [number, number, number]): string {
  const digits = Math.max(...q.map(Math.abs)) >= 100 ? 1 : 3;
  return `${fmt(q[1], digits)} <span class="ci">[${fmt(q[0], digits)}, ${fmt(q[2], digits)}]</span>`;
}
