import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@accelgan/data';
import { getArchitecture, listArchitectures, availableBackends, initBackend } from '@accelgan/model';
import { BatchSampler } from './batches.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { assignClasses } from './conditioning.js';
import { resolveConfig } from './config.js';
import { discriminatorMemory } from './discriminator-memory.js';
import { Gan } from './gan.js';
import { generateWindows, loadGenerator } from './generate.js';
import { networkSeeds } from './seeds.js';
import { trainStep } from './step.js';
import { train } from './trainer.js';
import { heldOutWindows, recordingIndex, splitWindows } from './training-data.js';
import { toyDataset, withTempDir } from './test-helpers.js';

const backends = await availableBackends();

async function generatorOutput(runDir: string, n = 8): Promise<Float32Array> {
  const trained = await loadGenerator(runDir, 'wasm');
  try {
    return (await generateWindows(trained, { n, seed: 7 })).values;
  } finally {
    trained.dispose();
  }
}

/** The run's networks as its checkpoint holds them, on its training windows (batched as the trainer batches them; toy data is off the watch's grid). */
async function restoredRun(dir: string, dataset: Dataset) {
  const saved = await loadCheckpoint(join(dir, 'checkpoint.bin'));
  const { config, samplesPerWindow, classNames } = saved.header;
  const shape = { samplesPerWindow, numClasses: classNames.length };
  const rows = splitWindows(dataset, 'train');
  const { labels } = assignClasses(rows, config.condition);
  const batches = new BatchSampler(
    rows.values,
    labels,
    samplesPerWindow,
    config.batchSize,
    config.seed,
    recordingIndex(dataset, rows.rows),
  );
  const gan = new Gan(getArchitecture(config.arch), shape, config);
  gan.restore(saved);
  const dispose = () => {
    gan.dispose();
    batches.dispose();
  };
  return { saved, shape, batches, gan, dispose };
}

/** Every named tensor's values, copied. */
const valuesOf = (tensors: ReadonlyMap<string, tf.Tensor>) =>
  new Map([...tensors].map(([name, t]) => [name, Float32Array.from(t.dataSync())]));

/** The names of the tensors of `a` that `b` lacks or holds other values for (a list, where a failed toEqual of large arrays would take minutes to print). */
const differing = (
  a: ReadonlyMap<string, Float32Array>,
  b: ReadonlyMap<string, { readonly values: Float32Array } | Float32Array>,
) =>
  [...a]
    .filter(([name, values]) => {
      const other = b.get(name);
      const theirs = other instanceof Float32Array ? other : other?.values;
      return !(theirs && theirs.length === values.length && values.every((v, i) => v === theirs[i]));
    })
    .map(([name]) => name);

describe('one training step on every architecture and backend', () => {
  for (const backend of backends) {
    for (const { name } of listArchitectures()) {
      it(`${name} on ${backend}`, async () => {
        await withTempDir(async (dir) => {
          await initBackend(backend);
          const before = tf.memory().numTensors;
          const config = resolveConfig({ arch: name, steps: 1, batchSize: 8, backend, seed: 1, logEvery: 1 });
          const result = await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: dir });
          expect(result.step).toBe(1);
          expect(result.backend.name).toBe(backend);
          expect(Number.isFinite(result.lastLosses!.dLoss)).toBe(true);
          expect(Number.isFinite(result.lastLosses!.gLoss)).toBe(true);
          // Everything the run allocated is released when it ends.
          expect(tf.memory().numTensors).toBe(before);
          const record = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
          expect(record.backend.name).toBe(backend);
          expect(record.config.arch).toBe(name);
          expect(record.versions['@tensorflow/tfjs-core']).toBe(tf.version_core);
          // The trained discriminator was scored on every training (40) and held-out (8) window, and as many generated ones.
          const memory = record.discriminator;
          expect(memory).toEqual(result.discriminatorMemory);
          expect([memory.training.scored, memory.heldOut.scored, memory.generated.scored]).toEqual([40, 8, 40]);
          // They are what the saved networks score on the run's training and held-out windows.
          const run = await restoredRun(dir, toyDataset());
          try {
            const rescored = discriminatorMemory(
              run.gan.discriminator,
              run.gan.generator,
              run.batches,
              heldOutWindows(toyDataset(), config.condition, run.saved.header.classNames),
              { seed: config.seed, batchSize: config.batchSize, dequantise: 0 },
            );
            expect(rescored).toEqual(memory);
          } finally {
            run.dispose();
          }
          for (const side of [memory.training, memory.heldOut, memory.generated]) {
            expect(Number.isFinite(side.meanLogit)).toBe(true);
            // A mean of ±1 signs: times the windows scored, a whole number of their parity.
            const signSum = side.meanSign * side.scored;
            expect(Math.abs(signSum - Math.round(signSum))).toBeLessThan(1e-9);
            expect(Math.abs(Math.round(signSum)) % 2).toBe(side.scored % 2);
          }
        });
      });
    }
  }
});

