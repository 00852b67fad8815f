import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STUDY_DEFAULTS } from '@accelgan/workflows';
import { builtCli } from '../../test-helpers.js';
import { cli as run, collect, shell } from './test-helpers.js';

/**
 * The study's job paths, on the built CLI: one plan, copied into three study directories
 * run three ways (--index for every unit one by one, --workers 2, xargs -P 2), with a
 * unit killed (SIGKILL) half-way in two of them, must collect to the same study.json and
 * study.html.
 */
const dir = mkdtempSync(join(tmpdir(), 'accelgan-cli-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = [
  '--folds',
  '2',
  '--seeds',
  '1',
  '--gan-steps',
  '3',
  '--arch',
  'bench',
  '--set',
  'batchSize=8',
  '--cnn-steps',
  '5',
  '--cnn-filters',
  '4',
  '--tree-iterations',
  '10',
  '--backend',
  'wasm',
];

let BIN = '';
const cli = (args: readonly string[], cwd: string) => run(BIN, args, cwd);

beforeAll(async () => {
  BIN = await builtCli();
  expect((await cli(['simulate', '--out', 'recordings.json', '--events', '12', '--seed', '3'], dir)).code).toBe(0);
  const planned = await cli(['study', 'plan', 'recordings.json', '--out', 'planned', ...PLAN], dir);
  expect(planned.code).toBe(0);
  expect(planned.stdout).toMatch(/planned 4 units in planned: 2 folds × 1 seeds/);
  expect(planned.stdout).toMatch(/units 2–3: detect .*unit i needs unit i − 2/);
  for (const copy of ['by-index', 'by-workers', 'by-xargs'])
    cpSync(join(dir, 'planned'), join(dir, copy), { recursive: true });
}, 300_000);

/** Starts `accelgan study run STUDY --index I` and SIGKILLs it once its temporary directory holds `marker`; resolves when it is dead. */
async function killHalfWay(study: string, index: number, name: string, marker: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'study', 'run', study, '--index', String(index), '--quiet'], {
    cwd: dir,
  });
  const done = collect(child);
  const units = join(dir, study, 'units');
  for (let waited = 0; ; waited += 20) {
    const temporary = existsSync(units)
      ? readdirSync(units).find((n) => n.startsWith(`.${name}.`) && n.endsWith('.tmp'))
      : undefined;
    if (temporary && existsSync(join(units, temporary, marker))) break;
    if (waited > 120_000) throw new Error(`unit ${index} never reached ${marker}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  const result = await done;
  expect(result.code).not.toBe(0);
  // Nothing under the unit's own name: a killed unit leaves only its temporary directory and its lock.
  expect(existsSync(join(units, name))).toBe(false);
  expect(existsSync(join(units, `.${name}.lock`))).toBe(true);
}

const outputs = (study: string) => ({
  json: readFileSync(join(dir, study, 'study.json'), 'utf8'),
  html: readFileSync(join(dir, study, 'study.html'), 'utf8'),
});

describe('accelgan study', () => {
  test('--index over every unit, --workers 2 and xargs -P 2, with units killed half-way and rerun, collect the same', async () => {
    // 1. One unit at a time, as a job array runs them.
    for (const index of [0, 1, 2, 3]) {
      const r = await cli(['study', 'run', 'by-index', '--index', String(index)], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    const again = await cli(['study', 'run', 'by-index', '--index', '2'], dir);
    expect(again.stderr).toMatch(/unit 2 \(detect-s1-f0\) is already done/);
    expect((await cli(['study', 'collect', 'by-index'], dir)).code).toBe(0);
    const reference = outputs('by-index');
    expect(JSON.parse(reference.json).summary.rows).toHaveLength(11);

    // 2. A detect unit killed half-way (its GAN units run first, one by one), then the pool on two processes.
    for (const index of [0, 1])
      expect((await cli(['study', 'run', 'by-workers', '--index', String(index)], dir)).code).toBe(0);
    await killHalfWay('by-workers', 2, 'detect-s1-f0', '');
    const pool = await cli(['study', 'run', 'by-workers', '--workers', '2'], dir);
    expect(pool.code, pool.stderr).toBe(0);
    expect((await cli(['study', 'collect', 'by-workers'], dir)).code).toBe(0);
    expect(outputs('by-workers')).toEqual(reference);

    // 3. A detect unit refused before its GAN unit, a GAN unit killed while training, then xargs -P 2 over every index.
    const refused = await cli(['study', 'run', 'by-xargs', '--index', '3'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'accelgan: unit 3 (detect-s1-f1) needs unit 1 (gan-s1-f1), which is not done; run it first (accelgan study run by-xargs --index 1)\n',
    );
    await killHalfWay('by-xargs', 0, 'gan-s1-f0', 'run');
    const xargs = await shell(
      `seq 0 3 | xargs -P 2 -n 1 ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} study run by-xargs --wait --index`,
      dir,
    );
    expect(xargs.code, xargs.stderr).toBe(0);
    expect(xargs.stderr).toMatch(/unit 0 \(gan-s1-f0\): taking over the lock left by pid \d+/);
    expect((await cli(['study', 'collect', 'by-xargs'], dir)).code).toBe(0);
    expect(outputs('by-xargs')).toEqual(reference);
  }, 600_000);

  test('collect before the units are done, and an unknown index, are refused in one line', async () => {
    const early = await cli(['study', 'collect', 'planned'], dir);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      'accelgan: 2 of 2 detect units are not done (first: unit 2, detect-s1-f0); run them first (accelgan study run planned)\n',
    );
    const unknown = await cli(['study', 'run', 'planned', '--index', '4'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('accelgan: --index must be a unit of this study, 0 to 3; got 4\n');
    const both = await cli(['study', 'run', 'planned', '--index', '1', '--workers', '2'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('the flags default to the study defaults', async () => {
    const planned = await cli(['study', 'plan', 'recordings.json', '--out', 'defaults'], dir);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, 'defaults', 'plan.json'), 'utf8'));
    expect(plan.options).toEqual(STUDY_DEFAULTS);
  });

  test('--help of every subcommand has examples', async () => {
    for (const sub of [[], ['plan'], ['run'], ['collect']]) {
      const help = await cli(['study', ...sub, '--help'], dir);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });
});
