import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { listArchitectures } from '@accelgan/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDist, toyDataset, withTempDir } from './test-helpers.js';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const distUrl = (path: string) => JSON.stringify(pathToFileURL(join(packageRoot, path)).href);

/**
 * A toy architecture as a plug-in would write one, in its own ES module: a linear
 * generator ([z, one-hot class] → L samples) and a linear discriminator ([window, one-hot
 * class] → logit), whose rows never interact. Importing the module registers it, with the
 * module's own URL, so the data-parallel helper thread can import it too.
 */
const TOY_MODULE = `
  import * as tf from '@tensorflow/tfjs-core';
  import { ensureTfjsGradients, registerArchitecture } from '@accelgan/model';

  /** The seeds every build was given, in order (the trainer derives them from the run's seed). */
  export const builtWith = { generator: [], discriminator: [] };
  const classes = (labels, numClasses) =>
    numClasses > 1 ? tf.cast(tf.oneHot(labels, numClasses), 'float32') : tf.ones([labels.shape[0], 1]);
  function linear(prefix, inUnits, outUnits, seed) {
    ensureTfjsGradients();
    const kernel = tf.variable(tf.randomUniform([inUnits, outUnits], -0.3, 0.3, 'float32', seed), true);
    const bias = tf.variable(tf.zeros([outUnits]), true);
    return {
      trainable: new Map([[prefix + '/kernel', kernel], [prefix + '/bias', bias]]),
      state: new Map(),
      dispose: () => tf.dispose([kernel, bias]),
      forward: (x) => tf.add(tf.matMul(x, kernel), bias),
    };
  }
  export const toy = {
    name: 'toy',
    description: 'A toy linear GAN that a test registers, trains and unregisters.',
    defaults: {
      batchSize: 8, latentDim: 4, loss: 'hinge', learningRateG: 1e-2, learningRateD: 1e-2, beta1: 0.5,
      beta2: 0.999, emaDecay: 0, dStepsPerG: 1, scale: 'zscore', statisticsWeight: 0, consistencyWeight: 0,
    },
    batchCoupling: { kind: 'rows' },
    buildGenerator({ samplesPerWindow, numClasses }, seed, latentDim = 4) {
      builtWith.generator.push(seed);
      const { forward, ...network } = linear('g/toy', latentDim + numClasses, samplesPerWindow, seed);
      return {
        ...network,
        latentDim,
        apply: (z, labels) =>
          tf.tidy(() => tf.reshape(forward(tf.concat([z, classes(labels, numClasses)], 1)), [-1, samplesPerWindow, 1])),
      };
    },
    buildDiscriminator({ samplesPerWindow, numClasses }, seed) {
      builtWith.discriminator.push(seed);
      const { forward, ...network } = linear('d/toy', samplesPerWindow + numClasses, 1, seed);
      return {
        ...network,
        apply: (x, labels) =>
          tf.tidy(() => forward(tf.concat([tf.reshape(x, [-1, samplesPerWindow]), classes(labels, numClasses)], 1))),
      };
    },
  };
  registerArchitecture(toy, import.meta.url);
`;

/**
 * Registers the toy, trains it 2 steps on 1 and on 2 threads through the built dist in a
 * plain Node process (the helper thread runs the compiled worker, as under `accelgan
 * train`), unregisters it, and prints what it saw.
 */
