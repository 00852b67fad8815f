/** Shared fixtures for the eval tests: small generated windows with known properties. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng, normal } from './util/rng.js';
import type { WindowSet } from './types.js';
import { DATAPOINT_SAMPLES, type EventSeries } from './events/event-series.js';

/** n windows of a pure sinusoid (milli-g): offset + amplitude·sin(2π f t / fs + phase_i). */
export function sineWindows(
  n: number,
  freqHz: number,
  options: { length?: number; amplitude?: number; offset?: number; seed?: number } = {},
): WindowSet {
  const l = options.length ?? 125;
  const rand = makeRng(options.seed ?? 1);
  const values = new Float32Array(n * l);
  for (let i = 0; i < n; i++) {
    const phase = rand() * 2 * Math.PI;
    for (let t = 0; t < l; t++)
      values[i * l + t] =
        (options.offset ?? 1000) + (options.amplitude ?? 200) * Math.sin((2 * Math.PI * freqHz * t) / 25 + phase);
  }
  return { samplesPerWindow: l, values };
}

/** n windows of white Gaussian noise. */
export function noiseWindows(
  n: number,
  options: { length?: number; mean?: number; std?: number; seed?: number } = {},
): WindowSet {
  const l = options.length ?? 125;
  const rand = makeRng(options.seed ?? 2);
  const values = new Float32Array(n * l);
  for (let i = 0; i < values.length; i++) values[i] = (options.mean ?? 1000) + (options.std ?? 50) * normal(rand);
  return { samplesPerWindow: l, values };
}

/**
 * A toy recording set: `events` events of `windowsPerEvent` windows, the middle third of
 * each event ictal (rhythmic 3–7 Hz shaking with harmonics), the rest quiet wrist motion.
 */
export function toyRecordings(
  options: {
    events?: number;
    windowsPerEvent?: number;
    length?: number;
    seed?: number;
    prefix?: string;
    ictalAmplitude?: number;
  } = {},
): WindowSet {
  const events = options.events ?? 12;
  const per = options.windowsPerEvent ?? 9;
  const l = options.length ?? 125;
  const rand = makeRng(options.seed ?? 3);
  const n = events * per;
  const values = new Float32Array(n * l);
  const ictal = new Uint8Array(n);
  const eventId: string[] = [];
  for (let e = 0; e < events; e++) {
    const base = 980 + 60 * rand();
    const freq = 3 + 4 * rand();
    const amp = (options.ictalAmplitude ?? 250) * (0.6 + 0.8 * rand());
    for (let w = 0; w < per; w++) {
      const i = e * per + w;
      const isIctal = w >= per / 3 && w < (2 * per) / 3;
      ictal[i] = isIctal ? 1 : 0;
      eventId.push(`${options.prefix ?? 'ev'}${e}`);
      let drift = 0;
      const phase = rand() * 2 * Math.PI;
      const slowFreq = 0.3 + rand();
      const slowAmp = 30 + 60 * rand();
      for (let t = 0; t < l; t++) {
        drift += normal(rand) * 3;
        let v = base + drift + slowAmp * Math.sin((2 * Math.PI * slowFreq * t) / 25 + phase) + 12 * normal(rand);
        if (isIctal) {
          const s = (2 * Math.PI * freq * t) / 25 + phase;
          v += amp * (Math.sin(s) + 0.3 * Math.sin(2 * s + 1)) + 40 * normal(rand);
        }
        values[i * l + t] = v;
      }
    }
  }
  return { samplesPerWindow: l, values, ictal, eventId };
}

/**
 * Windows whose structure no linear Gaussian process has, in whole milli-g: a wave that
 * rises quickly and falls slowly (asymmetric in time), short sharp peaks (3 samples:
 * up 120, 250, then 60 mg) at random, on gravity, with Gaussian noise of 25 mg; `events`
 * events of `windowsPerEvent` windows, each event its own period (0.6–1.2 s), height and
 * level. Spectra and value distributions of their IAAFT surrogates match theirs.
 */
export function nonlinearWindows(
  options: { events?: number; windowsPerEvent?: number; seed?: number; prefix?: string } = {},
): WindowSet {
  const events = options.events ?? 20;
  const per = options.windowsPerEvent ?? 8;
  const l = 125;
  const rand = makeRng(options.seed ?? 1);
  const values = new Float32Array(events * per * l);
  const eventId: string[] = [];
  for (let e = 0; e < events; e++) {
    const period = 15 + rand() * 15;
    const height = 60 + 60 * rand();
    const level = 950 + 100 * rand();
    const rise = 0.15 + 0.1 * rand();
    for (let w = 0; w < per; w++) {
      const i = e * per + w;
      eventId.push(`${options.prefix ?? 'n'}${e}`);
      const shift = rand() * period;
      let spike = 0;
      for (let t = 0; t < l; t++) {
        const phase = ((t + shift) % period) / period;
        let v = level + height * (phase < rise ? phase / rise : (1 - phase) / (1 - rise));
        if (spike > 0) spike--;
        else if (rand() < 0.03) spike = 3;
        v += spike === 3 ? 120 : spike === 2 ? 250 : spike === 1 ? 60 : 0;
        values[i * l + t] = Math.round(v + 25 * normal(rand));
      }
    }
  }
  return { samplesPerWindow: l, values, eventId };
}

/** The repository root (packages/eval/src → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The shared real OSDB sample, beside the repository; absent on a fresh machine. */
export const osdbSamplePath = join(repoRoot, '..', 'shared', 'data', 'osdb', 'osdb_sample_seizures.json');
export const haveOsdbSample = existsSync(osdbSamplePath);

/**
 * Constructed events for tests: gravity (1000 mg) plus a 5 Hz rhythm of `amplitude` mg
 * in the datapoints [from, to) (default: the ictal ones), plus a little seeded noise.
 */
export function constructedEvent(options: {
  id?: string;
  datapoints: number;
  seizure: readonly [number, number] | null;
  rhythm?: readonly [number, number];
  amplitude?: number;
  freqHz?: number;
  seed?: number;
  subType?: string;
}): EventSeries {
  const n = options.datapoints;
  const [from, to] =
    options.rhythm ??
    (options.seizure
      ? [Math.ceil(options.seizure[0] / 5 - 0.5), Math.floor(options.seizure[1] / 5 - 0.5) + 1]
      : [0, 0]);
  const amplitude = options.amplitude ?? 300;
  const f = options.freqHz ?? 5;
  let state = options.seed ?? 7;
  const noise = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 4;
  const values = new Float32Array(n * DATAPOINT_SAMPLES);
  for (let t = 0; t < values.length; t++) {
    const k = Math.floor(t / DATAPOINT_SAMPLES);
    values[t] = 1000 + (k >= from && k < to ? amplitude * Math.sin((2 * Math.PI * f * t) / 25) : 0) + noise();
  }
  return {
    id: options.id ?? 'e',
    type: 'Seizure',
    subType: options.subType ?? 'Tonic-Clonic',
    values,
    datapoints: n,
    seizure: options.seizure,
  };
}

/**
 * Builds this package's `dist` (what worker threads run) for tests that need it. Test
 * files run in parallel, so builds take turns through a lock directory (mkdir is atomic);
 * the later ones find everything up to date.
 */
export async function buildDist(): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { mkdir, rmdir, stat } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { promisify } = await import('node:util');
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));
  const lock = join(tmpdir(), 'accelgan-eval-build.lock');
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
