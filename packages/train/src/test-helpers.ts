import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, DatasetMeta } from '@accelgan/data';

/**
 * A small normalised dataset of sinusoid-plus-noise windows: class 1 ("ictal")
 * oscillates at 5 Hz, class 0 at 1 Hz. Deterministic.
 */
/** Toy windows: 5 Hz ictal, 1 Hz non-ictal sines with noise; `quantised` puts them on whole milli-g as a watch reports them. */
export function toyDataset(windows = 48, samplesPerWindow = 125, quantised = false): Dataset {
  const values = new Float32Array(windows * samplesPerWindow);
  const ictal = new Uint8Array(windows);
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < windows; i++) {
    ictal[i] = i % 3 === 0 ? 1 : 0;
    const f = ictal[i] ? 5 : 1;
    const phase = random() * 2 * Math.PI;
    for (let t = 0; t < samplesPerWindow; t++) {
      const value = 0.5 * Math.sin((2 * Math.PI * f * t) / 25 + phase) + 0.05 * (random() - 0.5);
      values[i * samplesPerWindow + t] = quantised ? Math.round(value * 500) / 500 : value;
    }
  }
  const eventId = Array.from({ length: windows }, (_, i) => `e${Math.floor(i / 4)}`);
  const split = eventId.map((id) => (Number(id.slice(1)) % 5 === 4 ? 'val' : 'train') as 'train' | 'val');
  const meta: DatasetMeta = {
    format: 'accelgan-dataset',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    sampleRateHz: 25,
    windowSeconds: samplesPerWindow / 25,
    samplesPerWindow,
    normalisation: {
      method: 'minmax',
      offset: 1000,
      scale: 500,
      fitted: { min: 500, max: 1500, mean: 1000, std: 200, samples: values.length },
    },
    split: { valFraction: 0.2, seed: 0, trainEvents: [], valEvents: [] },
    filters: { types: [], subTypes: [], users: [] },
    sources: [{ path: 'toy', format: 'synthetic', events: windows / 4, datapoints: windows }],
    counts: { windows, events: windows / 4, ictal: 0, nonIctal: 0, train: 0, val: 0 },
    skipped: {},
  };
  return {
    meta,
    windows: {
      samplesPerWindow,
      values,
      eventId,
      userId: eventId.map(() => 'u1'),
      type: eventId.map(() => 'Seizure'),
      subType: eventId.map((_, i) => (i % 2 ? 'Tonic-Clonic' : 'Other')),
      startTime: Float64Array.from({ length: windows }, (_, i) => i * 5000),
      ictal,
      seizureStart: new Float64Array(windows).fill(Number.NaN),
      seizureEnd: new Float64Array(windows).fill(Number.NaN),
      split,
    },
  };
}

/** Runs `body` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'accelgan-train-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Builds this package's `dist` (what worker threads run) for tests that need it. Test
 * files run in parallel, so builds take turns through a lock directory (mkdir is atomic);
 * the later ones find everything up to date.
 */
export async function buildDist(): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { mkdir, rmdir, stat } = await import('node:fs/promises');
  const { promisify } = await import('node:util');
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));
  const lock = join(tmpdir(), 'accelgan-train-build.lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A lock left by a crashed run is old; a build takes seconds.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rmdir(lock).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await promisify(execFile)('pnpm', ['exec', 'tsc', '-b', '.'], { cwd: packageRoot });
  } finally {
    await rmdir(lock);
  }
}

/**
 * A normalised dataset ingested from `events` simulated recordings (the built-in simulator:
 * seizures with seizureTimes, false alarms, holes), written to `dir` first as ingest reads files.
 */
export async function simulatedDataset(
  dir: string,
  events = 16,
  seed = 2,
): Promise<{ dataset: Dataset; path: string }> {
  const { ingest, simulateEvents, writeOsdbJson } = await import('@accelgan/data');
  const path = join(dir, 'simulated.json');
  await writeOsdbJson(path, simulateEvents({ events, seed }));
  const { dataset } = await ingest([path], { scale: 'zscore', valFraction: 0.2, seed: 1 });
  return { dataset, path };
}
