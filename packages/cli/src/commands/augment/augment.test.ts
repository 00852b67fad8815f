import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWindows, osdbCsvHeader, simulateEvents, writeOsdbCsv, type OsdbEvent } from '@accelgan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, run } from '../../test-helpers.js';

/** Datapoints per simulated event here: small folds, so that the classic augmentation (274 windows per seizure window) stays small. */
const ROWS = 6;

/**
 * The toolkit's fold layout from the simulator: FOLD/trainData.csv and FOLD/testData.csv as
 * its flattened CSV, events split between them (2 seizure and 2 other events each), each
 * event cut to ROWS datapoints exactly 5 s apart.
 */
async function writeFold(dir: string): Promise<{ train: string; test: string }> {
  const events = simulateEvents({ events: 8, seed: 3 }).map(
    (event): OsdbEvent => ({
      ...event,
      datapoints: event.datapoints.slice(0, ROWS).map((point, j) => ({ ...point, time: event.time + 5000 * (j + 1) })),
    }),
  );
  const seizures = events.filter((e) => e.type === 'Seizure');
  const others = events.filter((e) => e.type !== 'Seizure');
  const train = join(dir, 'fold0', 'trainData.csv');
  const test = join(dir, 'fold0', 'testData.csv');
  await writeOsdbCsv(train, [seizures[0]!, others[0]!, seizures[1]!, others[1]!]);
  await writeOsdbCsv(test, [seizures[2]!, others[2]!, seizures[3]!]);
  return { train, test };
}

const lines = (text: string) => text.split('\n').slice(0, -1);
const cells = (line: string) => line.split(',');

