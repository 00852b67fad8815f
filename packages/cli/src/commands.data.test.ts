import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset } from '@accelgan/data';
import { describe, expect, it } from 'vitest';
import { expectOneLine, run, tempDir } from './test-helpers.js';

describe('accelgan simulate', () => {
  it('writes reproducible OSDB JSON and says what it wrote', async () => {
    const dir = await tempDir();
    const a = await run('simulate', '--out', join(dir, 'a.json'), '--events', '12', '--seed', '4');
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(
      /wrote .*a\.json: 12 simulated events \(\d+ seizures, \d+ other\) from [234] users, [\d,]+ datapoints/,
    );
    await run('simulate', '--out', join(dir, 'b.json'), '--events', '12', '--seed', '4');
    const [textA, textB] = await Promise.all([
      readFile(join(dir, 'a.json'), 'utf8'),
      readFile(join(dir, 'b.json'), 'utf8'),
    ]);
    expect(textA).toBe(textB);
    const events = JSON.parse(textA) as { type: string; datapoints: { rawData: number[] }[] }[];
    expect(events).toHaveLength(12);
    expect(events[0]!.datapoints[0]!.rawData).toHaveLength(125);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const dir = await tempDir();
    const out = join(dir, 'sim.json');
    await writeFile(out, 'precious');
    const refused = await run('simulate', '--out', out);
    expect(refused.code).toBe(1);
    expectOneLine(refused.stderr, /sim\.json exists; use --force to overwrite/);
    expect(await readFile(out, 'utf8')).toBe('precious');
    expect((await run('simulate', '--out', out, '--events', '2', '--force')).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveLength(2);
  });

  it('rejects a nonsense event count in one line', async () => {
    const result = await run('simulate', '--out', join(await tempDir(), 'x.json'), '--events', '0');
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /--events must be an integer from 1 to 10,000; got 0/);
  });
});

describe('accelgan ingest', () => {
  it('turns simulated OSDB JSON into a dataset and prints a summary', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '16', '--seed', '2');
    const result = await run(
      'ingest',
      join(dir, 'sim.json'),
      '--out',
      join(dir, 'data.arrow'),
      '--val-fraction',
      '0.25',
      '--seed',
      '3',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/windows: +[\d,]+ of 5 s from 16 events/);
    expect(result.stderr).toMatch(/class: +ictal [\d,]+ \(\d+\.\d%\), non-ictal/);
    expect(result.stderr).toMatch(/split: +train [\d,]+ windows \(12 events\), val [\d,]+ \(4 events\)/);
    expect(result.stderr).toMatch(/skipped: +nothing/);
    expect((await readdir(dir)).sort()).toEqual(['data.arrow', 'data.meta.json', 'sim.json']);
    const dataset = await readDataset(join(dir, 'data.arrow'));
    expect(dataset.meta.normalisation.method).toBe('minmax');
    expect(dataset.meta.split.valEvents).toHaveLength(4);
  });

  it('passes window length, filters and scaling through', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '16');
    const result = await run(
      'ingest',
      join(dir, 'sim.json'),
      '--out',
      join(dir, 'tc.arrow'),
      '--window-seconds',
      '10',
      '--types',
      'Seizure',
      '--subtypes',
      'Tonic-Clonic,Aura',
      '--scale',
      'zscore',
    );
    expect(result.code).toBe(0);
    const dataset = await readDataset(join(dir, 'tc.arrow'));
    expect(dataset.meta).toMatchObject({
      windowSeconds: 10,
      samplesPerWindow: 250,
      filters: { types: ['Seizure'], subTypes: ['Tonic-Clonic', 'Aura'], users: [] },
    });
    expect(dataset.meta.normalisation.method).toBe('zscore');
    expect(new Set(dataset.windows.subType)).toEqual(new Set(['Tonic-Clonic', 'Aura']));
    expect(result.stderr).toMatch(/event: filtered out by type/);
  });

  it('fails in one line, writing nothing, for a missing file', async () => {
    const dir = await tempDir();
    const result = await run('ingest', join(dir, 'missing.json'), '--out', join(dir, 'd.arrow'));
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /missing\.json: no such file/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails in one line, writing nothing, for truncated JSON', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '3');
    const text = await readFile(join(dir, 'sim.json'), 'utf8');
    await writeFile(join(dir, 'cut.json'), text.slice(0, Math.floor(text.length * 0.8)));
    const result = await run('ingest', join(dir, 'cut.json'), '--out', join(dir, 'd.arrow'));
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /cut\.json: (not valid JSON|JSON ends early)/);
    expect((await readdir(dir)).sort()).toEqual(['cut.json', 'sim.json']);
  });

  it('fails in one line when nothing is left after filtering', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '4');
    const result = await run('ingest', join(dir, 'sim.json'), '--out', join(dir, 'd.arrow'), '--users', 'nobody');
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /no windows left from .*sim\.json after filtering \(users seen: /);
    expect((await readdir(dir)).sort()).toEqual(['sim.json']);
  });

  it('rejects a window length that is not a multiple of 5', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '2');
    const result = await run('ingest', join(dir, 'sim.json'), '--out', join(dir, 'd.arrow'), '--window-seconds', '7');
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /--window-seconds must be a multiple of 5 seconds from 5 to 3,600; got 7/);
  });

  it('refuses to overwrite before reading anything, and needs an .arrow output', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'd.arrow'), 'old');
    const refused = await run('ingest', join(dir, 'not-read-yet.json'), '--out', join(dir, 'd.arrow'));
    expect(refused.code).toBe(1);
    expectOneLine(refused.stderr, /d\.arrow exists; use --force to overwrite/);
    const wrongName = await run('ingest', join(dir, 'x.json'), '--out', join(dir, 'd.json'));
    expectOneLine(wrongName.stderr, /--out must name an \.arrow file/);
  });

  it('exits 2 on an unknown flag or a missing argument, in one line', async () => {
    const unknown = await run('ingest', 'x.json', '--out', 'd.arrow', '--bogus');
    expect(unknown.code).toBe(2);
    expectOneLine(unknown.stderr, /Unknown argument: bogus/);
    const missing = await run('ingest', 'x.json');
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr, /Missing required argument: out/);
  });
});

