import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordBatch, Schema, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readDataset, sidecarPath, writeDataset } from './arrow.js';
import { buildDataset } from './dataset.js';
import { isAccelganError } from './errors.js';
import { useTempDir } from './test-helpers.js';
import type { Dataset } from './types.js';
import { WindowTableBuilder } from './windows.js';

const tempDir = useTempDir();

function sampleDataset(): Dataset {
  const builder = new WindowTableBuilder(125);
  for (let i = 0; i < 40; i++) {
    const values = Float32Array.from({ length: 125 }, (_, j) => 1000 + Math.sin(i * 125 + j) * 321.123 + 1e-3 * j);
    // Events 0–3 had a seizure 20 s long, the others none (NaN).
    const seizure =
      i % 8 < 4 ? { seizureStart: 1.6e12 + i * 5000 - 10_000, seizureEnd: 1.6e12 + i * 5000 + 10_000 } : {};
    builder.add({
      eventId: `event ${i % 8}`,
      userId: i % 2 ? '39' : '45',
      type: 'Seizure',
      subType: ['Aura', '', 'Tonic-Clonic'][i % 3]!,
      startTime: 1.6e12 + i * 5000,
      ictal: i % 4 === 0,
      values,
      ...seizure,
    });
  }
  return buildDataset(builder.build(), {
    windowSeconds: 5,
    strideSeconds: 5,
    split: { valFraction: 0.25, seed: 9 },
    scale: 'zscore',
    filters: { types: [], subTypes: [], users: [] },
    sources: [{ path: 'in.json', format: 'osdb-json', events: 8, datapoints: 40 }],
    skipped: { 'datapoint: rawData length 124': 2 },
  });
}

describe('Arrow datasets', () => {
  it('round-trips values bitwise and metadata exactly, with a sidecar', async () => {
    const dir = await tempDir();
    const path = join(dir, 'set.arrow');
    const dataset = sampleDataset();
    await writeDataset(path, dataset);
    expect((await readdir(dir)).sort()).toEqual(['set.arrow', 'set.meta.json']);
    const read = await readDataset(path);
    expect(read.meta).toEqual(dataset.meta);
    expect(JSON.parse(await readFile(join(dir, 'set.meta.json'), 'utf8'))).toEqual(dataset.meta);
    expect(
      new Uint32Array(read.windows.values.buffer, read.windows.values.byteOffset, read.windows.values.length),
    ).toEqual(
      new Uint32Array(dataset.windows.values.buffer, dataset.windows.values.byteOffset, dataset.windows.values.length),
    );
    const { values: _a, ...restRead } = read.windows;
    const { values: _b, ...restWritten } = dataset.windows;
    expect(restRead).toEqual(restWritten);
  });

  it('is plain Arrow: columns and types others can read, metadata under "accelgan"', async () => {
    const path = join(await tempDir(), 'set.arrow');
    await writeDataset(path, sampleDataset());
    const table = tableFromIPC(await readFile(path));
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'window:FixedSizeList[125]<Float32>',
      'eventId:Dictionary<Int32, Utf8>',
      'userId:Dictionary<Int32, Utf8>',
      'type:Dictionary<Int32, Utf8>',
      'subType:Dictionary<Int32, Utf8>',
      'startTime:Float64',
      'ictal:Bool',
      'split:Dictionary<Int32, Utf8>',
      'seizureStart:Float64',
      'seizureEnd:Float64',
    ]);
    expect(JSON.parse(table.schema.metadata.get('accelgan')!).format).toBe('accelgan-dataset');
    expect((await readFile(path)).subarray(0, 6).toString()).toBe('ARROW1');
  });

  it('reads files written before the seizure columns existed, as no seizure known', async () => {
    const dir = await tempDir();
    const path = join(dir, 'new.arrow');
    const dataset = sampleDataset();
    await writeDataset(path, dataset);
    const full = tableFromIPC(await readFile(path));
    const old = full.select(['window', 'eventId', 'userId', 'type', 'subType', 'startTime', 'ictal', 'split']);
    const schema = new Schema(old.schema.fields, full.schema.metadata);
    await writeFile(
      join(dir, 'old.arrow'),
      tableToIPC(
        new Table(
          schema,
          old.batches.map((b) => new RecordBatch(schema, b.data)),
        ),
        'file',
      ),
    );
    const read = await readDataset(join(dir, 'old.arrow'));
    expect(read.windows.seizureStart).toHaveLength(40);
    expect([...read.windows.seizureStart, ...read.windows.seizureEnd].every(Number.isNaN)).toBe(true);
    expect(read.windows.values).toEqual(dataset.windows.values);
    expect(Number.isNaN(dataset.windows.seizureStart[4]!)).toBe(true);
    expect(dataset.windows.seizureEnd[0]! - dataset.windows.seizureStart[0]!).toBe(20_000);
  });

  it('refuses to overwrite the file or its sidecar without force', async () => {
    const dir = await tempDir();
    const path = join(dir, 'set.arrow');
    await writeFile(join(dir, 'set.meta.json'), '{}');
    const error = await writeDataset(path, sampleDataset()).catch((e: unknown) => e);
    expect(isAccelganError(error) && error.message).toBe(
      `${join(dir, 'set.meta.json')} exists; use --force to overwrite`,
    );
    expect(await readdir(dir)).toEqual(['set.meta.json']);
    await writeDataset(path, sampleDataset(), { force: true });
    await writeDataset(path, sampleDataset(), { force: true });
    expect((await readdir(dir)).sort()).toEqual(['set.arrow', 'set.meta.json']);
  });

  it('names sidecars by replacing the extension', () => {
    expect(sidecarPath('out/x.arrow')).toBe('out/x.meta.json');
    expect(sidecarPath('x')).toBe('x.meta.json');
    expect(sidecarPath('a.b/x')).toBe('a.b/x.meta.json');
  });

  it('reports files that are not datasets in one line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'junk.arrow'), 'not arrow at all');
    for (const [name, pattern] of [
      ['junk.arrow', /not an Arrow IPC file/],
      ['missing.arrow', /no such file/],
    ] as const) {
      const error = await readDataset(join(dir, name)).catch((e: unknown) => e);
      expect(isAccelganError(error) && error.message).toMatch(pattern);
    }
  });
});
