import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDataset, simulateEvents, writeOsdbJson, type OsdbEvent } from '@accelgan/data';
import { collectStudy } from './collect.js';
import type { DetectUnitRecord } from './detect-unit.js';
import { windowDigests } from './fold-data.js';
import type { GanUnitRecord } from './gan-unit.js';
import { STUDY_DEFAULTS, type StudyOptions } from './options.js';
import { planStudy, readPlan, STUDY_FILES, type StudyPlan } from './plan.js';
import { runStudyUnit, unitDone, unitPaths, UNIT_FILES, type UnitRecord } from './run-unit.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny study: 2 folds × 1 seed, a 3-step bench GAN, a 5-step CNN. */
const TINY: StudyOptions = {
  ...STUDY_DEFAULTS,
  folds: 2,
  seeds: 1,
  gan: { ...STUDY_DEFAULTS.gan, steps: 3, arch: 'bench', set: { batchSize: 8 } },
  cnn: { ...STUDY_DEFAULTS.cnn, steps: 5, filters: 4 },
  trees: { ...STUDY_DEFAULTS.trees, iterations: 10 },
  backend: 'wasm',
};

/**
 * Simulated recordings plus one that overlaps the first: an alarm a minute later on the
 * same wrist, sharing half its datapoints, as OSDB stores such pairs.
 */
function recordings(): OsdbEvent[] {
  const events = simulateEvents({ events: 12, seed: 3 });
  const first = events[0]!;
  const half = Math.floor(first.datapoints.length / 2);
  const shared = first.datapoints.slice(half);
  const last = shared[shared.length - 1]!.time;
  const more = first.datapoints.slice(0, half).map((p, k) => ({ ...p, time: last + 5_000 * (k + 1) }));
  const overlapping: OsdbEvent = {
    ...first,
    id: `${first.id}-again`,
    time: shared[0]!.time,
    seizureTimes: null,
    datapoints: [...shared, ...more],
  };
  return [...events, overlapping];
}

let plan: StudyPlan;
let study = '';
beforeAll(async () => {
  const input = join(dir, 'recordings.json');
  await writeOsdbJson(input, recordings());
  study = join(dir, 'study');
  ({ plan } = await planStudy([input], study, TINY));
});

