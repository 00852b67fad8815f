import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { resolveConfig } from './config.js';
import { loadGenerator } from './generate.js';
import { toyDataset, withTempDir } from './test-helpers.js';
import { train } from './trainer.js';

describe('a run of an architecture that was removed', () => {
  it.each(['spectral', 'factored', 'anchored'])(
    'gets one line, when generated from or resumed, saying %s is gone, which release trained it, and to train again',
    async (removed) => {
      await withTempDir(async (dir) => {
        const config = resolveConfig({ arch: 'bench', steps: 1, batchSize: 8, backend: 'wasm', seed: 1 });
        await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: dir });
        // The same checkpoint as that release wrote it: its config names the removed architecture.
        const path = join(dir, 'checkpoint.bin');
        const { header, tensors } = await loadCheckpoint(path);
        const { tensors: _entries, crc32: _crc32, ...meta } = header;
        const asTensors = new Map([...tensors].map(([name, t]) => [name, tf.tensor(t.values, [...t.shape])]));
        await saveCheckpoint(path, { ...meta, config: { ...meta.config, arch: removed } }, asTensors);
        tf.dispose([...asTensors.values()]);
        const line = `architecture "${removed}" was removed: its runs were trained by @accelgan/model 0.1.x and must be trained again with the current default, styled`;
        await expect(loadGenerator(dir, 'wasm')).rejects.toThrow(line);
        await expect(
          train({
            dataset: toyDataset(),
            datasetSources: ['toy'],
            config: { ...config, steps: 2 },
            runDir: dir,
            resume: true,
          }),
        ).rejects.toThrow(line);
        // A user-facing error (one line on stderr from the CLI), not a crash.
        const error: unknown = await loadGenerator(dir, 'wasm').then(
          () => null,
          (e: unknown) => e,
        );
        expect((error as Error).name).toBe('AccelganError');
        expect((error as Error).message).toBe(line);
      });
    },
  );
});
