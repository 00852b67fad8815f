import type { DrawsSummary } from '../result-types.js';
import { CLASS_LABEL, esc, fmt } from './html-text.js';

/**
 * The "Generation draws" section: every figure of the report for each draw of the same
 * generator, with the mean, the range and on how many draws it was good, so that a line
 * the first draw passes or misses by a hair can be told from one the generator holds.
 */
export function drawsSectionHtml(draws: DrawsSummary): string {
  const seeds = draws.seeds.map((s) => `<th>seed ${s}</th>`).join('');
  const verdicts = draws.verdicts.map((v) => `<td>${esc(v)}</td>`).join('');
  const body = draws.figures
    .map((f) => {
      const values = f.values.map((v) => `<td class="num">${fmt(v, f.digits)}</td>`).join('');
      const good = f.graded ? `${f.good} of ${f.graded}` : '—';
      return `<tr class="${f.informational ? 'info' : ''}"><th scope="row">${esc(f.label)}</th><td>${esc(CLASS_LABEL[f.cls])}</td>${values}<td class="num">${fmt(f.mean, f.digits)}</td><td class="num">${fmt(f.min, f.digits)}–${fmt(f.max, f.digits)}</td><td class="num">${good}</td></tr>`;
    })
    .join('\n');
  return `<section id="draws">
<h2>Generation draws</h2>
<p>The same generator sampled ${draws.seeds.length} times, each draw scored as <code>accelgan report --seed K</code> scores it (the critics' seeds move with it; the real windows and the detector's choice do not). The rest of this report is the first draw. “Good on” counts the draws graded good (for whole-event targets: met).</p>
<table class="summary">
<thead><tr><th>metric</th><th>class</th>${seeds}<th>mean</th><th>range</th><th>good on</th></tr></thead>
<tbody>
<tr class="info"><th scope="row">Overall verdict</th><td></td>${verdicts}<td></td><td></td><td></td></tr>
${body}
</tbody>
</table>
</section>`;
}