describe('accelgan info', () => {
  it('describes a dataset: classes, split, subtypes, users, ranges in both units', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '16');
    await run('ingest', join(dir, 'sim.json'), '--out', join(dir, 'd.arrow'));
    const result = await run('info', join(dir, 'd.arrow'));
    expect(result.code).toBe(0);
    const dataset = await readDataset(join(dir, 'd.arrow'));
    const { counts } = dataset.meta;
    expect(result.stdout).toContain(
      `windows:   ${counts.windows.toLocaleString('en-US')} of 5 s (125 samples at 25 Hz) from 16 events`,
    );
    expect(result.stdout).toContain(`ictal ${counts.ictal.toLocaleString('en-US')} (`);
    expect(result.stdout).toMatch(/split: +train [\d,]+ \(\d+ events\), val [\d,]+ \(\d+ events\)/);
    expect(result.stdout).toMatch(/subtype: +.*Tonic-Clonic [\d,]+.*\(blank\) [\d,]+/);
    expect(result.stdout).toMatch(/user: +9\d{3} /);
    expect(result.stdout).toMatch(/milli-g: +min \d+\.\d, max \d+\.\d, mean 10\d\d\.\d/);
    expect(result.stdout).toMatch(/stored: +min -1\.000, max 1\.000, .*\(minmax: \(milli-g - /);
  });

  it('works on OSDB JSON and on a windows CSV', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '4');
    const json = await run('info', join(dir, 'sim.json'));
    expect(json.code).toBe(0);
    expect(json.stdout).toMatch(/file: +.*sim\.json \(osdb-json/);
    expect(json.stdout).toMatch(/milli-g, not normalised/);
    const header = [
      'eventId',
      'label',
      ...Array.from({ length: 125 }, (_, i) => `M${String(i).padStart(3, '0')}`),
    ].join(',');
    const row = (id: string, label: number) => [id, label, ...new Array(125).fill(1000 + label)].join(',');
    await writeFile(join(dir, 'gen.csv'), `${header}\n${row('g1', 1)}\n${row('g2', 0)}\n${row('g3', 0)}\n`);
    const csv = await run('info', join(dir, 'gen.csv'));
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/windows: +3 of 5 s/);
    expect(csv.stdout).toMatch(/ictal 1 \(33\.3%\), non-ictal 2 \(66\.7%\)/);
  });

  it('fails in one line for a file that is not a dataset', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.arrow'), 'not arrow');
    const result = await run('info', join(dir, 'bad.arrow'));
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /bad\.arrow: not an Arrow IPC file/);
  });
});

describe('help', () => {
  it.each(['simulate', 'ingest', 'info'])('%s --help shows examples', async (command) => {
    const result = await run(command, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:/);
  });
});
