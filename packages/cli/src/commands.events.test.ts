import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWindows } from '@accelgan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, run } from './test-helpers.js';

describe('whole events: train --condition phase → generate --events → ingest, report, evaluate', () => {
  let dir = '';
  let phaseRun = '';
  let ictalRun = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-events-'));
    phaseRun = join(dir, 'phase');
    ictalRun = join(dir, 'ictal');
    expect((await run('simulate', '--out', join(dir, 'sim.json'), '--events', '12', '--seed', '2')).code).toBe(0);
    const trained = await run(
      'train',
      join(dir, 'sim.json'),
      '--out',
      phaseRun,
      '--condition',
      'phase',
      '--arch',
      'bench',
      '--steps',
      '3',
      '--batch',
      '16',
    );
    expect(trained.code).toBe(0);
    expect(
      (await run('train', join(dir, 'sim.json'), '--out', ictalRun, '--arch', 'bench', '--steps', '1', '--batch', '8'))
        .code,
    ).toBe(0);
    expect((await run('generate', ictalRun, '-n', '20', '--out', join(dir, 'windows.csv'))).code).toBe(0);
  });

  it('conditions on the five phases', async () => {
    const config = JSON.parse(await readFile(join(phaseRun, 'config.json'), 'utf8'));
    expect(config.classNames).toEqual(['non-ictal', 'ictal-early', 'ictal-mid', 'ictal-late', 'post-ictal']);
  });

  it('writes events that re-ingest cleanly, the same for the same seed', async () => {
    const out = join(dir, 'events.json');
    const first = await run(
      'generate',
      phaseRun,
      '--events',
      '4',
      '--duration',
      '60',
      '--subtype',
      'tonic-clonic',
      '--out',
      out,
      '--seed',
      '5',
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/generated 4 events of 60–60 s \(48 datapoints, 4 with a seizure\)/);
    const bytes = await readFile(out, 'utf8');
    const again = await run(
      'generate',
      phaseRun,
      '--events',
      '4',
      '--duration',
      '60',
      '--subtype',
      'tonic-clonic',
      '--out',
      out,
      '--seed',
      '5',
      '--force',
    );
    expect(again.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(bytes);
    const events = JSON.parse(bytes) as {
      subType: string;
      seizureTimes: number[];
      datapoints: { rawData: number[] }[];
    }[];
    expect(events.map((e) => e.subType)).toEqual(['Tonic-Clonic', 'Tonic-Clonic', 'Tonic-Clonic', 'Tonic-Clonic']);
    expect(
      events.every(
        (e) =>
          e.datapoints.length === 12 &&
          e.datapoints.every((p) => p.rawData.length === 125 && p.rawData.every(Number.isInteger)),
      ),
    ).toBe(true);
    const ingested = await run('ingest', out, '--out', join(dir, 'events.arrow'));
    expect(ingested.code).toBe(0);
    expect(ingested.stderr).toMatch(/windows: +48 of 5 s from 4 events/);
    expect(ingested.stderr).toMatch(/skipped: +nothing/);
    const { windows } = await loadWindows([out]);
    expect(windows.ictal.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('writes the flattened CSV and Arrow too', async () => {
    for (const ext of ['csv', 'arrow']) {
      const out = join(dir, `events.${ext}`);
      expect((await run('generate', phaseRun, '--events', '2', '--out', out, '--seed', '1', '--force')).code).toBe(0);
      const { windows } = await loadWindows([out]);
      expect(windows.startTime.every(Number.isFinite)).toBe(true);
    }
  });

  it('adds whole events to the report of a phase run, and evaluate --events compares an events file', async () => {
    const report = await run('report', phaseRun, '-n', '200', '--events', '6', '--out', join(dir, 'report'));
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/whole events \(6 synthetic, \d+ held-out real\): discriminative score 30 s 0\.\d+/);
    const html = await readFile(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<section id="events">');
    expect(html).toContain('id="fig-event-traces"');
    const metrics = JSON.parse(await readFile(join(dir, 'report', 'metrics.json'), 'utf8'));
    expect(metrics.events.targets.map((t: { id: string }) => t.id)).toEqual([
      'window30s',
      'duration',
      'latency',
      'window5s',
    ]);
    await run('generate', phaseRun, '--events', '6', '--out', join(dir, 'eval-events.json'), '--seed', '2');
    const evaluated = await run(
      'evaluate',
      '--real',
      join(dir, 'sim.json'),
      '--synthetic',
      join(dir, 'eval-events.json'),
      '--events',
      '--out',
      join(dir, 'eval'),
      '--folds',
      '2',
      '--seeds',
      '1',
    );
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/whole events \(6 synthetic/);
  });

  it.each([
    [
      ['generate', 'ICTAL', '--events', '2', '--out', 'OUT/x.json'],
      1,
      /whole events need a run trained with --condition phase; .*ictal was trained with --condition ictal/,
    ],
    [
      ['generate', 'PHASE', '--events', '2', '--subtype', 'Myoclonic', '--out', 'OUT/x.json'],
      1,
      /unknown subtype "Myoclonic": the training events have /,
    ],
    [
      ['generate', 'PHASE', '--events', '2', '--duration', '62', '--out', 'OUT/x.json'],
      2,
      /--duration must be a multiple of 5 seconds from 10 to 3,600; got 62/,
    ],
    [['generate', 'PHASE', '--events', '0', '--out', 'OUT/x.json'], 2, /--events must be an integer from 1 to 10,000/],
    [
      ['generate', 'PHASE', '--events', '2', '--rho', '1', '--out', 'OUT/x.json'],
      2,
      /--rho must be at least 0 and below 1/,
    ],
    [
      ['generate', 'PHASE', '--events', '2', '--seam-taper', '51', '--out', 'OUT/x.json'],
      1,
      /--seam-taper must be a whole number of samples from 1 to 50 with bridge seams, got 51/,
    ],
    [
      ['generate', 'PHASE', '--events', '2', '--duration', '30', '--onset', '40', '--out', 'OUT/x.json'],
      1,
      /--onset 40 s is not inside a 30 s event/,
    ],
    [['generate', 'PHASE', '--events', '2', '-n', '5', '--out', 'OUT/x.json'], 2, /mutually exclusive|conflict/i],
    [
      ['generate', 'PHASE', '-n', '5', '--duration', '60', '--out', 'OUT/x.json'],
      2,
      /--duration applies to whole events only; add --events N/,
    ],
    [['generate', 'PHASE', '--out', 'OUT/x.json'], 2, /Name how many: -n N windows, or --events N whole events/],
    [['generate', 'PHASE', '--events', '2', '--out', 'OUT/sim.json'], 1, /sim\.json exists; use --force/],
  ])('fails in one line: %j', async (argv, code, message) => {
    const args = argv.map((a) => a.replace('PHASE', phaseRun).replace('ICTAL', ictalRun).replace('OUT', dir));
    const result = await run(...args);
    expect(result.code).toBe(code);
    expectOneLine(result.stderr, message);
  });

  it('refuses to evaluate separate windows as whole events: one error line after the stage it reached', async () => {
    const { code, stderr } = await run(
      'evaluate',
      '--real',
      join(dir, 'sim.json'),
      '--synthetic',
      join(dir, 'windows.csv'),
      '--events',
      '--out',
      join(dir, 'e2'),
    );
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('accelgan:'))).toEqual([lines.at(-1)]);
    expect(lines.at(-1)).toMatch(
      /^accelgan: event evaluation needs whole synthetic events with times \(accelgan generate RUN --events N\)/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
