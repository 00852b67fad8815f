import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCheckpoint } from '@accelgan/train/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, expectOneLine, run } from './test-helpers.js';

/**
 * Runs that survive schedulers: signals, one writer per run directory, temporaries of
 * killed processes, and what a resume may change. The signal and two-writer tests run
 * `accelgan` as real processes (the built CLI, as a user runs it).
 */

let bin = '';
let dir = '';
let sim = '';
beforeAll(async () => {
  bin = await builtCli();
  dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-life-'));
  sim = join(dir, 'sim.json');
  expect((await run('simulate', '--out', sim, '--events', '12', '--seed', '2')).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** `accelgan ...args` as a process of its own. */
function start(...args: string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<Exit>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  return { child, exited };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Waits until `ready()` holds, failing after a minute. */
async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const t0 = Date.now();
  while (!(await ready())) {
    if (Date.now() - t0 > 60_000) throw new Error(`waited a minute for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/** Every tensor of a run's checkpoint, compared bit for bit with another's. */
async function expectSameWeights(a: string, b: string): Promise<void> {
  const [x, y] = await Promise.all([a, b].map((d) => loadCheckpoint(join(d, 'checkpoint.bin'))));
  expect([...y!.tensors.keys()]).toEqual([...x!.tensors.keys()]);
  for (const [name, t] of x!.tensors) expect(y!.tensors.get(name)!.values, name).toEqual(t.values);
}

const bench = () => [sim, '--arch', 'bench', '--batch', '16', '--seed', '1'];

describe('signals during train (real processes)', () => {
  it('SIGTERM finishes the step, saves, marks run.json interrupted and exits 143; the resumed run equals an uninterrupted one', async () => {
    const stopped = join(dir, 'stopped');
    const a = start(
      'train',
      ...bench(),
      '--threads',
      '2',
      '--out',
      stopped,
      '--steps',
      '100000',
      '--checkpoint-minutes',
      '0.002',
    );
    await until(() => exists(join(stopped, 'checkpoint.bin')), 'the first checkpoint');
    a.child.kill('SIGTERM');
    const { code, stderr } = await a.exited;
    expect(code, stderr).toBe(143);
    expect(stderr).toMatch(/SIGTERM: saving a checkpoint/);
    expect(stderr).toMatch(/resume with: accelgan train .* --resume/);
    const checkpoint = await loadCheckpoint(join(stopped, 'checkpoint.bin'));
    const step = checkpoint.header.step;
    expect(stderr).toContain(`stopped at step ${step} `);
    const record = await readJson(join(stopped, 'run.json'));
    expect(record).toMatchObject({ status: 'interrupted', step });
    expect(record.segments).toEqual([
      expect.objectContaining({ fromStep: 0, toStep: step, threads: 2, status: 'interrupted' }),
    ]);
    expect(await readdir(stopped)).toEqual(['checkpoint.bin', 'config.json', 'metrics.csv', 'run.json']);

    const resumed = await start(
      'train',
      sim,
      '--out',
      stopped,
      '--resume',
      '--steps',
      String(step + 3),
      '--threads',
      '2',
    ).exited;
    expect(resumed.code, resumed.stderr).toBe(0);
    const straight = join(dir, 'straight');
    const whole = await start('train', ...bench(), '--threads', '2', '--out', straight, '--steps', String(step + 3))
      .exited;
    expect(whole.code, whole.stderr).toBe(0);
    await expectSameWeights(straight, stopped);
    expect((await readJson(join(stopped, 'run.json'))).segments).toEqual([
      expect.objectContaining({ fromStep: 0, toStep: step, threads: 2, status: 'interrupted' }),
      expect.objectContaining({ fromStep: step, toStep: step + 3, threads: 2, status: 'finished' }),
    ]);
  });

  it('SIGINT (Ctrl-C) saves a checkpoint and exits 130', async () => {
    const out = join(dir, 'ctrl-c');
    const a = start(
      'train',
      ...bench(),
      '--threads',
      '1',
      '--out',
      out,
      '--steps',
      '100000',
      '--checkpoint-minutes',
      '0.002',
    );
    await until(() => exists(join(out, 'checkpoint.bin')), 'the first checkpoint');
    a.child.kill('SIGINT');
    const { code, stderr } = await a.exited;
    expect(code, stderr).toBe(130);
    const step = (await loadCheckpoint(join(out, 'checkpoint.bin'))).header.step;
    expect(await readJson(join(out, 'run.json'))).toMatchObject({ status: 'interrupted', step });
  });
});

describe('one writer per run directory (real processes)', () => {
  it('refuses a second writer naming the first, and changes nothing of the first', async () => {
    const shared = join(dir, 'shared');
    const args = [...bench(), '--threads', '1', '--steps', '60', '--log-every', '5'];
    const first = start('train', ...args, '--out', shared);
    await until(() => exists(join(shared, 'run.lock')), 'the lock');
    const holder = await readJson(join(shared, 'run.lock'));
    expect(holder).toMatchObject({ pid: first.child.pid, host: hostname() });
    const others = await Promise.all(
      [['--resume'], ['--force'], []].map((extra) => start('train', ...args, '--out', shared, ...extra).exited),
    );
    const firstExit = await first.exited;
    expect(firstExit.code, firstExit.stderr).toBe(0);
    for (const other of others) {
      expect(other.code).toBe(1);
      expectOneLine(
        other.stderr,
        new RegExp(
          `^accelgan: run directory ${shared} is being written by another accelgan train \\(pid ${first.child.pid} on ${hostname()}\\)`,
        ),
      );
    }
    // Everything the first wrote is what it writes alone.
    const alone = join(dir, 'alone');
    expect((await start('train', ...args, '--out', alone).exited).code).toBe(0);
    expect(await readdir(shared)).toEqual(await readdir(alone));
    await expectSameWeights(alone, shared);
    const headers = await Promise.all([alone, shared].map((d) => loadCheckpoint(join(d, 'checkpoint.bin'))));
    const untimed = (h: Record<string, unknown>) => ({ ...h, savedAt: null });
    expect(untimed(headers[1]!.header as never)).toEqual(untimed(headers[0]!.header as never));
    expect(await readFile(join(shared, 'config.json'), 'utf8')).toBe(
      await readFile(join(alone, 'config.json'), 'utf8'),
    );
    const losses = async (d: string) =>
      (await readFile(join(d, 'metrics.csv'), 'utf8'))
        .split('\n')
        .map((row) => row.split(',').filter((_, i) => i !== 1));
    expect(await losses(shared)).toEqual(await losses(alone));
    expect((await losses(shared)).length).toBe(60 / 5 + 2);
    const record = async (d: string) => {
      const { startedAt, finishedAt, elapsedSeconds, stepsPerSecond, segments, ...rest } = await readJson(
        join(d, 'run.json'),
      );
      const segment = segments.map(({ startedAt, endedAt, ...s }: Record<string, unknown>) => s);
      return { ...rest, segment, timed: [startedAt, finishedAt, elapsedSeconds, stepsPerSecond].map((v) => v != null) };
    };
    expect(await record(shared)).toEqual(await record(alone));
  });
});

describe('temporary files', () => {
  const dataDist = pathToFileURL(fileURLToPath(new URL('../../data/dist/index.js', import.meta.url))).href;
  const signalsDist = pathToFileURL(fileURLToPath(new URL('../dist/signals.js', import.meta.url))).href;
  /** A process holding an open temporary of `path` (an atomic write under way), with the CLI's signal handling. */
  function holdTemporary(path: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
    const script = `
      import { openAtomicWriter } from ${JSON.stringify(dataDist)};
      import { handleSignals } from ${JSON.stringify(signalsDist)};
      handleSignals();
      const writer = await openAtomicWriter(${JSON.stringify(path)}, { force: true });
      await writer.write('partial');
      console.log('ready');
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ready = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    return { child, ready, exited };
  }
  const temporaries = async (d: string) => (await readdir(d)).filter((name) => name.endsWith('.tmp'));

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('are removed on %s, which exits %d', async (signal, exitCode) => {
    const out = await mkdtemp(join(dir, 'signal-'));
    const holder = holdTemporary(join(out, 'synthetic.csv'));
    await holder.ready;
    expect(await temporaries(out)).toHaveLength(1);
    holder.child.kill(signal);
    expect(await holder.exited).toBe(exitCode);
    expect(await readdir(out)).toEqual([]);
  });

  it('of a real command are removed on SIGTERM, and nothing is left under the final name', async () => {
    const out = await mkdtemp(join(dir, 'simulate-'));
    const a = start('simulate', '--out', join(out, 'big.json'), '--events', '3000');
    await until(async () => (await temporaries(out)).length > 0, 'the temporary');
    a.child.kill('SIGTERM');
    expect((await a.exited).code).toBe(143);
    expect(await readdir(out)).toEqual([]);
  });

  it('that kill -9 leaves are removed by the next command writing there; a live process keeps its own', async () => {
    const out = await mkdtemp(join(dir, 'killed-'));
    const killed = holdTemporary(join(out, 'synthetic.csv'));
    await killed.ready;
    killed.child.kill('SIGKILL');
    await killed.exited;
    const live = holdTemporary(join(out, 'other.csv'));
    await live.ready;
    const left = await temporaries(out);
    expect(left).toHaveLength(2);
    const runDir = join(dir, 'for-generate');
    expect((await run('train', ...bench(), '--out', runDir, '--steps', '1')).code).toBe(0);
    const generated = await run('generate', runDir, '-n', '4', '--out', join(out, 'synthetic.csv'));
    expect(generated.code, generated.stderr).toBe(0);
    const after = await temporaries(out);
    expect(after).toEqual([left.find((name) => name.startsWith(`.other.csv.${live.child.pid}@`))]);
    live.child.kill('SIGTERM');
    await live.exited;
    expect(await temporaries(out)).toEqual([]);

    // A killed train's temporaries and its lock: the resume removes the one and takes over the other, with a note.
    const trainKilled = holdTemporary(join(runDir, 'checkpoint.bin'));
    await trainKilled.ready;
    trainKilled.child.kill('SIGKILL');
    await trainKilled.exited;
    await writeFile(join(runDir, 'run.lock'), JSON.stringify({ pid: trainKilled.child.pid, host: hostname() }));
    const resumed = await run('train', sim, '--out', runDir, '--resume', '--steps', '2');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      `accelgan: taking over the lock of run directory ${runDir} left by pid ${trainKilled.child.pid} on ${hostname()}, no longer running\n`,
    );
    expect((await readdir(runDir)).sort()).toEqual(['checkpoint.bin', 'config.json', 'metrics.csv', 'run.json']);
  });
});

describe('what train takes from its flags', () => {
  it('takes --set batchSize when --batch is not given, and refuses the two disagreeing', async () => {
    const out = join(dir, 'set-batch');
    const trained = await run('train', sim, '--out', out, '--arch', 'bench', '--steps', '1', '--set', 'batchSize=32');
    expect(trained.code, trained.stderr).toBe(0);
    expect(await readJson(join(out, 'config.json'))).toMatchObject({ batchSize: 32 });
    const both = await run('train', sim, '--out', join(dir, 'both'), '--batch', '16', '--set', 'batchSize=32');
    expect(both.code).toBe(2);
    expectOneLine(both.stderr, /--batch 16 and --set batchSize=32 disagree/);
  });

  it('resumes with the run config, refusing any flag that contradicts it in one line', async () => {
    const out = join(dir, 'contradicted');
    expect((await run('train', ...bench(), '--out', out, '--steps', '1', '--set', 'emaDecay=0.9')).code).toBe(0);
    const before = await readFile(join(out, 'checkpoint.bin'));
    for (const [flags, message] of [
      [['--arch', 'seed'], /^accelgan: cannot resume: --arch seed differs from the run's bench; /],
      [['--condition', 'phase'], /--condition phase differs from the run's ictal/],
      [['--batch', '8'], /--batch 8 differs from the run's 16/],
      [['--seed', '2'], /--seed 2 differs from the run's 1/],
      [['--window-seconds', '10'], /--window-seconds 10 differs from the run's 5/],
      [['--val-fraction', '0.3'], /--val-fraction 0.3 differs from the run's 0.2/],
      [['--set', 'emaDecay=0.99'], /--set emaDecay=0.99 differs from the run's 0.9/],
      [['--set', 'batchSize=8'], /--set batchSize=8 differs from the run's 16/],
    ] as const) {
      const refused = await run('train', sim, '--out', out, '--resume', '--steps', '2', ...flags);
      expect(refused.code, flags.join(' ')).toBe(2);
      expectOneLine(refused.stderr, message);
    }
    expect(await readFile(join(out, 'checkpoint.bin'))).toEqual(before);
    // The same values, the budget, logging and checkpointing may be given.
    const resumed = await run(
      'train',
      ...bench(),
      '--out',
      out,
      '--resume',
      '--steps',
      '2',
      '--set',
      'emaDecay=0.9',
      '--log-every',
      '1',
      '--checkpoint-minutes',
      '5',
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await readJson(join(out, 'config.json'))).toMatchObject({
      emaDecay: 0.9,
      logEvery: 1,
      checkpointMinutes: 5,
      steps: 2,
    });
  });

  it.each([
    [['--threads', '-3'], /^accelgan: --threads must be a positive integer, got -3\n/],
    [['--threads', '1.5'], /--threads must be a positive integer, got 1.5/],
    [['--checkpoint-minutes', '-1'], /--checkpoint-minutes must be positive, got -1/],
    [['--steps', '2.5'], /--steps must be a positive integer, got 2.5/],
    [['--minutes', '0'], /--minutes must be positive, got 0/],
    [['--batch', '0'], /--batch must be a positive integer of at most 4096, got 0/],
    [['--log-every', '0'], /--log-every must be a positive integer, got 0/],
    [['--seed', 'abc'], /--seed must be an integer, got NaN/],
    [['--seed', '1.5'], /--seed must be an integer, got 1.5/],
    [['--window-seconds', '7'], /--window-seconds must be a multiple of 5 seconds of at most 60, got 7/],
    [['--val-fraction', '1'], /--val-fraction must be in \[0, 1\), got 1/],
    [['--set', 'latentDim=5000000'], /--set latentDim must be a positive integer of at most 1024, got 5000000/],
    [['--set', 'dStepsPerG=0'], /--set dStepsPerG must be a positive integer of at most 100, got 0/],
    [['--set', 'learningRateD=-1'], /--set learningRateD must be positive, got -1/],
  ])('refuses %j as a usage error in one line, creating nothing', async (flags, message) => {
    const out = join(dir, 'refused');
    const { code, stderr } = await run('train', sim, '--out', out, ...flags);
    expect(code).toBe(2);
    expectOneLine(stderr, message);
    expect(await exists(out)).toBe(false);
  });

  it('refuses an --out beneath a file in one line', async () => {
    const { code, stderr } = await run('train', sim, '--out', join(sim, 'run'), '--steps', '1');
    expect(code).toBe(1);
    expectOneLine(stderr, /^accelgan: cannot write .*sim\.json\/run: .*sim\.json is a file, not a directory/);
  });
});