describe('training on wasm', () => {
  const config = resolveConfig({ arch: 'styled', steps: 6, batchSize: 8, backend: 'wasm', seed: 3, logEvery: 2 });

  it('moves the weights and logs losses to metrics.csv', async () => {
    await withTempDir(async (dir) => {
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: dir });
      const csv = (await readFile(join(dir, 'metrics.csv'), 'utf8')).trim().split('\n');
      expect(csv[0]).toBe('step,elapsed_s,d_loss,g_loss,d_real,d_fake,g_statistics,g_consistency');
      expect(csv.slice(1).map((row) => Number(row.split(',')[0]))).toEqual([2, 4, 6]);
      // styled's statistics and consistency losses are on and logged.
      for (const row of csv.slice(1)) expect(Number(row.split(',')[6])).toBeGreaterThan(0);
      for (const row of csv.slice(1)) expect(Number(row.split(',')[7])).toBeGreaterThan(0);
      const checkpoint = await loadCheckpoint(join(dir, 'checkpoint.bin'));
      expect(checkpoint.header.step).toBe(6);
      expect(checkpoint.header.optimiserSteps).toEqual({ generator: 6, discriminator: 6 });
      // Adam's second moments are non-zero only where gradients arrived.
      const moments = [...checkpoint.tensors].filter(([name]) => name.startsWith('adam-generator-v/'));
      expect(moments.length).toBeGreaterThan(0);
      for (const [, { values }] of moments) expect(values.some((v) => v > 0)).toBe(true);
    });
  });

  it('gives identical weights for the same seed, different for another', async () => {
    await withTempDir(async (dir) => {
      const a = join(dir, 'a');
      const b = join(dir, 'b');
      const c = join(dir, 'c');
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: a });
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: b });
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config: { ...config, seed: 4 }, runDir: c });
      const [wa, wb, wc] = await Promise.all([a, b, c].map((d) => loadCheckpoint(join(d, 'checkpoint.bin'))));
      for (const [name, t] of wa!.tensors) expect(wb!.tensors.get(name)!.values).toEqual(t.values);
      const differs = [...wa!.tensors].some(
        ([name, t]) => !t.values.every((v, i) => v === wc!.tensors.get(name)!.values[i]),
      );
      expect(differs).toBe(true);
    });
  });

  it('resumes exactly: 3 + 3 steps end with the same weights as 6', async () => {
    await withTempDir(async (dir) => {
      const whole = join(dir, 'whole');
      const split = join(dir, 'split');
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: whole });
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config: { ...config, steps: 3 }, runDir: split });
      const resumed = await train({
        dataset: toyDataset(),
        datasetSources: ['toy'],
        config,
        runDir: split,
        resume: true,
      });
      expect(resumed.step).toBe(6);
      const [a, b] = await Promise.all([whole, split].map((d) => loadCheckpoint(join(d, 'checkpoint.bin'))));
      expect([...b!.tensors.keys()]).toEqual([...a!.tensors.keys()]);
      for (const [name, t] of a!.tensors) expect(b!.tensors.get(name)!.values, name).toEqual(t.values);
      // The log keeps the row written where the first invocation stopped (step 3).
      const rows = (await readFile(join(split, 'metrics.csv'), 'utf8')).trim().split('\n').slice(1);
      expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([2, 3, 4, 6]);
    });
  });

  it('stops at the next step when aborted and saves a checkpoint there', async () => {
    await withTempDir(async (dir) => {
      const abort = new AbortController();
      const result = await train({
        dataset: toyDataset(),
        datasetSources: ['toy'],
        config: { ...config, steps: 1000 },
        runDir: dir,
        signal: abort.signal,
        onProgress: (p) => p.step >= 4 && abort.abort(),
      });
      expect(result.interrupted).toBe(true);
      expect(result.step).toBe(4);
      expect((await loadCheckpoint(join(dir, 'checkpoint.bin'))).header.step).toBe(4);
      const record = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
      expect(record.status).toBe('interrupted');
      // The checkpoint is what an interrupted user waits for: the discriminator is not scored.
      expect(record.discriminator).toBeNull();
      expect(result.discriminatorMemory).toBeNull();
    });
  });

  it("fits styled's level table on the training windows before the first step, and checkpoints carry it", async () => {
    await withTempDir(async (dir) => {
      const dataset = toyDataset();
      const styledConfig = resolveConfig({
        arch: 'styled',
        steps: 2,
        batchSize: 8,
        backend: 'wasm',
        seed: 3,
        logEvery: 1,
      });
      await train({ dataset, datasetSources: ['toy'], config: styledConfig, runDir: dir });
      const { tensors } = await loadCheckpoint(join(dir, 'checkpoint.bin'));
      // Its consistency loss is on by default and logged: windows miss their drawn seizure-band shares at first.
      const csv = (await readFile(join(dir, 'metrics.csv'), 'utf8')).trim().split('\n');
      expect(styledConfig.consistencyWeight).toBeGreaterThan(0);
      for (const row of csv.slice(1)) expect(Number(row.split(',')[7])).toBeGreaterThan(0);
      const train_ = dataset.windows.split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
      const perClass = [0, 1].map((c) => train_.filter((i) => dataset.windows.ictal[i] === c).length);
      expect(Array.from(tensors.get('generator-state/g/levels/rows')!.values)).toEqual(perClass);
      // The kernel widths were cross-validated over the training events (each its own
      // recording here): the table is the one a fit given those recordings makes, not the
      // fallback a fit without them makes.
      const shape = { samplesPerWindow: 125, numClasses: 2 };
      const tableOf = (groups?: Int32Array) => {
        const g = getArchitecture('styled').buildGenerator(
          shape,
          networkSeeds(config.seed).generator,
          resolveConfig({ arch: 'styled' }).latentDim,
        );
        const windows = tf.tensor3d(
          Float32Array.from(train_.flatMap((i) => Array.from(dataset.windows.values.subarray(i * 125, (i + 1) * 125)))),
          [train_.length, 125, 1],
        );
        const labels = tf.tensor1d(
          train_.map((i) => dataset.windows.ictal[i]!),
          'int32',
        );
        g.drawnFromData!.fit(windows, labels, groups);
        const table = Array.from(g.state.get('g/levels/table')!.dataSync());
        tf.dispose([windows, labels]);
        g.dispose();
        return table;
      };
      const byEvent = tableOf(Int32Array.from(train_, (i) => Number(dataset.windows.eventId[i]!.slice(1))));
      expect(byEvent).not.toEqual(tableOf());
      expect(Array.from(tensors.get('generator-state/g/levels/table')!.values)).toEqual(byEvent);
      // The run records what was estimated, and how.
      const record = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
      expect(record.fittedToData).toMatch(
        /^level table: \d+, \d+ rows by class; kernel width ×[\d.]+, ×[\d.]+ Scott's rule by class, chosen by leave-one-recording-out likelihood over 10 recordings \(classes in order: non-ictal, ictal\)$/,
      );
      // Generation rebuilds the generator from the training seed: its level-table directions
      // are fixed tensors built from that seed, not weights the checkpoint restores.
      const trained = await loadGenerator(dir, 'wasm');
      try {
        const asTrained = getArchitecture('styled').buildGenerator(
          shape,
          networkSeeds(config.seed).generator,
          trained.generator.latentDim,
        );
        expect(trained.buildSeed).toBe(networkSeeds(config.seed).generator);
        expect(trained.generator.drawnFromData!.persistentDirections).toEqual(
          asTrained.drawnFromData!.persistentDirections,
        );
        asTrained.dispose();
      } finally {
        trained.dispose();
      }
      // Generated windows take their levels from the data: the toy windows are centred on
      // 1,000 mg with amplitude 250 mg, so every generated window's mean lies near 1,000.
      const values = await generatorOutput(dir, 32);
      for (let w = 0; w < 32; w++) {
        const mean = values.subarray(w * 125, (w + 1) * 125).reduce((a, b) => a + b, 0) / 125;
        expect(Math.abs(mean - 1000)).toBeLessThan(60);
      }
    });
  });

  it('round-trips a checkpoint: what is restored is the model that was saved, optimiser included; a model not restored differs', async () => {
    await withTempDir(async (dir) => {
      const dataset = toyDataset();
      await train({ dataset, datasetSources: ['toy'], config, runDir: dir });
      const path = join(dir, 'checkpoint.bin');
      // The model to save: the run's, trained two steps further here, so that no file holds it yet.
      const run = await restoredRun(dir, dataset);
      let model: Map<string, Float32Array>;
      try {
        trainStep(run.gan, run.batches, 6);
        trainStep(run.gan, run.batches, 7);
        model = valuesOf(run.gan.namedTensors());
        expect(differing(model, run.saved.tensors).length).toBeGreaterThan(0);
        const { tensors: _entries, crc32: _crc32, ...meta } = run.saved.header;
        const optimiserSteps = { generator: run.gan.optimiserG.step, discriminator: run.gan.optimiserD.step };
        expect(optimiserSteps).toEqual({ generator: 8, discriminator: 8 });
        await saveCheckpoint(path, { ...meta, step: 8, optimiserSteps }, run.gan.namedTensors());
      } finally {
        run.dispose();
      }
      const { shape } = run;

      // A training state restored for --resume holds every tensor of that model and its
      // optimisers' steps; a new one does not.
      const gan = new Gan(getArchitecture(config.arch), shape, config);
      try {
        expect(differing(valuesOf(gan.namedTensors()), model).length).toBeGreaterThan(0);
        gan.restore(await loadCheckpoint(path));
        const restored = valuesOf(gan.namedTensors());
        expect([...restored.keys()]).toEqual([...model.keys()]);
        expect(differing(model, restored)).toEqual([]);
        expect([gan.optimiserG.step, gan.optimiserD.step]).toEqual([8, 8]);
      } finally {
        gan.dispose();
      }

      // The generator `generate` loads is that model's moving average, which differs from
      // the generator built from the seed and not restored.
      const trained = await loadGenerator(dir, 'wasm');
      const asBuilt = getArchitecture(config.arch).buildGenerator(shape, trained.buildSeed, config.latentDim);
      try {
        expect(trained.averaged).toBe(true);
        expect(trained.header.step).toBe(8);
        const prefixed = (prefix: string, tensors: ReadonlyMap<string, tf.Tensor>) =>
          new Map([...valuesOf(tensors)].map(([name, values]) => [`${prefix}/${name}`, values]));
        const loaded = prefixed('generator-average', trained.generator.trainable);
        expect(differing(loaded, model)).toEqual([]);
        expect(differing(prefixed('generator-state', trained.generator.state), model)).toEqual([]);
        expect(differing(loaded, prefixed('generator-average', asBuilt.trainable)).length).toBeGreaterThan(0);
      } finally {
        asBuilt.dispose();
        trained.dispose();
      }
      expect((await generatorOutput(dir)).every(Number.isFinite)).toBe(true);
    });
  });

  it('refuses a non-empty run directory without --force or --resume', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'keep.txt'), 'mine');
      await expect(train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: dir })).rejects.toThrow(
        /not empty/,
      );
      expect(await readFile(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    });
  });

  it('reports a corrupt checkpoint in one line', async () => {
    await withTempDir(async (dir) => {
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config: { ...config, steps: 1 }, runDir: dir });
      const path = join(dir, 'checkpoint.bin');
      const bytes = await readFile(path);
      bytes[bytes.length - 5] ^= 0xff;
      await writeFile(path, bytes);
      await expect(loadGenerator(dir)).rejects.toThrow(/corrupt checkpoint .*checksum/);
      await writeFile(path, bytes.subarray(0, 100));
      await expect(loadGenerator(dir)).rejects.toThrow(/corrupt checkpoint/);
      await writeFile(path, 'hello');
      await expect(loadGenerator(dir)).rejects.toThrow(/not an accelgan checkpoint/);
    });
  });

  it('says to train again when a checkpoint was written by another version of its architecture', async () => {
    await withTempDir(async (dir) => {
      await train({ dataset: toyDataset(), datasetSources: ['toy'], config: { ...config, steps: 1 }, runDir: dir });
      const path = join(dir, 'checkpoint.bin');
      const { header, tensors } = await loadCheckpoint(path);
      // Every matrix one column narrower, as a version with fewer units would have written it.
      const rewritten = new Map(
        [...tensors].map(([name, t]) => {
          const tensor = tf.tensor(t.values, [...t.shape]);
          if (t.shape.length !== 2 || t.shape[1]! < 2) return [name, tensor];
          const narrower = tf.slice(tensor, [0, 0], [t.shape[0]!, t.shape[1]! - 1]);
          tensor.dispose();
          return [name, narrower];
        }),
      );
      const { tensors: _entries, crc32: _crc32, ...meta } = header;
      await saveCheckpoint(path, meta, rewritten);
      tf.dispose([...rewritten.values()]);
      await expect(loadGenerator(dir, 'wasm')).rejects.toThrow(
        /^checkpoint \S+ has shape \[\d+,\d+\] but the network expects \[\d+,\d+\]: was it written by another version of the styled architecture\? Train it again/,
      );
    });
  });

  it('rejects a missing run directory', async () => {
    await expect(loadGenerator('/nonexistent/run')).rejects.toThrow(/no run directory/);
  });
});
