import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getArchitecture, initBackend } from '@accelgan/model';
import { defaultThreads, openSampler, sampleWindows, workersAvailable } from './generate-threads.js';
import { deriveSeed, Stream } from './seeds.js';
import { buildDist, withTempDir } from './test-helpers.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const shape = { samplesPerWindow: 32, numClasses: 2 };
// 10 windows in batches of 3: four batches, the last one short.
const labels = Int32Array.from([0, 1, 1, 0, 1, 0, 0, 1, 1, 0]);
const options = { labels, seed: 11, batchSize: 3 };

const runNode = (path: string, cwd: string) => promisify(execFile)(process.execPath, [path], { cwd, timeout: 60_000 });

/** Latents a caller chose (as whole events do): [10 windows × 16]. */
const latentsSource = 'Float32Array.from({ length: 160 }, (_, i) => Math.sin(i * 1.3))';
const givenLatents = Float32Array.from({ length: 160 }, (_, i) => Math.sin(i * 1.3));

/**
 * The reference: batch b sampled alone, window i's noise being row i of the first noise
 * block (1,024 rows from (seed, 0)), or from the given latents' rows.
 */
function reference(latents?: Float32Array): Float32Array {
  const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
  const block = tf.randomNormal([1024, 16], 0, 1, 'float32', deriveSeed(11, Stream.Generation, 0)).dataSync();
  const rows: Float32Array[] = [];
  for (let b = 0; b * 3 < labels.length; b++) {
    const size = Math.min(3, labels.length - b * 3);
    const z = tf.tensor2d((latents ?? block).slice(b * 3 * 16, (b * 3 + size) * 16), [size, 16]);
    rows.push(
      tf.tidy(
        () =>
          generator
            .apply(z, tf.tensor1d(labels.subarray(b * 3, b * 3 + size), 'int32'), false)
            .dataSync() as Float32Array,
      ),
    );
    z.dispose();
  }
  generator.dispose();
  const all = new Float32Array(labels.length * shape.samplesPerWindow);
  rows.reduce((offset, row) => {
    all.set(row, offset);
    return offset + row.length;
  }, 0);
  return all;
}

describe('sampleWindows in this thread', () => {
  beforeAll(() => initBackend('wasm'));
  afterEach(() => {
    delete process.env.ACCELGAN_THREADS;
  });

  it("samples window i from row i of the seed's noise whatever the thread count asked for", async () => {
    const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
    const source = { generator, arch: 'bench', shape, buildSeed: 4 };
    const progress: number[] = [];
    const one = await sampleWindows(source, { ...options, threads: 1, onProgress: (done) => progress.push(done) });
    // Under vitest the module is TypeScript, so more threads stay in this one.
    expect(workersAvailable()).toBe(false);
    const three = await sampleWindows(source, { ...options, threads: 3 });
    generator.dispose();
    expect(one).toEqual(reference());
    expect(three).toEqual(one);
    expect(progress).toEqual([3, 6, 9, 10]);
  });

  it('gives the same windows for any batch size and any cut into requests, across noise blocks', async () => {
    const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
    const source = { generator, arch: 'bench', shape, buildSeed: 4 };
    // 1,100 windows: past the first noise block of 1,024.
    const many = Int32Array.from({ length: 1100 }, (_, i) => (i * 7) % 2);
    const whole = await sampleWindows(source, { labels: many, seed: 11, batchSize: 1024, threads: 1 });
    const small = await sampleWindows(source, { labels: many, seed: 11, batchSize: 300, threads: 1 });
    expect(small).toEqual(whole);
    const sampler = await openSampler(source, { seed: 11, batchSize: 64, threads: 1 });
    const parts: Float32Array[] = [];
    for (const [from, to] of [
      [0, 1000],
      [1000, 1030],
      [1030, 1100],
    ] as const) {
      parts.push(await sampler.sample({ labels: many.subarray(from, to), firstWindow: from }));
    }
    await sampler.close();
    const joined = new Float32Array(whole.length);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    expect(joined).toEqual(whole);
    // The noise is the seed's: another seed gives other windows.
    expect(
      await sampleWindows(source, { labels: many.subarray(0, 4), seed: 12, batchSize: 4, threads: 1 }),
    ).not.toEqual(whole.subarray(0, 4 * shape.samplesPerWindow));
    generator.dispose();
  });

  it('samples from latents the caller gives, row i for window i', async () => {
    const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
    const source = { generator, arch: 'bench', shape, buildSeed: 4 };
    const given = await sampleWindows(source, { ...options, latents: givenLatents, threads: 1 });
    await expect(sampleWindows(source, { ...options, latents: givenLatents.subarray(16) })).rejects.toThrow(
      /144 latent values for 10 windows/,
    );
    generator.dispose();
    expect(given).toEqual(reference(givenLatents));
    expect(given).not.toEqual(reference());
  });

  it('reads ACCELGAN_THREADS and rejects nonsense', () => {
    process.env.ACCELGAN_THREADS = '3';
    expect(defaultThreads('wasm')).toBe(3);
    process.env.ACCELGAN_THREADS = 'two';
    expect(() => defaultThreads('wasm')).toThrow(/ACCELGAN_THREADS must be a positive integer/);
    delete process.env.ACCELGAN_THREADS;
    expect(defaultThreads('tensorflow')).toBe(1);
    expect(defaultThreads('wasm')).toBeGreaterThanOrEqual(1);
  });

  it('rejects a zero batch size or thread count', async () => {
    const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
    const source = { generator, arch: 'bench', shape, buildSeed: 4 };
    await expect(sampleWindows(source, { ...options, batchSize: 0 })).rejects.toThrow(
      /batch size must be a positive integer/,
    );
    await expect(sampleWindows(source, { ...options, threads: 0 })).rejects.toThrow(
      /threads must be a positive integer/,
    );
    generator.dispose();
  });
});

