import { describe, expect, test } from 'vitest';
import type { EvaluationMetrics, MetricCell, MetricRow, Verdict } from '../result-types.js';
import { drawsSectionHtml } from './draws-html.js';
import { summariseDraws } from './draws.js';

/** Just the parts of a draw's metrics that summariseDraws reads. */
function draw(
  disc: { all: number; ictal: number | null },
  tstr: number | null,
  verdict: Verdict,
  latencyMet: boolean | null,
): EvaluationMetrics {
  const cell = (value: number | null, floor: number, v: Verdict): MetricCell => ({ value, floor, verdict: v });
  const rows: MetricRow[] = [
    {
      id: 'discriminative',
      label: 'Discriminative score (worse critic)',
      unit: '',
      digits: 3,
      meaning: '',
      graded: true,
      perClass: {
        all: cell(disc.all, 0.05, disc.all <= 0.1 ? 'good' : 'fair'),
        ...(disc.ictal === null ? {} : { ictal: cell(disc.ictal, 0.05, disc.ictal <= 0.1 ? 'good' : 'fair') }),
      },
    },
    {
      id: 'tstr',
      label: 'TSTR',
      unit: 'AUROC',
      digits: 3,
      meaning: '',
      graded: true,
      perClass: { all: cell(tstr, 0.78, tstr === null ? 'n/a' : 'good') },
    },
  ];
  const events = {
    targets: [{ id: 'latency', label: 'alarm latency W1', value: 20, digits: 1, target: '≤ 21', met: latencyMet }],
  };
  return { rows, verdict, events } as unknown as EvaluationMetrics;
}

describe('summariseDraws', () => {
  const summary = summariseDraws([
    { seed: 4, metrics: draw({ all: 0.08, ictal: 0.12 }, 0.77, 'good', true) },
    { seed: 5, metrics: draw({ all: 0.12, ictal: 0.09 }, null, 'fair', false) },
    { seed: 6, metrics: draw({ all: 0.1, ictal: 0.2 }, 0.75, 'fair', null) },
  ]);
  const find = (id: string, cls = 'all') => summary.figures.find((f) => f.id === id && f.cls === cls);

  test('keeps each draw’s seed and verdict in order', () => {
    expect(summary.seeds).toEqual([4, 5, 6]);
    expect(summary.verdicts).toEqual(['good', 'fair', 'fair']);
  });

  test('gives every cell its values per draw, mean, range and how often it was good', () => {
    const all = find('discriminative');
    expect(all?.values).toEqual([0.08, 0.12, 0.1]);
    expect(all?.mean).toBeCloseTo(0.1, 12);
    expect([all?.min, all?.max]).toEqual([0.08, 0.12]);
    expect([all?.good, all?.graded]).toEqual([2, 3]);
    const ictal = find('discriminative', 'ictal');
    expect(ictal?.values).toEqual([0.12, 0.09, 0.2]);
    expect([ictal?.good, ictal?.graded]).toEqual([1, 3]);
  });

  test('leaves a draw without a value out of the mean and an n/a verdict out of the count', () => {
    const tstr = find('tstr');
    expect(tstr?.values).toEqual([0.77, null, 0.75]);
    expect(tstr?.mean).toBeCloseTo(0.76, 12);
    expect([tstr?.good, tstr?.graded]).toEqual([2, 2]);
  });

  test('counts a whole-event target as good where it was met', () => {
    const latency = find('events:latency');
    expect(latency?.values).toEqual([20, 20, 20]);
    expect([latency?.good, latency?.graded]).toEqual([1, 2]);
  });

  test('refuses an empty list', () => {
    expect(() => summariseDraws([])).toThrow(/no draws/);
  });

  test('marks the rows that do not enter the overall verdict', () => {
    expect(find('discriminative')?.informational).toBe(false);
    expect(find('events:latency')?.informational).toBe(false);
    const informational = summariseDraws([
      {
        seed: 1,
        metrics: {
          ...draw({ all: 0.1, ictal: null }, 0.7, 'fair', null),
          rows: [{ ...draw({ all: 0.1, ictal: null }, 0.7, 'fair', null).rows[0]!, id: 'critic_cnn', graded: false }],
        } as EvaluationMetrics,
      },
    ]);
    expect(informational.figures[0]).toMatchObject({ id: 'critic_cnn', informational: true });
    expect(drawsSectionHtml(informational)).toContain('<tr class="info"><th scope="row">');
  });

  test('renders a section with a column per seed', () => {
    const html = drawsSectionHtml(summary);
    expect(html).toContain('id="draws"');
    expect(html).toContain('<th>seed 4</th><th>seed 5</th><th>seed 6</th>');
    expect(html).toContain('<td class="num">2 of 3</td>');
    expect(html).toContain('0.080–0.120');
  });

  test("carries each calibration rung's score per draw as an ungraded yardstick", () => {
    const withLadder = (iaaft: number, ictal: number) =>
      ({
        ...draw({ all: 0.1, ictal: 0.1 }, 0.7, 'fair', null),
        ladder: {
          rungs: [
            { id: 'iaaft', label: 'IAAFT surrogates', perClass: { all: { score: iaaft }, ictal: { score: ictal } } },
          ],
        },
      }) as unknown as EvaluationMetrics;
    const summary = summariseDraws([
      { seed: 1, metrics: withLadder(0.2, 0.25) },
      { seed: 2, metrics: withLadder(0.3, 0.15) },
    ]);
    const rung = summary.figures.filter((f) => f.id === 'ladder:iaaft');
    expect(rung.map((f) => f.cls)).toEqual(['all', 'ictal']);
    expect(rung[0]).toMatchObject({ values: [0.2, 0.3], min: 0.2, max: 0.3, informational: true, graded: 0, good: 0 });
    expect(rung[0]?.mean).toBeCloseTo(0.25, 12);
    expect(rung[1]?.values).toEqual([0.25, 0.15]);
  });
});