const script = (toyPath: string, datasetPath: string, dir: string) => `
  import { readFile } from 'node:fs/promises';
  import { join } from 'node:path';
  import { listArchitectures, unregisterArchitecture } from '@accelgan/model';
  import { resolveConfig, train } from ${distUrl('dist/index.js')};
  import { loadCheckpoint } from ${distUrl('dist/internal.js')};
  import { builtWith, toy } from ${JSON.stringify(pathToFileURL(toyPath).href)};
  const raw = JSON.parse(await readFile(${JSON.stringify(datasetPath)}, 'utf8'));
  const w = raw.windows;
  const dataset = { meta: raw.meta, windows: { ...w, values: Float32Array.from(w.values), ictal: Uint8Array.from(w.ictal), startTime: Float64Array.from(w.startTime), seizureStart: Float64Array.from(w.seizureStart, (v) => v ?? NaN), seizureEnd: Float64Array.from(w.seizureEnd, (v) => v ?? NaN) } };
  const dir = ${JSON.stringify(dir)};
  const names = () => listArchitectures().map((a) => a.name);
  const report = { registered: names(), threads: {}, moved: {}, weights: {} };
  for (const [name, threads] of [['one', 1], ['two', 2]]) {
    const config = resolveConfig({ arch: 'toy', steps: 2, backend: 'wasm', seed: 3, logEvery: 1 });
    await train({ dataset, datasetSources: ['toy'], config, runDir: join(dir, name), threads, onStart: (s) => (report.threads[name] = s.threads) });
    // The networks the run started from, rebuilt from the seeds the trainer built them with.
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const start = [toy.buildGenerator(shape, builtWith.generator[0]), toy.buildDiscriminator(shape, builtWith.discriminator[0])];
    const { tensors } = await loadCheckpoint(join(dir, name, 'checkpoint.bin'));
    report.moved[name] = {};
    report.weights[name] = {};
    for (const [network, part] of [[start[0], 'generator'], [start[1], 'discriminator']]) {
      for (const [variable, value] of network.trainable) {
        const trained = tensors.get(part + '/' + variable).values;
        const initial = value.dataSync();
        report.moved[name][variable] = Math.max(...trained.map((x, i) => Math.abs(x - initial[i])));
        report.weights[name][variable] = Array.from(trained);
      }
      network.dispose();
    }
  }
  unregisterArchitecture('toy');
  report.after = names();
  console.log(JSON.stringify(report));`;

describe('an architecture registered from outside the package', () => {
  beforeAll(async () => {
    await buildDist();
  });

  it('trains data-parallel like a built-in one, and leaves the registry as it was when unregistered', async () => {
    await withTempDir(async (dir) => {
      const dataset = toyDataset();
      const w = dataset.windows;
      const datasetPath = join(dir, 'dataset.json');
      await writeFile(
        datasetPath,
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
      // Inside the package, so that workspace packages resolve to their dist as for any user.
      const toyPath = join(packageRoot, `.toy-architecture-${process.pid}.mjs`);
      const scriptPath = join(packageRoot, `.toy-architecture-test-${process.pid}.mjs`);
      await writeFile(toyPath, TOY_MODULE);
      await writeFile(scriptPath, script(toyPath, datasetPath, dir));
      let stdout: string;
      try {
        ({ stdout } = await run(process.execPath, [scriptPath], { timeout: 120_000 }));
      } finally {
        await rm(toyPath, { force: true });
        await rm(scriptPath, { force: true });
      }
      const report = JSON.parse(stdout.trim().split('\n').pop()!);
      const builtIn = listArchitectures().map((a) => a.name);
      expect(report.registered).toEqual([...builtIn, 'toy']);
      // Its rows are independent (batchCoupling 'rows'), so two threads split each batch.
      expect(report.threads).toEqual({ one: 1, two: 2 });
      // Every weight of both networks moved, on one thread and on two, and both runs agree.
      for (const name of ['one', 'two']) {
        expect(Object.keys(report.moved[name]).sort()).toEqual([
          'd/toy/bias',
          'd/toy/kernel',
          'g/toy/bias',
          'g/toy/kernel',
        ]);
        for (const [variable, moved] of Object.entries(report.moved[name]))
          expect(moved as number, `${name} ${variable}`).toBeGreaterThan(1e-4);
      }
      for (const [variable, values] of Object.entries(report.weights.one as Record<string, number[]>))
        report.weights.two[variable].forEach((x: number, i: number) => expect(x).toBeCloseTo(values[i]!, 5));
      const losses = async (name: string) =>
        (await readFile(join(dir, name, 'metrics.csv'), 'utf8'))
          .trim()
          .split('\n')
          .slice(1)
          .map((row) => row.split(',').slice(2).map(Number));
      const one = await losses('one');
      const two = await losses('two');
      expect(one).toHaveLength(2);
      expect(two).toHaveLength(2);
      for (const row of [...one, ...two]) expect(row.every(Number.isFinite)).toBe(true);
      two.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(one[i]![j]!, 4)));
      // Unregistered, the list is the built-in one again: `accelgan models` is unchanged.
      expect(report.after).toEqual(builtIn);
    });
  });
});