/**
 * Worker threads run the compiled worker script, so this builds the package and drives
 * the built `dist` from a plain Node process, the way the CLI and the bench run it.
 */
describe('sampleWindows across worker threads (built dist)', () => {
  beforeAll(async () => {
    await buildDist();
  });

  const script = (arch: string) => `
    import { openSampler, sampleWindows } from ${JSON.stringify(pathToFileURL(join(packageRoot, 'dist/generate-threads.js')).href)};
    import { getArchitecture, initBackend } from '@accelgan/model';
    await initBackend('wasm');
    const shape = ${JSON.stringify(shape)};
    const generator = getArchitecture('bench').buildGenerator(shape, 4, 16);
    const options = { labels: Int32Array.from(${JSON.stringify([...labels])}), seed: 11, batchSize: 3 };
    const results = {};
    try {
      for (const threads of [1, 2, 4]) {
        const values = await sampleWindows({ generator, arch: ${JSON.stringify(arch)}, shape, buildSeed: 4 }, { ...options, threads });
        results[threads] = [...values];
        const given = await sampleWindows({ generator, arch: ${JSON.stringify(arch)}, shape, buildSeed: 4 }, { ...options, latents: ${latentsSource}, threads });
        results['latents' + threads] = [...given];
        // One sampler, its workers kept, asked for the windows in two requests.
        const sampler = await openSampler({ generator, arch: ${JSON.stringify(arch)}, shape, buildSeed: 4 }, { ...options, threads });
        const a = await sampler.sample({ labels: options.labels.subarray(0, 4) });
        const b = await sampler.sample({ labels: options.labels.subarray(4), firstWindow: 4 });
        await sampler.close();
        results['chunks' + threads] = [...a, ...b];
      }
      console.log(JSON.stringify(results));
    } catch (error) {
      console.log(JSON.stringify({ error: error.name + ': ' + error.message }));
    }`;

  async function runScript(dir: string, arch: string): Promise<Record<string, unknown>> {
    // Inside the package, so that '@accelgan/model' resolves to its dist as for any user.
    const path = join(packageRoot, `.threads-test-${process.pid}.mjs`);
    await writeFile(path, script(arch));
    try {
      const { stdout } = await runNode(path, dir);
      return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    } finally {
      await rm(path, { force: true });
    }
  }

  it('gives windows identical to one thread with 2 and 4 threads, matching the sources', async () => {
    await initBackend('wasm');
    const expected = [...reference()];
    await withTempDir(async (dir) => {
      const results = await runScript(dir, 'bench');
      expect(results.error).toBeUndefined();
      expect(results['1']).toEqual(expected);
      expect(results['2']).toEqual(expected);
      expect(results['4']).toEqual(expected);
      expect(results.chunks1).toEqual(expected);
      expect(results.chunks2).toEqual(expected);
      expect(results.chunks4).toEqual(expected);
      const withLatents = [...reference(givenLatents)];
      expect(results.latents1).toEqual(withLatents);
      expect(results.latents2).toEqual(withLatents);
      expect(results.latents4).toEqual(withLatents);
    });
  });

  it('turns a failing worker into an AccelganError, and the process still exits', async () => {
    await withTempDir(async (dir) => {
      const results = await runScript(dir, 'no-such-arch');
      // One thread never starts a worker, so only the threaded runs can fail.
      expect(results.error).toMatch(/^AccelganError: generation worker 1 failed: .*no-such-arch/);
    });
  });
});