describe('augment: a fold’s trainDataAugmented.csv for the OSDB toolkit', () => {
  let dir = '';
  let fold: { train: string; test: string };
  let trainText = '';
  let out = '';
  let trainedRun = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-augment-'));
    fold = await writeFold(dir);
    trainText = await readFile(fold.train, 'utf8');
    out = join(dir, 'fold0', 'trainDataAugmented.csv');
    trainedRun = join(dir, 'fold0', 'trainDataAugmented-run');
  });

  it('trains on the fold file alone, then writes its rows unchanged and as many synthetic seizure rows', async () => {
    // --steps shares the --minutes path: the same training, stopped by steps rather than time.
    const result = await run('augment', fold.train, '--out', out, '--steps', '2', '--arch', 'bench', '--seed', '4');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`the run is ${trainedRun}`);
    expect(result.stderr).toMatch(/step 2/);
    const text = await readFile(out, 'utf8');
    const real = lines(trainText);
    const written = lines(text);
    expect(written[0]).toBe(osdbCsvHeader());
    // The header and every real row, byte for byte and in order, first.
    expect(text.startsWith(trainText)).toBe(true);
    const realSeizure = real.slice(1).filter((line) => cells(line)[3] === '1').length;
    expect(realSeizure).toBe(2 * ROWS);
    const added = written.slice(real.length);
    expect(added).toHaveLength(realSeizure);
    for (const line of added) {
      const row = cells(line);
      expect(row).toHaveLength(510);
      expect(row[0]).toMatch(/^syn-[0-9a-f]{8}-\d{6}$/);
      expect(row[2]).toMatch(/^"Seizure\//);
      expect(row[3]).toBe('1');
    }
    // The run recorded the fingerprint of its training rows; the sidecar records what made the file.
    const record = JSON.parse(await readFile(join(trainedRun, 'run.json'), 'utf8'));
    const sidecar = JSON.parse(await readFile(`${out}.json`, 'utf8'));
    expect(record.dataset.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sidecar.fingerprint).toBe(record.dataset.fingerprint);
    expect(sidecar.rows).toEqual({ real: real.length - 1, realSeizure, synthetic: realSeizure, classic: 0 });
    expect(sidecar.config.arch).toBe('bench');
    expect(sidecar.versions['@accelgan/workflows']).toBeDefined();
    expect(sidecar.backend.name).toBeDefined();
  });

  it('with --minutes: trains by the clock into its own run, then writes the same layout', async () => {
    const timedOut = join(dir, 'fold0', 'timed.csv');
    const timedRun = join(dir, 'fold0', 'timed-run');
    const result = await run(
      'augment',
      fold.train,
      '--out',
      timedOut,
      '--run-out',
      timedRun,
      '--minutes',
      '0.01',
      '--arch',
      'bench',
    );
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(await readFile(join(timedRun, 'run.json'), 'utf8'));
    expect(record.config.minutes).toBe(0.01);
    expect(record.config.steps).toBeNull();
    const text = await readFile(timedOut, 'utf8');
    expect(text.startsWith(trainText)).toBe(true);
    const realSeizure = lines(trainText).filter((line) => cells(line)[3] === '1').length;
    const added = lines(text).slice(lines(trainText).length);
    expect(added).toHaveLength(realSeizure);
    expect(added.every((line) => /^syn-[0-9a-f]{8}-\d{6},/.test(line) && cells(line)[3] === '1')).toBe(true);
  });

  it('with --run and --classic: R × the seizure rows, then the toolkit’s noise and phase augmentation, re-ingesting row for row', async () => {
    const classicOut = join(dir, 'fold0', 'classic.csv');
    const result = await run(
      'augment',
      fold.train,
      '--out',
      classicOut,
      '--run',
      trainedRun,
      '--ratio',
      '1.5',
      '--classic',
    );
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(classicOut, 'utf8');
    expect(text.startsWith(trainText)).toBe(true);
    const real = lines(trainText).length - 1;
    const added = lines(text).slice(real + 1);
    const synthetic = added.filter((line) => line.startsWith('syn-'));
    expect(synthetic).toHaveLength(1.5 * 2 * ROWS);
    // Per seizure event of n rows, as augmentData with 10 noise copies and phase step 5:
    // 10 noisy copies (10n rows), 24 phase events (n − 1 rows each) and 10 noisy copies of each.
    const classic = added.slice(synthetic.length);
    expect(classic).toHaveLength(2 * (10 * ROWS + 24 * (ROWS - 1) * 11));
    const ids = new Map<string, number>();
    for (const line of classic) ids.set(cells(line)[0]!, (ids.get(cells(line)[0]!) ?? 0) + 1);
    expect(ids.size).toBe(2 * (10 + 24 + 24 * 10));
    const source = cells(lines(trainText)[1]!)[0]!;
    expect(ids.get(`${source}-10`)).toBe(ROWS);
    expect(ids.get(`${source}-phase24`)).toBe(ROWS - 1);
    expect(ids.get(`${source}-phase1-3`)).toBe(ROWS - 1);
    expect(classic.every((line) => cells(line)[3] === '1')).toBe(true);

    // accelgan ingest reads it back: one window per row, its samples and its label (type 1 ↔ ictal).
    const arrow = join(dir, 'reingested.arrow');
    const ingested = await run('ingest', classicOut, '--out', arrow, '--scale', 'none');
    expect(ingested.code, ingested.stderr).toBe(0);
    const { windows } = await loadWindows([arrow]);
    const rows = lines(text).slice(1);
    expect(windows.eventId).toHaveLength(rows.length);
    const byKey = new Map<string, number>();
    windows.eventId.forEach((id, i) => byKey.set(`${id} ${windows.startTime[i]! + 5000}`, i));
    for (const line of rows) {
      const row = cells(line);
      const time = Date.parse(/Z$/.test(row[4]!) ? row[4]! : `${row[4]}Z`);
      const i = byKey.get(`${row[0]} ${time}`);
      expect(i, `${row[0]} ${row[4]}`).toBeDefined();
      expect(windows.ictal[i!]).toBe(row[3] === '1' ? 1 : 0);
      const values = Array.from(windows.values.subarray(i! * 125, i! * 125 + 125));
      expect(values).toEqual(row.slice(10, 135).map((v) => Math.fround(Number(v))));
    }
  });

  it('refuses a run trained on another file, in one line, writing nothing', async () => {
    const other = join(dir, 'other-run');
    const trained = await run('train', fold.test, '--out', other, '--arch', 'bench', '--steps', '1', '--batch', '8');
    expect(trained.code, trained.stderr).toBe(0);
    const target = join(dir, 'fold0', 'refused.csv');
    const refused = await run('augment', fold.train, '--out', target, '--run', other);
    expect(refused.code).not.toBe(0);
    expectOneLine(
      refused.stderr,
      /other-run was trained on other rows \(sha256:[0-9a-f]{12}\) than .*trainData\.csv \(sha256:[0-9a-f]{12}\)/,
    );
    await expect(access(target)).rejects.toThrow();
    await expect(access(`${target}.json`)).rejects.toThrow();
  });

  it('refuses a run trained before fingerprints were recorded', async () => {
    const record = JSON.parse(await readFile(join(trainedRun, 'run.json'), 'utf8'));
    const old = join(dir, 'old-run');
    await run('train', fold.train, '--out', old, '--arch', 'bench', '--steps', '1', '--batch', '8');
    const oldRecord = JSON.parse(await readFile(join(old, 'run.json'), 'utf8'));
    expect(oldRecord.dataset.fingerprint).toBe(record.dataset.fingerprint);
    delete oldRecord.dataset.fingerprint;
    await writeFile(join(old, 'run.json'), JSON.stringify(oldRecord));
    const target = join(dir, 'fold0', 'old.csv');
    const refused = await run('augment', fold.train, '--out', target, '--run', old);
    expectOneLine(refused.stderr, /trained before runs recorded the fingerprint of their training rows/);
    await expect(access(target)).rejects.toThrow();
  });

  it('refuses a run resumed on other rows: no one fingerprint covers what it learned', async () => {
    const resumed = join(dir, 'resumed-run');
    const bench = ['--arch', 'bench', '--batch', '8'];
    expect((await run('train', fold.train, '--out', resumed, ...bench, '--steps', '1')).code).toBe(0);
    const again = await run('train', fold.train, '--out', resumed, '--resume', '--steps', '2');
    expect(again.code, again.stderr).toBe(0);
    const kept = JSON.parse(await readFile(join(resumed, 'run.json'), 'utf8'));
    expect(kept.dataset.fingerprint).toMatch(/^sha256:/);
    const other = await run('train', fold.test, '--out', resumed, '--resume', '--steps', '3');
    expect(other.code, other.stderr).toBe(0);
    const mixed = JSON.parse(await readFile(join(resumed, 'run.json'), 'utf8'));
    expect(mixed.dataset.fingerprint).toBeNull();
    const target = join(dir, 'fold0', 'resumed.csv');
    const refused = await run('augment', fold.train, '--out', target, '--run', resumed);
    expectOneLine(refused.stderr, /has no fingerprint of its training rows/);
    await expect(access(target)).rejects.toThrow();
  });

  it('refuses an existing --out without --force, and the input as --out', async () => {
    const before = await readFile(out, 'utf8');
    const again = await run('augment', fold.train, '--out', out, '--run', trainedRun);
    expect(again.code).not.toBe(0);
    expectOneLine(again.stderr, /exists; use --force/);
    expect(await readFile(out, 'utf8')).toBe(before);
    const forced = await run('augment', fold.train, '--out', out, '--run', trainedRun, '--seed', '9', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).not.toBe(before);
    const self = await run('augment', fold.train, '--out', fold.train, '--run', trainedRun, '--force');
    expect(self.code).toBe(2);
    expectOneLine(self.stderr, /is the input file/);
    expect(await readFile(fold.train, 'utf8')).toBe(trainText);
  });

  it('refuses a file that is not a toolkit fold file', async () => {
    const notFold = join(dir, 'windows.csv');
    await writeFile(notFold, 'eventId,label,M000\nx,1,1000\n');
    const refused = await run('augment', notFold, '--out', join(dir, 'x.csv'), '--run', trainedRun);
    expectOneLine(refused.stderr, /not an OSDB toolkit fold file/);
  });
});
