import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/**
 * The real OSDB sample lives beside the repository (../shared/data/osdb from its
 * root), never in it. Resolved from this file so that a fresh clone with ../shared
 * next to it finds it too; tests that need it skip where it is absent.
 */
export const SHARED_OSDB = fileURLToPath(new URL('../../../../shared/data/osdb/', import.meta.url));
export const hasSharedOsdb = existsSync(join(SHARED_OSDB, 'osdb_sample_seizures.json'));

/** A temporary directory per test, removed afterwards. */
export function useTempDir(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'accelgan-data-'));
    made.push(dir);
    return dir;
  };
}

export async function writeText(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** 125 samples: a sine around `level` milli-g, integers unless `floats`. */
export function samples(level = 1000, amplitude = 50, floats = false, hz = 2): number[] {
  return Array.from({ length: 125 }, (_, i) => {
    const v = level + amplitude * Math.sin((2 * Math.PI * hz * i) / 25);
    return floats ? Number(v.toFixed(4)) : Math.round(v);
  });
}

export interface RawEventOptions {
  id?: number | string;
  userId?: number | string;
  type?: string;
  subType?: string | null;
  /** Event time, dd-mm-yyyy or ISO. */
  dataTime?: string;
  seizureTimes?: [number, number] | null;
  /** Datapoint times as seconds from `start` (an ISO time); default every 5 s. */
  offsets?: number[];
  start?: string;
  iso?: boolean;
  floats?: boolean;
  level?: number;
}

/** An OSDB event object as files hold it, with datapoints at the given offsets. */
export function rawEvent(options: RawEventOptions = {}): Record<string, unknown> {
  const start = Date.parse(options.start ?? '2022-05-28T07:04:00Z');
  const offsets = options.offsets ?? [5, 10, 15, 20, 25, 30];
  const stamp = (ms: number): string => (options.iso ? isoTime(ms) : dayFirst(ms));
  const event: Record<string, unknown> = {
    id: options.id ?? 5705,
    userId: options.userId ?? 39,
    type: options.type ?? 'Seizure',
    subType: options.subType === undefined ? 'Tonic-Clonic' : options.subType,
    dataTime: options.dataTime ?? stamp(start + 15_000),
    desc: 'test event',
    osdAlarmState: 0,
    datapoints: offsets.map((offset, i) => ({
      dataTime: stamp(start + offset * 1000),
      eventId: options.id ?? 5705,
      hr: -1,
      id: 1000 + i,
      simpleSpec: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      rawData: samples(options.level ?? 1000 + i, 50, options.floats ?? false),
    })),
  };
  if (options.seizureTimes !== null) event.seizureTimes = options.seizureTimes ?? [0, 10];
  return event;
}

export function dayFirst(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
