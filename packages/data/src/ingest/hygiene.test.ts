import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDataset } from '../describe.js';
import { isAccelganError } from '../errors.js';
import { windowsCsvHeader } from '../export.js';
import { rawEvent, samples, useTempDir, writeText } from '../test-helpers.js';
import { IMPLAUSIBLE_REASON } from './event.js';
import { ingest } from './pipeline.js';

/** Issue 23's data-hygiene rows: odd values, repeats and garbage files. */

const tempDir = useTempDir();

async function ingestJson(events: unknown[]) {
  const path = await writeText(await tempDir(), 'events.json', JSON.stringify(events));
  return ingest([path], { valFraction: 0 });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAccelganError(error), String(error)).toBe(true);
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

describe('values that are not a recording', () => {
  it('drops and counts values that overflow float32 (1e39, 1e300): they would be stored as Infinity', async () => {
    const event = rawEvent({ id: 1 });
    const points = event.datapoints as Record<string, unknown>[];
    points[0]!.rawData = [...samples().slice(0, 124), 1e39];
    points[1]!.rawData = [1e300, ...samples().slice(1)];
    const { dataset, summary } = await ingestJson([event]);
    expect(summary.windows).toBe(4);
    expect(summary.skipped).toEqual({ 'datapoint: non-finite value': 2 });
    expect(dataset.windows.values.every(Number.isFinite)).toBe(true);
    const d = describeDataset(dataset);
    expect(Number.isFinite(d.values.milliG.max)).toBe(true);
  });

  it('drops and counts 3-D samples whose magnitude overflows float32', async () => {
    const event = rawEvent({ id: 1 });
    const points = event.datapoints as Record<string, unknown>[];
    delete points[0]!.rawData;
    points[0]!.rawData3D = Array.from({ length: 375 }, () => 3e38);
    const { summary } = await ingestJson([event]);
    expect(summary.skipped).toEqual({ 'datapoint: non-finite value': 1 });
  });

  it('drops and counts magnitudes outside 0–20,000 mg (1e12 mg, −500 mg), keeping 20,000 itself', async () => {
    const event = rawEvent({ id: 1 });
    const points = event.datapoints as Record<string, unknown>[];
    points[0]!.rawData = [...samples().slice(0, 124), 1e12];
    points[1]!.rawData = [-500, ...samples().slice(1)];
    points[2]!.rawData = [20_000, ...samples().slice(1)];
    const { summary } = await ingestJson([event]);
    expect(summary.windows).toBe(4);
    expect(summary.skipped).toEqual({ [IMPLAUSIBLE_REASON]: 2 });
  });

  it('drops and counts a windows-CSV row holding a value beyond float32', async () => {
    const header = windowsCsvHeader(125);
    const row = (id: string, last: string) => [id, '1', ...samples().slice(0, 124), last].join(',');
    const path = await writeText(await tempDir(), 'w.csv', `${header}\n${row('a', '1e39')}\n${row('b', '1000')}\n`);
    const { summary } = await ingest([path], { valFraction: 0 });
    expect(summary.windows).toBe(1);
    expect(summary.skipped).toEqual({ 'window: non-finite value': 1 });
  });
});

describe('repeats', () => {
  it('one event twice gives its windows once, and says so', async () => {
    const { summary } = await ingestJson([rawEvent({ id: 1 }), rawEvent({ id: 1 })]);
    expect(summary.windows).toBe(6);
    expect(summary.events).toBe(1);
    expect(summary.skipped).toEqual({ 'event: id seen before (the first kept)': 1 });
  });

  it('two different events sharing an id are not merged: the first is kept', async () => {
    const { dataset, summary } = await ingestJson([rawEvent({ id: 7, level: 1000 }), rawEvent({ id: 7, level: 3000 })]);
    expect(summary.windows).toBe(6);
    expect(describeDataset(dataset).values.milliG.max).toBeLessThan(1200);
    expect(summary.skipped['event: id seen before (the first kept)']).toBe(1);
  });

  it('the same recording under another id, even in another file, is dropped; overlapping recordings are kept', async () => {
    const dir = await tempDir();
    const a = await writeText(dir, 'all.json', JSON.stringify([rawEvent({ id: 1 }), rawEvent({ id: 2, level: 2000 })]));
    // Event 3 shares four of its six datapoints with event 1: a second alarm of the same recording.
    const overlapping = rawEvent({ id: 3, offsets: [15, 20, 25, 30, 35, 40] });
    (overlapping.datapoints as Record<string, unknown>[]).forEach((point, i) => {
      point.rawData = samples(1000 + i + 2);
    });
    const b = await writeText(dir, 'tc.json', JSON.stringify([rawEvent({ id: 99 }), overlapping]));
    const { summary } = await ingest([a, b], { valFraction: 0 });
    expect(summary.events).toBe(3);
    expect(summary.windows).toBe(18);
    expect(summary.skipped).toEqual({ 'event: same datapoints as an earlier event (the first kept)': 1 });
  });

  it('drops and counts datapoints repeating a time of their event', async () => {
    const { summary } = await ingestJson([rawEvent({ id: 1, offsets: [5, 10, 10, 15, 20, 20] })]);
    expect(summary.windows).toBe(4);
    expect(summary.skipped).toEqual({ 'datapoint: same time as another of its event (the first kept)': 2 });
  });

  it('drops repeated rows of a CSV event too', async () => {
    const columns = [
      'eventId',
      'userId',
      'type',
      'dataTime',
      ...samples().map((_, i) => `M${String(i).padStart(3, '0')}`),
    ];
    const row = (time: string) => ['5', '1', 'Seizure', time, ...samples()].join(',');
    const text = [
      columns.join(','),
      row('2024-01-01T00:00:05Z'),
      row('2024-01-01T00:00:05Z'),
      row('2024-01-01T00:00:10Z'),
    ];
    const path = await writeText(await tempDir(), 'e.csv', `${text.join('\n')}\n`);
    const { summary } = await ingest([path], { valFraction: 0 });
    expect(summary.windows).toBe(2);
    expect(summary.skipped).toEqual({ 'datapoint: same time as another of its event (the first kept)': 1 });
  });
});

describe('files that are neither JSON nor CSV', () => {
  async function zeros(name: string, bytes: number): Promise<string> {
    const path = join(await tempDir(), name);
    const handle = await open(path, 'w');
    // A sparse file: 200 MB of NUL bytes without writing them.
    await handle.truncate(bytes);
    await handle.close();
    return path;
  }

  it.each(['zeros.json', 'zeros.csv', 'zeros'])(
    'a 200 MB file of NUL bytes (%s) is refused from its first bytes, in one line',
    async (name) => {
      const path = await zeros(name, 200 * 1024 * 1024);
      const message = await failure(ingest([path]));
      expect(message).toBe(`${path}: not an OSDB JSON or CSV file (a NUL byte at byte 0: binary data)`);
    },
  );

  it('bytes that are not UTF-8, and a "CSV" with no line break in its first MB, are refused', async () => {
    const dir = await tempDir();
    const binary = join(dir, 'noise.csv');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + (i % 100);
    await writeText(dir, 'noise.csv', '');
    const handle = await open(binary, 'w');
    await handle.write(bytes);
    await handle.close();
    expect(await failure(ingest([binary]))).toMatch(/noise\.csv: not an OSDB JSON or CSV file \(not UTF-8 text\)/);
    const line = await writeText(dir, 'line.csv', 'x'.repeat(2 * 1024 * 1024));
    expect(await failure(ingest([line]))).toMatch(/line\.csv: not an OSDB JSON or CSV file \(no line break/);
  });
});
