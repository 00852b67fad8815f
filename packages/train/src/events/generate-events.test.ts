import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWindows } from '@accelgan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { isIctalClass } from '../conditioning.js';
import { loadGenerator, type TrainedGenerator } from '../generate.js';
import { simulatedDataset } from '../test-helpers.js';
import { train } from '../trainer.js';
import { exportEvents } from './export-events.js';
import {
  checkEventRun,
  describeEventSettings,
  generateEvents,
  phaseClasses,
  type GeneratedEvents,
} from './generate-events.js';
import { DEFAULT_ROW_WALK_WIDTHS } from './row-walk.js';
import { BRIDGE_HALF, BRIDGE_SHIFT } from './seams.js';

/** A run of `steps` steps of `arch` on simulated recordings in a new folder `dir`, conditioned on phase; and its training events. */
async function phaseRun(
  dir: string,
  arch: string,
  steps: number,
  seed: number,
): Promise<{ trained: TrainedGenerator; trainEvents: number }> {
  const { dataset, path } = await simulatedDataset(dir, 16, 2);
  const config = resolveConfig({ arch, condition: 'phase', steps, batchSize: 16, backend: 'wasm', seed });
  await train({ dataset, datasetSources: [path], config, runDir: join(dir, 'run'), threads: 1 });
  const trainEvents = new Set(dataset.windows.eventId.filter((_, i) => dataset.windows.split[i] === 'train')).size;
  return { trained: await loadGenerator(join(dir, 'run'), 'wasm'), trainEvents };
}

