import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWindows } from '@accelgan/data';
import { DEFAULT_ARCHITECTURE, listArchitectures } from '@accelgan/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, run } from './test-helpers.js';

const L = 125;
const mean = (values: ArrayLike<number>) => Array.from(values).reduce((t, v) => t + v, 0) / values.length;
/** Samples of window i that are whole milli-g (to the 0.01 mg the data package counts a recording on the grid by). */
const wholeSamples = (values: Float32Array, i: number) =>
  values.subarray(i * L, (i + 1) * L).filter((v) => Math.abs(v - Math.round(v)) <= 0.01).length;

describe('accelgan models', () => {
  it('lists the registered architectures, the default first', async () => {
    const { code, stdout } = await run('models', '--json');
    expect(code).toBe(0);
    const names = JSON.parse(stdout).map((a: { name: string }) => a.name);
    expect(names).toEqual(listArchitectures().map((a) => a.name));
    expect(names[0]).toBe(DEFAULT_ARCHITECTURE);
  });
});

describe('accelgan info --backend', () => {
  it('names the backend auto picks here', async () => {
    const { code, stdout } = await run('info', '--backend');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^backend: +(node|wasm|cpu) \(what --backend auto uses here\)/);
  });
});

describe('train → generate → report on simulated recordings', () => {
  let dir = '';
  let runDir = '';
  // One run shared by the tests below (tempDir() would be removed after each test).
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-gan-'));
    runDir = join(dir, 'run');
    expect((await run('simulate', '--out', join(dir, 'sim.json'), '--events', '12', '--seed', '2')).code).toBe(0);
    const trained = await run(
      'train',
      join(dir, 'sim.json'),
      '--out',
      runDir,
      '--arch',
      'bench',
      '--steps',
      '4',
      '--batch',
      '16',
      '--log-every',
      '2',
    );
    expect(trained.stderr).toMatch(/done at step 4 .* on (wasm|cpu|node)/);
    expect(trained.stderr).toMatch(
      /discriminator's mean logit: [+−±]\d+\.\d\d on training windows, [+−±]\d+\.\d\d on held-out real, [+−±]\d+\.\d\d on generated/,
    );
    expect(trained.code).toBe(0);
  });

  it('records the resolved config, backend and versions beside the checkpoint', async () => {
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({ status: 'finished', step: 4, config: { arch: 'bench', batchSize: 16, steps: 4 } });
    expect(record.versions['@accelgan/train']).toMatch(/^\d+\.\d+\.\d+/);
    expect(record.dataset.sources[0]).toMatch(/sim\.json$/);
    const config = JSON.parse(await readFile(join(runDir, 'config.json'), 'utf8'));
    expect(config.classNames).toEqual(['non-ictal', 'ictal']);
  });

  it('generates CSV and OSDB JSON that parse back, in milli-g', async () => {
    const csv = await run('generate', runDir, '-n', '30', '--out', join(dir, 'syn.csv'), '--seed', '3');
    expect(csv.code).toBe(0);
    const json = await run('generate', runDir, '-n', '10', '--out', join(dir, 'syn.json'), '--label', 'ictal');
    expect(json.code).toBe(0);
    const windows = await loadWindows([join(dir, 'syn.csv')]);
    expect(windows.windows.eventId).toHaveLength(30);
    // Readings a watch could give, on the training data's scale: a vector magnitude (never
    // negative) within 0–20,000 mg, the mean within 15% of the training windows' (about
    // 1,000 mg at rest), and whole milli-g, as every simulated recording is.
    const { values } = windows.windows;
    expect(values.every((v) => v >= 0 && v <= 20_000)).toBe(true);
    const trainingMean = mean((await loadWindows([join(dir, 'sim.json')])).windows.values);
    expect(trainingMean).toBeGreaterThan(800);
    expect(trainingMean).toBeLessThan(1200);
    expect(Math.abs(mean(values) / trainingMean - 1)).toBeLessThan(0.15);
    expect(values.every(Number.isInteger)).toBe(true);
    // The CSV is the OSDB toolkit's flattened CSV; its labels are its events' types.
    const header = (await readFile(join(dir, 'syn.csv'), 'utf8')).split('\n', 1)[0]!;
    expect(
      header.startsWith('eventId,userId,typeStr,type,dataTime,osdAlarmState,osdSpecPower,osdRoiPower,hr,o2sat,M000,'),
    ).toBe(true);
    expect(header.endsWith(',Z124')).toBe(true);
    const info = await run('info', join(dir, 'syn.csv'));
    expect(info.stdout).toMatch(/labels: +event-level/);
    // Same seed, same file.
    expect((await run('generate', runDir, '-n', '30', '--out', join(dir, 'again.csv'), '--seed', '3')).code).toBe(0);
    expect(await readFile(join(dir, 'again.csv'), 'utf8')).toBe(await readFile(join(dir, 'syn.csv'), 'utf8'));
    const fromJson = await loadWindows([join(dir, 'syn.json')]);
    expect([...fromJson.windows.ictal]).toEqual(new Array(10).fill(1));
  });

  it('on recordings that mix whole milli-g and fractions, generates both kinds of window, each class in its training share', async () => {
    // The simulated recordings, every third event moved off the grid by a fraction in
    // [0.05, 0.95) mg per value (3 decimals, as OSDB JSON holds them): a recording that reports fractions.
    const events = JSON.parse(await readFile(join(dir, 'sim.json'), 'utf8'));
    const fraction = (e: number, k: number, t: number) =>
      Math.round((0.05 + 0.9 * (((e + k * L + t) * 0.618034) % 1)) * 1000) / 1000;
    let [wholePoints, allPoints] = [0, 0];
    events.forEach((event: { datapoints: { rawData: number[] }[] }, e: number) => {
      for (const [k, point] of event.datapoints.entries()) {
        if (e % 3 === 0) point.rawData = point.rawData.map((v, t) => v + fraction(e, k, t));
        else wholePoints += 1;
        allPoints += 1;
      }
    });
    await writeFile(join(dir, 'mixed.json'), JSON.stringify(events));
    const mixedRun = join(dir, 'mixed-run');
    const trained = await run('train', join(dir, 'mixed.json'), '--out', mixedRun, '--arch', 'bench', '--steps', '2');
    expect(trained.code).toBe(0);
    const generated = await run('generate', mixedRun, '-n', '400', '--out', join(dir, 'mixed.csv'), '--seed', '4');
    expect(generated.code).toBe(0);
    const { values, ictal } = (await loadWindows([join(dir, 'mixed.csv')])).windows;
    expect(values.every((v) => v >= 0 && v <= 20_000)).toBe(true);
    // Each window reports its values as one recording would: whole milli-g throughout, or
    // fractions throughout (a window with a fraction in every value, bar the odd one near a whole number).
    const whole = Array.from(ictal, (_, i) => wholeSamples(values, i));
    for (const n of whole) expect(n === L || n < 10, `${n} of ${L} values whole`).toBe(true);
    const onGrid = whole.map((n) => n === L);
    // Both kinds, in about the share of the data on the grid overall (a run-wide switch would
    // give all or none), and per class in the training share run.json records.
    const share = (rows: boolean[]) => rows.filter(Boolean).length / rows.length;
    expect(Math.abs(share(onGrid) - wholePoints / allPoints)).toBeLessThan(0.15);
    const record = JSON.parse(await readFile(join(mixedRun, 'run.json'), 'utf8'));
    expect(record.watchGrid.perRecording).toBe(true);
    for (const [name, label] of [
      ['non-ictal', 0],
      ['ictal', 1],
    ] as const) {
      const trainingShare = record.watchGrid.shareOnGrid[name];
      expect(trainingShare).toBeGreaterThan(0.2);
      expect(trainingShare).toBeLessThan(0.9);
      const ofClass = onGrid.filter((_, i) => ictal[i] === label);
      expect(ofClass.length).toBeGreaterThan(50);
      expect(Math.abs(share(ofClass) - trainingShare), name).toBeLessThan(0.15);
    }
  });

  it('takes training defaults from --set and records them', async () => {
    const out = join(dir, 'set');
    const trained = await run(
      'train',
      join(dir, 'sim.json'),
      '--out',
      out,
      '--arch',
      'bench',
      '--steps',
      '1',
      '--batch',
      '8',
      '--set',
      'learningRateG=3e-4',
      '--set',
      'emaDecay=0',
    );
    expect(trained.code).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ learningRateG: 3e-4, emaDecay: 0, learningRateD: 2e-4 });
  });

  it('resumes a run to a larger step budget', async () => {
    const resumed = await run('train', join(dir, 'sim.json'), '--out', runDir, '--resume', '--steps', '6');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/done at step 6/);
  });

  it('writes a report from the run against its validation events', async () => {
    const { code, stdout } = await run('report', runDir, '-n', '200');
    expect(code).toBe(0);
    expect(stdout).toMatch(/discriminative score 0\.\d+/);
    const html = await readFile(join(runDir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
  });

  it('scores several generation draws and prints their means and ranges', async () => {
    const { code, stdout } = await run(
      'report',
      runDir,
      '-n',
      '200',
      '--draws',
      '2',
      '--out',
      join(dir, 'report-draws'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /over 2 generation draws \(seeds 1–2\), mean \(range, good on how many\): discriminative score 0\.\d{3} \(0\.\d{3}–0\.\d{3}, good on \d of 2\)/,
    );
    const metrics = JSON.parse(await readFile(join(dir, 'report-draws', 'metrics.json'), 'utf8'));
    expect(metrics.draws.seeds).toEqual([1, 2]);
  });

  it.each([
    [['generate', '/nonexistent/run', '-n', '5', '--out', 'x.csv'], /no run directory at \/nonexistent\/run/],
    [['generate', 'RUN', '-n', '0', '--out', 'OUT/x.csv'], /-n must be an integer from 1 to 1,000,000,000; got 0/],
    [['generate', 'RUN', '-n', '-3', '--out', 'OUT/x.csv'], /-n must be an integer from 1 to 1,000,000,000; got -3/],
    [['generate', 'RUN', '-n', '5', '--label', 'tonic', '--out', 'OUT/x.csv'], /unknown label "tonic"/],
    [['generate', 'RUN', '-n', '5', '--out', 'OUT/x.xlsx'], /cannot tell the format/],
    [['report', 'RUN', '--draws', '0', '--out', 'OUT/rd'], /--draws must be an integer from 1 to 100; got 0/],
    [
      ['report', 'RUN', '--draws', 'many', '--out', 'OUT/rd'],
      /--draws must be an integer from 1 to 100; got something that is not a number/,
    ],
    [['train', 'OUT/none.json', '--out', 'OUT/r'], /none\.json/],
    [['train', 'OUT/sim.json', '--out', 'RUN'], /not empty; use --resume .* or --force/],
    [['train', 'OUT/sim.json', '--out', 'OUT/r2', '--arch', 'gpt'], /unknown architecture "gpt"/i],
    [['train', 'OUT/sim.json', '--out', 'OUT/r3', '--steps', '0'], /--steps must be a positive integer/],
    [
      ['train', 'OUT/sim.json', '--out', 'OUT/r4', '--set', 'learningRate=1'],
      /--set: unknown key "learningRate"; keys: batchSize/,
    ],
    [['train', 'OUT/sim.json', '--out', 'OUT/r5', '--set', 'emaDecay'], /--set expects KEY=VALUE, got "emaDecay"/],
    [
      ['train', 'OUT/sim.json', '--out', 'OUT/r6', '--set', 'emaDecay=high'],
      /--set emaDecay must be a number, got "high"/,
    ],
    [
      ['train', 'OUT/sim.json', '--out', 'OUT/r7', '--set', 'loss=wasserstein'],
      /loss must be hinge or bce, got wasserstein/,
    ],
  ])('fails in one line: %j', async (argv, message) => {
    const args = argv.map((a) => a.replace('RUN', runDir).replace('OUT', dir));
    const { code, stderr } = await run(...args);
    expect(code).not.toBe(0);
    expectOneLine(stderr, message);
  });

  it('reports a corrupt checkpoint in one line', async () => {
    const copy = join(dir, 'corrupt');
    await run('train', join(dir, 'sim.json'), '--out', copy, '--arch', 'bench', '--steps', '1', '--batch', '8');
    await writeFile(join(copy, 'checkpoint.bin'), 'ACGCKPT1garbage');
    const { code, stderr } = await run('generate', copy, '-n', '5', '--out', join(dir, 'c.csv'));
    expect(code).toBe(1);
    expectOneLine(stderr, /corrupt checkpoint/);
  });
});

describe('help', () => {
  it.each(['train', 'generate', 'models', 'report', 'evaluate', 'demo'])(
    '%s --help shows examples',
    async (command) => {
      const result = await run(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples:/);
    },
  );

  it("train --help names the model package's default architecture", async () => {
    // The CLI does not load the model package to print help, so the name is written there by hand.
    const { stdout } = await run('train', '--help');
    expect(stdout).toMatch(new RegExp(`default\\s+${DEFAULT_ARCHITECTURE}\\b`));
  });
});

describe('accelgan demo', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs every stage on simulated data and says where each file is; a second demo may replace the first', async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-demo-'));
    const out = join(dir, 'demo');
    const first = await run('demo', '--out', out, '--steps', '2', '--events', '10');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`3/5 training ${DEFAULT_ARCHITECTURE} for 2 steps`));
    expect(first.stderr).toMatch(/verdict: \w+/);
    // It ends on what the demo is not, and the command of a real run.
    expect(first.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^This demo trained 2 steps; a real run: accelgan train \S+ --out run --minutes \d+.* docs\/results\.md$/,
    );
    for (const file of [
      'recordings.json',
      'dataset.arrow',
      'run/checkpoint.bin',
      'synthetic.csv',
      'synthetic.json',
      'report/report.html',
      'report/metrics.json',
    ]) {
      await expect(readFile(join(out, file)), file).resolves.toBeTruthy();
    }
    const synthetic = await loadWindows([join(out, 'synthetic.csv')]);
    // Generated like a watch's readings: whole, non-negative milli-g.
    expect(synthetic.windows.values.every((v) => v >= 0 && Number.isInteger(v))).toBe(true);
    expect((await run('demo', '--out', out, '--steps', '1', '--events', '10')).code).toBe(0);
  });
});
