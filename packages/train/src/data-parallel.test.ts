import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint.js';
import type { Dataset } from '@accelgan/data';
import { buildDist, toyDataset, withTempDir } from './test-helpers.js';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The helper thread runs the compiled worker script, so this builds the package and
 * trains through the built `dist` in a plain Node process, as `accelgan train` does.
 */
const script = (datasetPath: string, quantisedPath: string, dir: string) => `
  import { readFile } from 'node:fs/promises';
  import { join } from 'node:path';
  import { train, resolveConfig } from ${JSON.stringify(pathToFileURL(join(packageRoot, 'dist/index.js')).href)};
  const read = async (path) => {
    const raw = JSON.parse(await readFile(path, 'utf8'));
    const w = raw.windows;
    return { meta: raw.meta, windows: { ...w, values: Float32Array.from(w.values), ictal: Uint8Array.from(w.ictal), startTime: Float64Array.from(w.startTime), seizureStart: Float64Array.from(w.seizureStart, (v) => v ?? NaN), seizureEnd: Float64Array.from(w.seizureEnd, (v) => v ?? NaN) } };
  };
  const dataset = await read(${JSON.stringify(datasetPath)});
  const quantised = await read(${JSON.stringify(quantisedPath)});
  const dir = ${JSON.stringify(dir)};
  const threadsUsed = {};
  const go = async (name, threads, steps, resume = false, arch = 'bench', batchSize = 8, data = dataset) => {
    const config = resolveConfig({ arch, steps, batchSize, backend: 'wasm', seed: 2, logEvery: 1 });
    await train({ dataset: data, datasetSources: ['toy'], config, runDir: join(dir, name), threads, resume, onStart: (s) => (threadsUsed[name] = s.threads) });
  };
  await go('one', 1, 4);
  await go('two', 2, 4);
  await go('resumed', 2, 2);
  await go('resumed', 2, 4, true);
  // styled, the default: minibatch statistics, statistics and consistency losses, spectral-norm
  // state, dequantised data, and a level table fitted from the data that the helper must draw from too.
  await go('styledOne', 1, 2, false, 'styled', 64, quantised);
  await go('styledTwo', 2, 2, false, 'styled', 64, quantised);
  await go('styledOneGroup', 2, 2, false, 'styled', 32, quantised);
  // seed's batch norm couples the whole batch (its batchCoupling): never split.
  await go('seedTwo', 2, 1, false, 'seed', 8);
  console.log(JSON.stringify(threadsUsed));`;

describe('data-parallel training (built dist)', () => {
  beforeAll(async () => {
    await buildDist();
  });

  it('gives the one-thread losses within float rounding, and resumes exactly', async () => {
    await withTempDir(async (dir) => {
      const save = async (dataset: Dataset, name: string) => {
        const w = dataset.windows;
        const path = join(dir, name);
        await writeFile(
          path,
          JSON.stringify({
            meta: dataset.meta,
            windows: {
              ...w,
              values: [...w.values],
              ictal: [...w.ictal],
              startTime: [...w.startTime],
              seizureStart: [...w.seizureStart],
              seizureEnd: [...w.seizureEnd],
            },
          }),
        );
        return path;
      };
      const datasetPath = await save(toyDataset(), 'dataset.json');
      const quantisedPath = await save(toyDataset(100, 125, true), 'quantised.json');
      // Inside the package, so that workspace packages resolve to their dist as for any user.
      const path = join(packageRoot, `.parallel-test-${process.pid}.mjs`);
      await writeFile(path, script(datasetPath, quantisedPath, dir));
      let stdout: string;
      try {
        ({ stdout } = await run(process.execPath, [path], { timeout: 120_000 }));
      } finally {
        await rm(path, { force: true });
      }
      // A batch of one minibatch group cannot be halved without changing its statistics, nor can
      // a batch that batch norm couples: one thread.
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
        one: 1,
        two: 2,
        resumed: 2,
        styledOne: 1,
        styledTwo: 2,
        styledOneGroup: 1,
        seedTwo: 1,
      });
      const losses = async (name: string) =>
        (await readFile(join(dir, name, 'metrics.csv'), 'utf8'))
          .trim()
          .split('\n')
          .slice(1)
          .map((row) => row.split(',').slice(2).map(Number));
      const one = await losses('one');
      const two = await losses('two');
      expect(two).toHaveLength(4);
      two.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(one[i]![j]!, 4)));
      const styledOne = await losses('styledOne');
      const styledTwo = await losses('styledTwo');
      expect(styledTwo).toHaveLength(2);
      expect(styledOne[1]![4]).toBeGreaterThan(0); // the statistics loss is on
      expect(styledTwo[1]![5]).toBeGreaterThan(0); // the consistency loss is on, and splits across the threads like the rest
      // Relative, not absolute, as Adam's early updates (nearly lr·sign(gradient)) can turn a
      // rounding difference into 2·lr. 1e-4: with both threads' networks built from the run's
      // seed the readings agree to all six printed digits; a helper built from another seed
      // (different fixed noise projection and level directions) was off by 6e-4 to 3e-3, and a
      // wrong split (a group's statistics over the wrong rows) is off by far more.
      const closeRelative = (a: number[][], b: number[][]) =>
        a.forEach((row, i) =>
          row.forEach((x, j) =>
            expect(Math.abs(x - b[i]![j]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b[i]![j]!))),
          ),
        );
      closeRelative(styledTwo, styledOne);
      // Resuming a two-thread run repeats it bit for bit.
      expect(await losses('resumed')).toEqual(two);
      const resumed = await loadCheckpoint(join(dir, 'resumed', 'checkpoint.bin'));
      const straight = await loadCheckpoint(join(dir, 'two', 'checkpoint.bin'));
      expect([...resumed.tensors.keys()]).toEqual([...straight.tensors.keys()]);
      for (const [name, tensor] of straight.tensors) expect(resumed.tensors.get(name)!.values).toEqual(tensor.values);
    });
  });
});
