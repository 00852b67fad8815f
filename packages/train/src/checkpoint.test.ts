import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint, type CheckpointHeader } from './checkpoint.js';
import { resolveConfig } from './config.js';
import { generateWindows, loadGenerator } from './generate.js';
import { toyDataset, withTempDir } from './test-helpers.js';
import { train } from './trainer.js';

const config = resolveConfig({ arch: 'bench', steps: 1, batchSize: 8, backend: 'wasm', seed: 3, logEvery: 1 });

/** A run of one step in `dir`; returns its checkpoint's path. */
async function oneStep(dir: string): Promise<string> {
  await train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir: dir });
  return join(dir, 'checkpoint.bin');
}

/** The header and data section of a version-2 checkpoint file. */
function parts(file: Buffer): { header: CheckpointHeader; data: Buffer } {
  const length = file.readUInt32LE(8);
  const header = JSON.parse(file.subarray(16, 16 + length).toString('utf8')) as CheckpointHeader;
  return { header, data: file.subarray((16 + length + 3) & ~3) };
}

/** A checkpoint file as `version` lays it out, with valid checksums for whatever `header` says. */
function layout(version: 1 | 2, header: object, data: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify({ ...header, version, crc32: crc32(data) }));
  const prelude = version === 2 ? 16 : 12;
  const start = (prelude + json.length + 3) & ~3;
  const file = Buffer.alloc(start + data.length);
  file.write(version === 2 ? 'ACGCKPT2' : 'ACGCKPT1', 0, 'latin1');
  file.writeUInt32LE(json.length, 8);
  if (version === 2) file.writeUInt32LE(crc32(json), 12);
  json.copy(file, prelude);
  data.copy(file, start);
  return file;
}

async function sample(runDir: string): Promise<Float32Array> {
  const trained = await loadGenerator(runDir, 'wasm');
  try {
    return (await generateWindows(trained, { n: 4, seed: 1 })).values;
  } finally {
    trained.dispose();
  }
}

describe('checkpoint files', () => {
  it('checksums the header: a flipped digit of the stored normalisation is refused in one line', async () => {
    await withTempDir(async (dir) => {
      const path = await oneStep(dir);
      const file = await readFile(path);
      const text = file.toString('latin1');
      const at = text.indexOf('"offset":1000,"scale"');
      expect(at).toBeGreaterThan(0);
      file.write('5', at + '"offset":'.length, 'latin1'); // 1000 → 5000 mg
      await writeFile(path, file);
      await expect(loadGenerator(dir)).rejects.toThrow(/^corrupt checkpoint \S+: header checksum mismatch$/);
    });
  });

  it('refuses a crafted header with valid checksums before building anything, in one line', async () => {
    await withTempDir(async (dir) => {
      const path = await oneStep(dir);
      const { header, data } = parts(await readFile(path));
      const crafted: [object, RegExp][] = [
        [{ config: { ...header.config, latentDim: 1e6 } }, /config latentDim must be .* at most 1024, got 1000000$/],
        [{ samplesPerWindow: 2e6 }, /samplesPerWindow must be from 1 to 1500, got 2000000$/],
        [{ classNames: Array.from({ length: 1000 }, (_, i) => `c${i}`) }, /classNames must be 1 to 64 names$/],
        [{ classCounts: [1] }, /classCounts must be a count per class$/],
        [{ normalisation: { ...header.normalisation, scale: 0 } }, /normalisation must have .* positive scale$/],
        [
          { eventOutlines: [{ type: 'Seizure', subType: '', seconds: 1e12, seizure: null }] },
          /eventOutlines must be events of at most 86400 s$/,
        ],
        [
          { tensors: header.tensors.map((t, i) => (i === 1 ? { ...t, offset: t.offset + 1 } : t)) },
          /tensor \S+: length \d+ at \d+ does not follow from its shape/,
        ],
        [
          { tensors: header.tensors.map((t, i) => (i === 0 ? { ...t, shape: [1e5, 1e5], length: 1e10 } : t)) },
          /does not follow from its shape|expected \d+ data bytes/,
        ],
      ];
      for (const [change, message] of crafted) {
        await writeFile(path, layout(2, { ...header, ...change }, data));
        const error = await loadGenerator(dir).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message, JSON.stringify(change).slice(0, 80)).toMatch(message);
        expect(error?.message.split('\n')).toHaveLength(1);
        expect(error?.message).toMatch(/^corrupt checkpoint /);
      }
      // A shape the architecture does not build, in a consistent index, is refused as it is restored.
      const averaged = header.tensors.some((t) => t.name.startsWith('generator-average/'));
      const restored = header.tensors.findIndex((t) =>
        t.name.startsWith(averaged ? 'generator-average/' : 'generator/'),
      );
      expect(restored).toBeGreaterThanOrEqual(0);
      const reshaped = header.tensors.map((t, i) => (i === restored ? { ...t, shape: [t.length, 1] } : t));
      await writeFile(path, layout(2, { ...header, tensors: reshaped }, data));
      await expect(loadGenerator(dir, 'wasm')).rejects.toThrow(/has shape \[\d+,1\] but the network expects/);
    });
  });

  it('still loads version 1 checkpoints (no header checksum), with their data checked', async () => {
    await withTempDir(async (dir) => {
      const path = await oneStep(dir);
      const current = await readFile(path);
      const before = await sample(dir);
      const { header, data } = parts(current);
      const v1 = layout(1, header, data);
      await writeFile(path, v1);
      const loaded = await loadCheckpoint(path);
      expect(loaded.header.version).toBe(1);
      expect(await sample(dir)).toEqual(before);
      v1[v1.length - 3]! ^= 0xff;
      await writeFile(path, v1);
      await expect(loadCheckpoint(path)).rejects.toThrow(/^corrupt checkpoint \S+: checksum mismatch$/);
    });
  });

  it('writes version 2 whatever version the header it is given says', async () => {
    await withTempDir(async (dir) => {
      const path = await oneStep(dir);
      const { header, tensors } = await loadCheckpoint(path);
      const { tensors: _entries, crc32: _crc, ...meta } = header;
      const tf = await import('@tensorflow/tfjs-core');
      const live = new Map([...tensors].map(([name, t]) => [name, tf.tensor(t.values, [...t.shape])]));
      await saveCheckpoint(path, { ...meta, version: 1 }, live);
      tf.dispose([...live.values()]);
      const file = await readFile(path);
      expect(file.subarray(0, 8).toString('latin1')).toBe('ACGCKPT2');
      expect((await loadCheckpoint(path)).header.version).toBe(2);
    });
  });
});
