import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { richFeatures } from '../metrics/rich-features.js';
import { toyRecordings, buildDist } from '../test-helpers.js';
import { treeFold } from './tree-fold.js';
import { fitTreeFold, treeThreads } from './tree-threads.js';
import { TREE_DEFAULTS } from './trees.js';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = (path: string) => JSON.stringify(pathToFileURL(join(packageRoot, 'dist', path)).href);

/** A fold of two toy recording sets: the first events of each to train on, the rest to test. */
function toyJob() {
  const a = richFeatures(toyRecordings({ events: 8, windowsPerEvent: 9, seed: 1 }));
  const b = richFeatures(toyRecordings({ events: 8, windowsPerEvent: 9, seed: 2, prefix: 's', ictalAmplitude: 400 }));
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return {
    a,
    b,
    parts: [
      { cls: 'all' as const, trainA: range(0, 54), trainB: range(0, 54), testA: range(54, 72), testB: range(54, 72) },
    ],
    options: { ...TREE_DEFAULTS, iterations: 10 },
  };
}

describe('the tree critic in worker threads', () => {
  const saved = process.env.ACCELGAN_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.ACCELGAN_THREADS;
    else process.env.ACCELGAN_THREADS = saved;
  });

  test('threads: ACCELGAN_THREADS where set, else one per core; anything but a positive integer is refused', () => {
    process.env.ACCELGAN_THREADS = '3';
    expect(treeThreads()).toBe(3);
    delete process.env.ACCELGAN_THREADS;
    expect(treeThreads()).toBeGreaterThanOrEqual(1);
    process.env.ACCELGAN_THREADS = '0';
    expect(() => treeThreads()).toThrow(/ACCELGAN_THREADS must be a positive integer, got "0"/);
  });

  test('from the sources (no compiled worker) a fold is fitted here, to the same numbers as treeFold', async () => {
    process.env.ACCELGAN_THREADS = '2';
    const job = toyJob();
    const here = treeFold(job);
    const result = await fitTreeFold(job);
    expect(Array.from(result.logits)).toEqual(Array.from(here.logits));
    expect(Array.from(result.gain)).toEqual(Array.from(here.gain));
    expect(result.logits).toHaveLength(36);
  });
});

/**
 * Worker threads run the compiled worker script, so this builds the package and drives
 * the built `dist` from a plain Node process, the way the CLI and the bench run it.
 */
describe('the tree critic in worker threads (built dist)', () => {
  beforeAll(async () => {
    await buildDist();
  });

  async function runScript(body: string): Promise<Record<string, unknown>> {
    const dir = await mkdtemp(join(tmpdir(), 'accelgan-tree-threads-'));
    // Inside the package, so that workspace packages resolve to their dist as for any user.
    const path = join(packageRoot, `.tree-threads-test-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
    await writeFile(path, body);
    try {
      // A pool left holding the process open would run into the timeout.
      const { stdout } = await promisify(execFile)(process.execPath, [path], { cwd: dir, timeout: 90_000 });
      return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
    } finally {
      await rm(path, { force: true });
      await rm(dir, { recursive: true, force: true });
    }
  }

  test('scores, ladder and gains are those of one thread, and the process exits when done', async () => {
    const results = await runScript(`
      import { discriminativeScore } from ${dist('metrics/discriminative.js')};
      import { calibrationLadder } from ${dist('ladder/ladder.js')};
      // Windows of recordings: a rhythm whose frequency depends on the class, and noise.
      function windows(n, seed, ictalAmplitude = 300) {
        const L = 125;
        const values = new Float32Array(n * L);
        const ictal = new Uint8Array(n);
        const eventId = [];
        let state = seed;
        const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        for (let i = 0; i < n; i++) {
          ictal[i] = i % 3 === 0 ? 1 : 0;
          eventId.push('e' + seed + '-' + (i % 12));
          const f = ictal[i] ? 3 + 5 * random() : 0.5 + random();
          const a = ictal[i] ? ictalAmplitude : 60;
          for (let t = 0; t < 125; t++)
            values[i * L + t] = Math.round(1000 + a * Math.sin((2 * Math.PI * f * t) / 25) + 30 * (random() - 0.5));
        }
        return { samplesPerWindow: L, values, ictal, eventId };
      }
      const heldOut = windows(150, 1);
      const train = windows(150, 3);
      const synthetic = windows(200, 2, 250);
      const options = { critics: ['trees'], seed: 4, seeds: 2, folds: 3, trees: { iterations: 15 } };
      async function run() {
        const scored = await discriminativeScore(heldOut, synthetic, options);
        const ladder = await calibrationLadder(heldOut, train, scored, options);
        return { scored, ladder };
      }
      process.env.ACCELGAN_THREADS = '1';
      const one = await run();
      process.env.ACCELGAN_THREADS = '2';
      const two = await run();
      console.log(JSON.stringify({ one, two }));`);
    const one = results.one as {
      scored: { critics: { trees?: unknown }; treeGain?: number[] };
      ladder: { rungs: { score: number }[] };
    };
    expect(one.scored.critics.trees).toBeDefined();
    expect(one.scored.treeGain?.length).toBeGreaterThan(100);
    expect(one.ladder.rungs).toHaveLength(7);
    // Gaussian noise is told from real windows at once.
    expect(one.ladder.rungs[6]?.score).toBeGreaterThan(0.3);
    expect(results.two).toEqual(results.one);
  });

  test('a fold that fails in a worker thread is an AccelganError, and the process still exits', async () => {
    const results = await runScript(`
      import { fitTreeFold } from ${dist('critics/tree-threads.js')};
      import { TREE_DEFAULTS } from ${dist('critics/trees.js')};
      process.env.ACCELGAN_THREADS = '2';
      const m = { rows: 1, cols: 1, data: new Float64Array(1) };
      try {
        await fitTreeFold({ a: m, b: m, parts: [{ cls: 'all', trainA: null, trainB: [], testA: [], testB: [] }], options: TREE_DEFAULTS });
        console.log(JSON.stringify({ error: null }));
      } catch (error) {
        console.log(JSON.stringify({ error: error.name + ': ' + error.message }));
      }`);
    expect(results.error).toMatch(/^AccelganError: the tree critic failed in a worker thread: /);
  });
});