/** A few steps of the bench architecture: enough to exercise the pipeline. */
let dir = '';
let trained: TrainedGenerator;
let trainEvents = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accelgan-events-'));
  ({ trained, trainEvents } = await phaseRun(dir, 'bench', 3, 1));
});
afterAll(async () => {
  trained?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const generate = (options: Partial<Parameters<typeof generateEvents>[1]> = {}): Promise<GeneratedEvents> =>
  generateEvents(trained, { events: 4, seed: 3, threads: 1, ...options });

/** Mean |x[t+1] − x[t]| at the 5 s boundaries of every event. */
function boundarySteps(generated: GeneratedEvents): number {
  const steps = generated.events.flatMap((e) =>
    e.datapoints.slice(1).map((p, k) => Math.abs(p.magnitude[0]! - e.datapoints[k]!.magnitude[124]!)),
  );
  return steps.reduce((a, b) => a + b, 0) / steps.length;
}

describe('whole-event generation', () => {
  it('records the training events in the checkpoint and conditions on the five phases', () => {
    expect(trained.header.classNames).toEqual(['non-ictal', 'ictal-early', 'ictal-mid', 'ictal-late', 'post-ictal']);
    expect(trained.header.eventOutlines).toHaveLength(trainEvents);
  });

  it('lays out events 5 s a datapoint, in integer milli-g, with the planned seizure', async () => {
    const generated = await generate();
    expect(generated.events).toHaveLength(4);
    generated.events.forEach((event, i) => {
      const plan = generated.plans[i]!;
      expect(event.id).toBe(`synthetic-event-00000${i + 1}`);
      expect(event.datapoints).toHaveLength(plan.datapoints);
      expect(event.seizureTimes).toEqual(plan.seizure);
      expect(event.datapoints.map((p) => p.time - event.time)).toEqual(
        Array.from({ length: plan.datapoints }, (_, k) => (k + 1) * 5000),
      );
      for (const p of event.datapoints) expect(p.magnitude.every((v) => Number.isInteger(v))).toBe(true);
    });
    expect(generated.phases).toHaveLength(generated.plans.reduce((n, p) => n + p.datapoints, 0));
  });

  it('gives the same events for the same seed, others for another', async () => {
    const a = await generate({ seed: 9 });
    const b = await generate({ seed: 9 });
    expect(b.events).toEqual(a.events);
    const c = await generate({ seed: 10 });
    expect(c.events[0]!.datapoints[0]!.magnitude).not.toEqual(a.events[0]!.datapoints[0]!.magnitude);
  });

  it('carries the latent walk through the generator: neighbours are alike at ρ near 1, not at 0', async () => {
    const spread = (g: GeneratedEvents) => {
      let sum = 0;
      let n = 0;
      for (const e of g.events) {
        for (let k = 1; k < e.datapoints.length; k++) {
          // Only neighbours of the same phase, so the class does not change between them.
          if (g.phases[n + k] !== g.phases[n + k - 1]) continue;
          const a = e.datapoints[k - 1]!.magnitude;
          const b = e.datapoints[k]!.magnitude;
          for (let t = 20; t < 125; t++) sum += Math.abs(a[t]! - b[t]!);
        }
        n += e.datapoints.length;
      }
      return sum;
    };
    const still = await generate({ rho: 0.999, seam: 'none' });
    const free = await generate({ rho: 0, seam: 'none' });
    expect(spread(still)).toBeLessThan(0.5 * spread(free));
  });

  it('removes the steps at the joins, by level offsets or by bridging windows', async () => {
    const raw = await generate({ seam: 'none', rho: 0 });
    const level = await generate({ seam: 'level', rho: 0 });
    const bridged = await generate({ seam: 'bridge', rho: 0 });
    expect(boundarySteps(level)).toBeLessThan(0.5 * boundarySteps(raw));
    expect(boundarySteps(bridged)).toBeLessThan(boundarySteps(raw));
    // Bridging rewrites only the samples around the boundaries, and the level becomes a
    // straight track through each half of a datapoint: in the middle of every datapoint the
    // bridged samples differ from the generated ones by a straight line on either side of its
    // centre (up to the watch's integer rounding).
    const residuals: number[] = [];
    bridged.events.forEach((e, i) => {
      e.datapoints.forEach((p, k) => {
        const rawSamples = raw.events[i]!.datapoints[k]!.magnitude;
        for (const [from, to] of [
          [30, 61],
          [64, 95],
        ] as const) {
          const diff = Array.from({ length: to - from + 1 }, (_, j) => p.magnitude[from + j]! - rawSamples[from + j]!);
          const slope = (diff[diff.length - 1]! - diff[0]!) / (diff.length - 1);
          diff.forEach((d, j) => residuals.push(Math.abs(d - diff[0]! - slope * j)));
        }
      });
    });
    expect(Math.max(...residuals)).toBeLessThanOrEqual(2);
    // … and the first sample of every later datapoint comes from a bridge (equal to the raw one only by chance, in integer mg).
    const firsts = (g: GeneratedEvents) => g.events.flatMap((e) => e.datapoints.slice(1).map((p) => p.magnitude[0]!));
    const before = firsts(raw);
    const changed = firsts(bridged).filter((v, i) => v !== before[i]).length;
    expect(changed).toBeGreaterThan(0.8 * before.length);
  });

  it.each(['json', 'csv', 'arrow'])(
    're-ingests from .%s: every datapoint a window, labels as planned',
    async (format) => {
      const generated = await generate({ events: 3 });
      const path = join(dir, `events.${format}`);
      await exportEvents(path, generated, trained, { seed: 3 });
      const { windows, meta } = await loadWindows([path]);
      expect(windows.eventId).toHaveLength(generated.phases.length);
      if (format === 'csv') {
        // The toolkit's CSV has no seizure times: every datapoint of a seizure event is ictal (event-level labels).
        const seizure = (e: (typeof generated.events)[number]) => e.seizureTimes !== null || e.type === 'Seizure';
        const types = generated.events.flatMap((e) => e.datapoints.map(() => (seizure(e) ? 1 : 0)));
        expect([...windows.ictal]).toEqual(types);
        expect(meta.labelling).toBe('event');
      } else {
        expect([...windows.ictal]).toEqual(generated.phases.map((p) => (isIctalClass(p) ? 1 : 0)));
        expect(meta.labelling).toBe('window');
      }
      expect(windows.values.subarray(0, 125)).toEqual(generated.events[0]!.datapoints[0]!.magnitude);
      // Ids no real OSDB event can have: syn-, a hash of the run and settings, the event's number.
      const ids = [...new Set(windows.eventId)].sort();
      expect(ids).toHaveLength(generated.events.length);
      for (const id of ids) expect(id).toMatch(/^syn-[0-9a-f]{8}-00000[1-3]$/);
      await expect(exportEvents(path, generated, trained, { seed: 3 })).rejects.toThrow(/exists; use --force/);
      if (format === 'json') {
        // The OSDB toolkit's conventions: datapoints exactly 5 s apart, hr and o2Sat null, OSD's fields on each.
        const events = JSON.parse(await readFile(path, 'utf8')) as {
          type: string;
          seizureTimes?: number[];
          sampleFreq: number;
          datapoints: { dataTime: string; hr: null; o2Sat: null; specPower: number; alarmState: number }[];
        }[];
        for (const event of events) {
          const times = event.datapoints.map((p) => Date.parse(p.dataTime));
          expect(times.slice(1).map((t, k) => t - times[k]!)).toEqual(times.slice(1).map(() => 5000));
          expect(event.sampleFreq).toBe(25);
          if (event.seizureTimes) expect(event.type).toBe('Seizure');
          for (const point of event.datapoints) {
            expect(point).toMatchObject({ hr: null, o2Sat: null });
            expect([0, 1, 2]).toContain(point.alarmState);
          }
        }
      }
      if (format === 'arrow') {
        // What made them, bridge geometry included (a constant of the code that has changed before).
        const meta = JSON.parse(await readFile(join(dir, 'events.meta.json'), 'utf8'));
        expect(meta.provenance.generatedBy).toContain(
          `seams bridge over 12 samples, ${BRIDGE_HALF}-sample bridges aligned within ±${BRIDGE_SHIFT}`,
        );
      }
    },
  );

  it('refuses runs that were not conditioned on phase, in one line', () => {
    const ictalRun = {
      runDir: 'r',
      header: { ...trained.header, config: { ...trained.header.config, condition: 'ictal' } },
    } as TrainedGenerator;
    expect(() => checkEventRun(ictalRun)).toThrow(
      'whole events need a run trained with --condition phase; r was trained with --condition ictal',
    );
  });

  it('generates a phase the training data lacked with the nearest one it had', () => {
    const classOf = phaseClasses(
      ['non-ictal', 'ictal-early', 'ictal-mid', 'ictal-late', 'post-ictal'],
      [10, 0, 5, 0, 0],
    );
    expect(
      ['non-ictal', 'ictal-early', 'ictal-mid', 'ictal-late', 'post-ictal'].map((p) => classOf(p as never)),
    ).toEqual([0, 2, 2, 2, 0]);
    expect(() =>
      phaseClasses(
        ['non-ictal', 'ictal-early', 'ictal-mid', 'ictal-late', 'post-ictal'],
        [10, 0, 0, 0, 0],
      )('ictal-mid'),
    ).toThrow(/no ictal training windows/);
  });
});

describe('whole events from a generator that draws rows of real windows (styled)', () => {
  let styledDir = '';
  let styled: TrainedGenerator;
  beforeAll(async () => {
    styledDir = await mkdtemp(join(tmpdir(), 'accelgan-events-styled-'));
    ({ trained: styled } = await phaseRun(styledDir, 'styled', 2, 2));
  });
  afterAll(async () => {
    styled?.dispose();
    await rm(styledDir, { recursive: true, force: true });
  });

  /**
   * |Δ datapoint mean| between neighbours in units of the larger of their two stds (how far
   * a wrist moving that much may shift its level), where the phase changes and where not.
   */
  const levelSteps = (g: GeneratedEvents) => {
    const at = { change: [] as number[], same: [] as number[] };
    let n = 0;
    for (const e of g.events) {
      const stats = e.datapoints.map((p) => {
        const mean = p.magnitude.reduce((a, b) => a + b, 0) / p.magnitude.length;
        return { mean, std: Math.sqrt(p.magnitude.reduce((a, b) => a + (b - mean) ** 2, 0) / p.magnitude.length) };
      });
      for (let k = 1; k < stats.length; k++) {
        const step = Math.abs(stats[k]!.mean - stats[k - 1]!.mean) / Math.max(stats[k]!.std, stats[k - 1]!.std, 1);
        (g.phases[n + k] !== g.phases[n + k - 1] ? at.change : at.same).push(step);
      }
      n += e.datapoints.length;
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return { change: mean(at.change), same: mean(at.same), changes: at.change.length };
  };

  it('keeps the wrist’s level through the phase changes far better than drifting through each class’s rows', async () => {
    expect(styled.generator.drawnFromData).toBeDefined();
    const walked = levelSteps(await generateEvents(styled, { events: 12, seed: 5, threads: 1, seam: 'none' }));
    // The same run, its rows drifted through by quantile as before the walk.
    const drifted = levelSteps(
      await generateEvents(styled, { events: 12, seed: 5, threads: 1, seam: 'none', rowWalk: null }),
    );
    expect(walked.changes).toBeGreaterThan(20);
    // The walk is part of the events' provenance; a generator without rows has none.
    const settings = (await generateEvents(styled, { events: 1, seed: 5, threads: 1 })).settings;
    expect(settings.rowWalk).toEqual(DEFAULT_ROW_WALK_WIDTHS);
    expect(describeEventSettings(settings)).toContain(
      "rows walked by value (kernel widths: level 0.15, log std 1, share 2 robust spreads; level steps 0.4 × the window's std)",
    );
    expect((await generate({ events: 1 })).settings.rowWalk).toBeNull();
    // The level still moves at a change, by a fraction of the windows' std as it does within
    // a phase, but less than when each class's row was drawn by quantile (on this simulated
    // run 0.6 of the larger std against 1.1; on the shared sample 40 mg against 105 mg at
    // a seizure's onset).
    expect(walked.change).toBeLessThan(0.7 * drifted.change);
    expect(walked.change).toBeLessThan(1);
  });
});
