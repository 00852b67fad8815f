import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from './ingest/read.js';
import { SkipCounter } from './skips.js';
import { eventWindows, windowShape } from './windows.js';

/**
 * Streaming: a file of ~300 MB is read event by event while memory is sampled.
 * The windows ingest keeps would themselves grow with the file (that is their
 * point), so this test drives the streaming part of the pipeline, reading and
 * windowing every event, and drops the windows, as the memory claim is about
 * reading: holding one event at a time, whatever the file size.
 */
const TARGET_BYTES = 300 * 1024 * 1024;

describe.skipIf(process.env.ACCELGAN_SKIP_SLOW === '1')('[slow] streaming a large OSDB file', () => {
  let dir: string;
  let path: string;
  let written = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-stream-'));
    path = join(dir, 'big.json');
    written = await writeLargeFile(path, TARGET_BYTES);
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every event of a ~300 MB file with heap growth far below the file size', async () => {
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(TARGET_BYTES);
    global.gc?.();
    const before = process.memoryUsage();
    const heap: number[] = [];
    let peakRss = before.rss;
    let events = 0;
    let datapoints = 0;
    let windows = 0;
    const skipped = new SkipCounter();
    const shape = windowShape(5);
    for await (const event of readEvents(path, skipped)) {
      events++;
      datapoints += event.datapoints.length;
      for (const _ of eventWindows(event, shape, skipped)) windows++;
      if (events % 50 === 0) {
        const now = process.memoryUsage();
        heap.push(now.heapUsed);
        peakRss = Math.max(peakRss, now.rss);
      }
    }
    expect(events).toBe(written);
    expect(datapoints).toBe(written * DATAPOINTS_PER_EVENT);
    expect(windows).toBe(datapoints);
    expect(skipped.total).toBe(0);
    const heapGrowth = Math.max(...heap) - before.heapUsed;
    const rssGrowth = peakRss - before.rss;
    // JSON.parse of the whole file would need several times its size. Streaming holds
    // one event plus garbage not yet collected: tens of MB, however large the file.
    expect(heapGrowth).toBeLessThan(size / 5);
    expect(rssGrowth).toBeLessThan(size / 3);
    // And it does not creep up as the file goes on: the last third peaks no higher than the first.
    const third = Math.floor(heap.length / 3);
    expect(Math.max(...heap.slice(-third))).toBeLessThan(Math.max(...heap.slice(0, third)) + size / 10);
  }, 120_000);
});

const DATAPOINTS_PER_EVENT = 36;

/** Writes events like real ones (float rawData, 3-D data, spectra) until `bytes` are written; returns the event count. */
async function writeLargeFile(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const variants = Array.from({ length: 8 }, (_, v) =>
    Array.from({ length: DATAPOINTS_PER_EVENT }, (_, j) => {
      const rawData = Array.from({ length: 125 }, (_, i) =>
        (1000 + 300 * Math.sin((i + j + v) / 3) + i / 7).toFixed(6),
      );
      const rawData3D = Array.from({ length: 375 }, (_, i) => Math.round(600 * Math.cos((i + v) / 5)));
      return `{"dataTime":"2022-05-28T07:${String(10 + Math.floor((j * 5) / 60)).padStart(2, '0')}:${String((j * 5) % 60).padStart(2, '0')}Z","eventId":0,"hr":-1,"specPower":15,"roiPower":26,"simpleSpec":[378,171,58,41,11,30,30,15,8,13],"rawData":[${rawData.join(',')}],"rawData3D":[${rawData3D.join(',')}]}`;
    }).join(','),
  );
  let total = 1;
  let count = 0;
  out.write('[');
  while (total < bytes) {
    const chunk = `${count ? ',' : ''}{"id":${count},"userId":${count % 5},"type":"Seizure","subType":"Tonic-Clonic","dataTime":"2022-05-28T07:11:00Z","desc":"generated","seizureTimes":[-30,40],"datapoints":[${variants[count % variants.length]}]}\n`;
    total += Buffer.byteLength(chunk);
    count++;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end(']');
  await once(out, 'finish');
  return count;
}
