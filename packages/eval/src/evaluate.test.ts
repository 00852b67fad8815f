import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { evaluate } from './evaluate.js';
import { evaluateWindows } from './compute.js';
import { OVERALL_TEXT } from './report/verdict.js';
import { noiseWindows, toyRecordings } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quick = { folds: 2, seeds: 1, cnn: { epochs: 2 } } as const;

describe('evaluate', () => {
  test('writes a self-contained report and metrics.json, refuses to overwrite without force', async () => {
    const real = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1 });
    const synthetic = toyRecordings({ events: 12, windowsPerEvent: 9, seed: 2, prefix: 's', ictalAmplitude: 350 });
    const losses = join(dir, 'metrics.csv');
    writeFileSync(losses, 'step,d_loss,g_loss\n0,1.3,0.7\n50,1.1,0.9\n100,1.0,1.0\n');
    const outDir = join(dir, 'report');
    const stages: string[] = [];
    const r = await evaluate({
      real,
      synthetic,
      outDir,
      seed: 3,
      lossesCsv: losses,
      ...quick,
      onProgress: (s, f) => f === undefined && stages.push(s),
    });
    expect(stages).toContain('discriminative score: synthetic vs real');
    expect(stages).toContain('plots');
    const html = readFileSync(r.reportPath, 'utf8');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<svg/g)?.length).toBe(r.figures.length);
    expect(r.figures).toEqual([
      'windows',
      'psd',
      'hist-values',
      'hist-std',
      'hist-osd',
      'autocorr',
      'embedding',
      'nn-pairs',
      'ladder',
      'giveaway',
      'losses',
    ]);
    for (const id of r.figures) expect(existsSync(join(outDir, 'plots', `${id}.svg`))).toBe(true);
    const metrics = JSON.parse(readFileSync(r.metricsPath, 'utf8'));
    expect(metrics.format).toBe('accelgan-evaluation');
    expect(metrics.roles.how).toMatch(/no training set given/);
    expect(metrics.rows.map((row: { id: string }) => row.id)).toContain('discriminative');
    // The report states the verdict metrics.json holds (what each inputs must give: the test below).
    expect(['good', 'fair', 'poor']).toContain(metrics.verdict);
    expect(html).toContain(OVERALL_TEXT[metrics.verdict as keyof typeof OVERALL_TEXT]);
    expect(metrics.discriminative.synthetic.critics.cnn).toBeDefined();

    await expect(evaluate({ real, synthetic, outDir, ...quick })).rejects.toThrow(/already holds a report.*--force/);
    const psd = metrics.rows.find((row: { id: string }) => row.id === 'psdDb').perClass.all;
    const psdSpread = metrics.distances.floorSpread.all.psdDb;
    expect(psdSpread.n).toBe(20);
    expect(psd.floorSpread).toEqual([psdSpread.q25, psdSpread.q75]);
    expect(psd.withinSpread).toBe(psd.value <= psdSpread.q75);
    expect(html).toContain('spread ');
    // The data-copying test sits beside the near-copy rate, in metrics.json and in the table.
    const copying = metrics.memorisation.dataCopying;
    expect(copying.cellsUsed).toBeGreaterThan(0);
    expect(Number.isFinite(copying.statistic)).toBe(true);
    expect(metrics.rows.find((row: { id: string }) => row.id === 'dataCopying').perClass.all.value).toBe(
      copying.statistic,
    );
    expect(html).toContain('data-copying test');
    // Conditional agreement shows the training windows' own, out of fold, beside the held-out floor.
    const agreement = metrics.rows.find((row: { id: string }) => row.id === 'conditionalAgreement').perClass;
    for (const cls of ['ictal', 'nonIctal'] as const) {
      expect(agreement[cls].floor).toBe(metrics.usefulness.agreement.heldOut[cls]);
      expect(agreement[cls].reference).toEqual({
        label: 'training windows, out of fold',
        value: metrics.usefulness.agreement.training[cls],
      });
      expect(metrics.usefulness.agreement.training[cls]).toBeGreaterThanOrEqual(0);
    }
    expect(html).toContain('training windows, out of fold');
    // TSTR shows the resampled training windows' beside TRTR, and the near-copy rate the training windows' own.
    const tstr = metrics.rows.find((row: { id: string }) => row.id === 'tstr').perClass.all;
    expect(tstr.floor).toBe(metrics.usefulness.trtr);
    expect(tstr.reference).toEqual({
      label: 'training windows, resampled',
      value: metrics.usefulness.tstrResampled.mean,
    });
    const near = metrics.rows.find((row: { id: string }) => row.id === 'nearCopies').perClass;
    for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
      expect(near[cls].reference).toEqual({
        label: 'training windows, against other recordings',
        value: metrics.memorisation.perClass[cls].training.nearCopyRate,
      });
    }
    expect(html).toContain('training windows, resampled');
    expect(html).toContain('training windows, against other recordings');

    const again = await evaluate({
      real,
      synthetic,
      outDir,
      force: true,
      seed: 3,
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    expect(again.metrics.options.critics).toEqual(['features']);
  });

  test('the verdict: good for another sample of the real process, poor for noise and for constant windows', async () => {
    // Enough windows that the near-copy threshold (the 1st percentile of the held-out
    // windows' distances) is not one or two windows' distance.
    const train = toyRecordings({ events: 100, windowsPerEvent: 4, seed: 1, prefix: 't' });
    const real = toyRecordings({ events: 50, windowsPerEvent: 4, seed: 21, prefix: 'r' });
    const sample = toyRecordings({ events: 50, windowsPerEvent: 4, seed: 11, prefix: 's' });
    const verdictOf = async (synthetic: typeof sample) =>
      (await evaluateWindows({ train, real, synthetic }, { critics: ['features'], folds: 2, seeds: 1, seed: 3 }))
        .metrics;
    const same = await verdictOf(sample);
    expect(same.verdict).toBe('good');
    expect(same.rows.find((row) => row.id === 'discriminative')?.perClass.all?.verdict).toBe('good');
    // The same labels and events, with windows no watch would record.
    const noise = await verdictOf({ ...sample, values: noiseWindows(200, { seed: 4 }).values });
    const constant = await verdictOf({ ...sample, values: new Float32Array(200 * 125).fill(1000) });
    for (const broken of [noise, constant]) {
      expect(broken.verdict).toBe('poor');
      expect(broken.rows.find((row) => row.id === 'discriminative')?.perClass.all?.verdict).toBe('poor');
    }
  });

  test('the same seed gives the same numbers', async () => {
    const real = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 4 });
    const synthetic = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 5, prefix: 's' });
    const run = async (name: string) =>
      (await evaluate({ real, synthetic, outDir: join(dir, name), seed: 7, ...quick })).metrics;
    const a = await run('a');
    const b = await run('b');
    expect(b.rows).toEqual(a.rows);
    expect(b.discriminative).toEqual(a.discriminative);
  });

  test('long windows get a spectrogram; a known training set is used as such', async () => {
    const train = toyRecordings({ events: 8, windowsPerEvent: 6, seed: 6, length: 250 });
    const real = toyRecordings({ events: 6, windowsPerEvent: 6, seed: 7, length: 250, prefix: 'r' });
    const synthetic = toyRecordings({ events: 8, windowsPerEvent: 6, seed: 8, length: 250, prefix: 's' });
    const r = await evaluate({
      real,
      synthetic,
      train,
      outDir: join(dir, 'long'),
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    expect(r.figures).toContain('spectrogram');
    expect(r.metrics.roles.how).toMatch(/training windows given/);
    expect(r.metrics.roles.realTrain.windows).toBe(48);
    expect(r.metrics.distances.floorSpread).toBeDefined();
    expect(r.metrics.notes.join(' ')).not.toMatch(/one recording/);
  });

  test('says so, rather than leaving it out silently, when the real windows hold too few recordings for a spread', async () => {
    const oneRecording = (set: ReturnType<typeof toyRecordings>) => ({
      ...set,
      eventId: set.eventId!.map(() => 'only'),
      groupId: undefined,
    });
    const train = oneRecording(toyRecordings({ events: 6, windowsPerEvent: 6, seed: 9 }));
    const real = oneRecording(toyRecordings({ events: 4, windowsPerEvent: 6, seed: 10, prefix: 'r' }));
    const synthetic = toyRecordings({ events: 6, windowsPerEvent: 6, seed: 11, prefix: 's' });
    const r = await evaluate({
      real,
      synthetic,
      train,
      outDir: join(dir, 'one-recording'),
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    expect(r.metrics.distances.floorSpread).toBeUndefined();
    expect(r.metrics.notes).toContain(
      'The real windows come from one recording, so there is no real-vs-real spread to re-split: each distance has only its floor.',
    );
  });

  test('unlabelled synthetic windows are compared overall only; usefulness is not scored', async () => {
    const real = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 9 });
    const labelled = toyRecordings({ events: 8, windowsPerEvent: 9, seed: 10, prefix: 's' });
    const { metrics } = await evaluateWindows(
      { real, synthetic: { samplesPerWindow: 125, values: labelled.values } },
      { critics: ['features'], folds: 2, seeds: 1 },
    );
    const psd = metrics.rows.find((r) => r.id === 'psdDb');
    expect(psd?.perClass.all?.value).toBeGreaterThanOrEqual(0);
    expect(psd?.perClass.ictal).toBeUndefined();
    expect(metrics.usefulness.tstr).toBeNull();
    expect(metrics.notes.join(' ')).toMatch(/synthetic windows do not have both classes/);
  });

  test('windows of different lengths are a user error', async () => {
    const a = toyRecordings({ events: 4, windowsPerEvent: 4, seed: 1 });
    const b = toyRecordings({ events: 4, windowsPerEvent: 4, seed: 2, length: 250 });
    await expect(evaluate({ real: a, synthetic: b, outDir: join(dir, 'bad') })).rejects.toMatchObject({
      name: 'AccelganError',
    });
  });
});