describe('a study, unit by unit', () => {
  test('the plan: gan units first, then detect units each needing its gan unit; overlapping recordings share a fold', async () => {
    expect(plan.units.map((u) => [u.index, u.name, u.needs])).toEqual([
      [0, 'gan-s1-f0', []],
      [1, 'gan-s1-f1', []],
      [2, 'detect-s1-f0', [0]],
      [3, 'detect-s1-f1', [1]],
    ]);
    const folds = plan.repeats[0]!.folds;
    const first = Object.keys(folds)
      .find((id) => id.endsWith('-again'))!
      .replace(/-again$/, '');
    expect(folds[`${first}-again`]).toBe(folds[first]);
    expect((await readPlan(study)).id).toBe(plan.id);
    await expect(planStudy([join(dir, 'recordings.json')], study, TINY)).rejects.toThrow(
      /already holds a study plan; use --force/,
    );
  });

  test('a unit whose prerequisite is not done is refused in one line naming it', async () => {
    const error = await runStudyUnit(study, 2).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^unit 2 \(detect-s1-f0\) needs unit 0 \(gan-s1-f0\), which is not done; run it first/,
    );
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(unitPaths(study, plan.units[2]!).final)).toBe(false);
    await expect(runStudyUnit(study, 9)).rejects.toThrow(/--index must be a unit of this study, 0 to 3; got 9/);
  });

  test('--wait: a unit waits for a prerequisite that is running, and is refused after a grace period one that is not', async () => {
    const started = Date.now();
    await expect(runStudyUnit(study, 3, { wait: true, waitPollMs: 20, waitGraceMs: 200 })).rejects.toThrow(
      /needs unit 1 \(gan-s1-f1\), which is not done/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const gan = runStudyUnit(study, 0);
    let ganDone = false;
    void gan.then(() => (ganDone = true));
    // Start the detect unit once the GAN unit holds its lock.
    while (!existsSync(join(study, STUDY_FILES.units, '.gan-s1-f0.lock'))) await new Promise((r) => setTimeout(r, 5));
    const detect = await runStudyUnit(study, 2, { wait: true, waitPollMs: 20, waitGraceMs: 0 });
    expect(ganDone).toBe(true);
    expect(detect).toBe('ran');
    expect(await gan).toBe('ran');
  });

  test('every unit runs once, atomically; what a killed attempt left is cleared; a unit done is skipped', async () => {
    // What a killed attempt of unit 1 leaves: its temporary directory and its lock, held by a pid that no longer runs.
    const units = join(study, STUDY_FILES.units);
    await mkdir(join(units, '.gan-s1-f1.999999.0badf00d.tmp', 'run'), { recursive: true });
    await writeFile(
      join(units, '.gan-s1-f1.lock'),
      JSON.stringify({ pid: 999_999, host: (await import('node:os')).hostname(), since: '', token: 'x' }),
    );
    const notes: string[] = [];
    // Units 0 and 2 ran in the test before.
    for (const unit of plan.units)
      expect(await runStudyUnit(study, unit.index, { onNote: (l) => notes.push(l) })).toBe(
        unit.index === 0 || unit.index === 2 ? 'done' : 'ran',
      );
    expect(notes).toEqual([
      'unit 1 (gan-s1-f1): taking over the lock left by pid 999999 on ' +
        (await import('node:os')).hostname() +
        ', which is no longer running',
    ]);
    expect((await readdir(units)).sort()).toEqual(['detect-s1-f0', 'detect-s1-f1', 'gan-s1-f0', 'gan-s1-f1']);
    expect(await runStudyUnit(study, 0)).toBe('done');
    const record = JSON.parse(readFileSync(join(units, 'gan-s1-f0', UNIT_FILES.record), 'utf8')) as UnitRecord;
    expect(record.plan).toBe(plan.id);
    expect(record.versions['@tensorflow/tfjs-core']).toMatch(/^\d/);
    expect((record.result as GanUnitRecord).backend).toBe('wasm');
    expect((record.result as GanUnitRecord).config.steps).toBe(3);
  });

  test('no held-out event reaches the GAN, the augmentation or any detector of its fold: by event id and by content', async () => {
    const windows = (await readDataset(join(study, STUDY_FILES.dataset))).windows;
    const digests = windowDigests(windows.values, 125);
    for (const unit of plan.units) {
      const folds = plan.repeats.find((r) => r.seed === unit.seed)!.folds;
      const heldOutEvents = new Set(Object.keys(folds).filter((id) => folds[id] === unit.fold));
      const heldOutDigests = new Set(digests.filter((_, i) => heldOutEvents.has(windows.eventId[i]!)));
      const trainingDigests = digests.filter((_, i) => !heldOutEvents.has(windows.eventId[i]!)).sort();
      const record = JSON.parse(
        readFileSync(join(unitPaths(study, unit).final, UNIT_FILES.record), 'utf8'),
      ) as UnitRecord;
      const result = record.result as GanUnitRecord | DetectUnitRecord;
      // What the unit trained on is every window of the other folds' events, and nothing else.
      expect([...result.training.windowDigests].sort()).toEqual(trainingDigests);
      expect(result.training.events.filter((id) => heldOutEvents.has(id))).toEqual([]);
      expect(result.training.windowDigests.filter((d) => heldOutDigests.has(d))).toEqual([]);
      if (unit.stage === 'detect') {
        const detect = result as DetectUnitRecord;
        expect(detect.classic.drawn).toBeGreaterThan(0);
        expect(detect.classic.sourceEvents.filter((id) => heldOutEvents.has(id))).toEqual([]);
        const scores = JSON.parse(readFileSync(join(unitPaths(study, unit).final, UNIT_FILES.scores), 'utf8'));
        expect(scores.heldOutEvents).toEqual([...heldOutEvents].sort());
      }
    }
  });

  test('collect: every detector under every arm, each against real-only', async () => {
    const { study: result, jsonPath, htmlPath } = await collectStudy(study);
    expect(existsSync(jsonPath) && existsSync(htmlPath)).toBe(true);
    expect(result.summary.rows.map((r) => `${r.detector}/${r.arm}`)).toEqual([
      'osd/none',
      'cnn/real',
      'cnn/classic',
      'cnn/synthetic-x1',
      'cnn/classic+synthetic-x1',
      'cnn/synthetic-only',
      'trees/real',
      'trees/classic',
      'trees/synthetic-x1',
      'trees/classic+synthetic-x1',
      'trees/synthetic-only',
    ]);
    for (const row of result.summary.rows.filter((r) => r.arm !== 'real' && r.arm !== 'none'))
      expect(row.vsReal?.sensitivity.n).toBe(2);
    expect(result.units).toHaveLength(2);
    expect(result.backends).toEqual(['wasm']);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('Sensitivity against false alarms per hour');
    expect(html).toContain('<svg');
  });

  test('planned again with --force: units whose inputs did not change stay done, the others are to be redone', async () => {
    const input = join(dir, 'recordings.json');
    const moreCnn = (await planStudy([input], study, { ...TINY, cnn: { ...TINY.cnn, steps: 6 } }, { force: true }))
      .plan;
    expect(moreCnn.id).not.toBe(plan.id);
    expect(await Promise.all(moreCnn.units.map((u) => unitDone(study, u)))).toEqual([true, true, false, false]);
    expect(existsSync(join(study, STUDY_FILES.json))).toBe(false);
    const moreGan = (await planStudy([input], study, { ...TINY, gan: { ...TINY.gan, steps: 4 } }, { force: true }))
      .plan;
    expect(await Promise.all(moreGan.units.map((u) => unitDone(study, u)))).toEqual([false, false, false, false]);
    // The same plan as at first: every unit is done again.
    const same = (await planStudy([input], study, TINY, { force: true })).plan;
    expect(same.units.map((u) => u.key)).toEqual(plan.units.map((u) => u.key));
    expect(await Promise.all(same.units.map((u) => unitDone(study, u)))).toEqual([true, true, true, true]);
  });
});
