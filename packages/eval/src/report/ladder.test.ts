import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { simulateEvents, writeOsdbJson } from '@accelgan/data';
import { evaluate } from '../evaluate.js';
import { RUNGS } from '../ladder/surrogates.js';
import { RICH_FEATURE_NAMES } from '../metrics/rich-features.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-ladder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report on simulated recordings', () => {
  test('shows the calibration ladder and what gives the synthetic windows away, for windows and for whole events', async () => {
    // Real recordings, and "synthetic" ones from the simulator with another seed: whole events with times.
    const real = join(dir, 'real.json');
    const synthetic = join(dir, 'synthetic.json');
    await writeOsdbJson(real, simulateEvents({ events: 16, seed: 1 }));
    await writeOsdbJson(synthetic, simulateEvents({ events: 10, seed: 2 }));
    const outDir = join(dir, 'report');
    const r = await evaluate({
      real,
      synthetic,
      outDir,
      events: true,
      critics: ['trees'],
      folds: 2,
      seeds: 1,
      seed: 1,
    });
    const m = r.metrics;
    const ids = RUNGS.map((rung) => rung.id);
    // Windows: every rung, the generator placed beside them, and the IAAFT verdict per class.
    const ladder = m.ladder!;
    expect(ladder.rungs.map((rung) => rung.id)).toEqual(ids);
    const rung = (id: string) => ladder.rungs.find((x) => x.id === id)!;
    // The real rung is the floor itself, scored once.
    expect(rung('real').score).toBe(m.discriminative.floor.critics.trees?.score);
    // Simulated watches report whole milli-g, so noise off the grid is told apart at once.
    expect(rung('gaussian').score).toBeGreaterThan(rung('real').score + 0.3);
    expect(rung('jitter').score).toBeGreaterThan(rung('real').score + 0.3);
    expect(ladder.synthetic.headline.all.score).toBe(m.discriminative.synthetic.score);
    expect(ladder.clearsIaaft.all).toBe(m.discriminative.synthetic.score < rung('iaaft').score);
    // What gives it away: ten features per class, most separating first, each with both sides' quartiles.
    const giveaway = m.giveaway!;
    for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
      const rows = giveaway.perClass[cls]!;
      expect(rows).toHaveLength(10);
      for (const row of rows) expect(RICH_FEATURE_NAMES).toContain(row.feature);
      const separation = rows.map((row) => Math.abs(row.auroc - 0.5));
      expect(separation).toEqual([...separation].sort((a, b) => b - a));
      expect(rows[0]!.real[0]).toBeLessThanOrEqual(rows[0]!.real[2]);
    }
    expect(giveaway.perClass.all[0]!.treeGain).toBeGreaterThanOrEqual(0);
    // Whole events: the same on 30 s and 5 s windows cut from them.
    const events = m.events!;
    for (const length of ['window30s', 'window5s'] as const) {
      expect(events.ladder![length].rungs.map((x) => x.id)).toEqual(ids);
      expect(events.ladder![length].synthetic.headline.all.score).toBe(events.discriminative[length].synthetic.score);
      expect(events.giveaway![length].perClass.all.length).toBe(10);
      expect(events.discriminative[length].synthetic.critics.trees).toBeDefined();
    }
    // The page shows it all, each section with its plot.
    const html = readFileSync(r.reportPath, 'utf8');
    for (const id of ['ladder', 'giveaway', 'event-ladder', 'event-giveaway']) {
      expect(r.figures).toContain(id);
      expect(existsSync(join(outDir, 'plots', `${id}.svg`))).toBe(true);
      expect(html).toContain(`id="fig-${id}"`);
    }
    expect(html.match(/<svg/g)?.length).toBe(r.figures.length);
    expect(html).toContain('<section id="ladder">');
    expect(html).toContain('<section id="giveaway">');
    expect(html).toContain('Calibration ladder, on windows cut from the events');
    expect(html).toContain('What gives the events away');
    expect(html).toContain('IAAFT surrogates');
    expect(html).toContain(`<code>${giveaway.perClass.all[0]!.feature}</code>`);
  });
});
