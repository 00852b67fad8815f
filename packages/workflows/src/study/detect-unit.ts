import { join } from 'node:path';
import { readDataset, statistics, type WindowTable } from '@accelgan/data';
import {
  auroc,
  classicAugmentation,
  cnnDetector,
  osdDetector,
  scoreEvents,
  treeDetector,
  unitMetrics,
  type DetectorTrainingSet,
  type EventScore,
  type UnitMetrics,
  type WindowDetector,
} from '@accelgan/eval';
import { initBackend } from '@accelgan/model';
import { foldRows, sortedUnique, subsetTable, windowDigests } from './fold-data.js';
import { GAN_FILES } from './gan-unit.js';
import type { Arm, StudyOptions } from './options.js';
import type { StudyPlan } from './plan.js';
import { derivedSeed } from './seeds.js';
import type { PlannedUnit } from './units.js';

/** The arm an untrained detector is listed under: it learns nothing, so every arm gives it the same result. */
export const UNTRAINED_ARM = 'none';

/** scores.json of a detect unit: every figure of every detector and arm on the fold's held-out events. */
export interface DetectUnitScores {
  readonly format: 'accelgan-study-scores';
  readonly version: 1;
  readonly seed: number;
  readonly fold: number;
  readonly trainingWindows: number;
  readonly heldOutWindows: number;
  readonly heldOutEvents: readonly string[];
  /** detector → arm → figures. */
  readonly results: Readonly<Record<string, Readonly<Record<string, ArmScores>>>>;
}

export interface ArmScores {
  readonly all: UnitMetrics;
  readonly byUser: Readonly<Record<string, UnitMetrics>>;
  readonly events: readonly EventScore[];
  /** What the detector learnt from: real, classic and synthetic windows, and how many were ictal. */
  readonly training: {
    readonly real: number;
    readonly classic: number;
    readonly synthetic: number;
    readonly ictal: number;
  };
}

/** What a detect unit records beside its scores (unit.json): what it trained on, and how long each fit took. */
export interface DetectUnitRecord {
  readonly backend: string;
  readonly training: {
    readonly events: readonly string[];
    readonly windows: number;
    readonly windowDigests: readonly string[];
  };
  readonly classic: {
    readonly pool: number;
    readonly phaseWindows: number;
    readonly drawn: number;
    readonly sourceEvents: readonly string[];
  };
  readonly synthetic: { readonly ictal: number; readonly both: number };
  readonly seconds: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The detectors a study can run, by name. */
export function studyDetector(name: string, options: StudyOptions): WindowDetector {
  if (name === 'osd') return osdDetector();
  if (name === 'cnn') return cnnDetector(options.cnn);
  if (name === 'trees') return treeDetector(options.trees);
  throw new Error(`unknown detector ${name}`);
}

/**
 * Trains every detector under every arm on the fold's training windows (and what the
 * gan unit generated from them), and scores each on the fold's held-out events. No
 * held-out window reaches a detector, its input scaling or the augmentation.
 */
export async function runDetectUnit(
  plan: StudyPlan,
  unit: PlannedUnit,
  windows: WindowTable,
  ganDir: string,
  onProgress?: (fraction: number) => void,
): Promise<{ scores: DetectUnitScores; record: DetectUnitRecord }> {
  const o = plan.options;
  const backend = await initBackend(o.backend);
  const rows = foldRows(plan, windows, unit.seed, unit.fold);
  const real = subsetTable(windows, rows.train);
  const heldOut = subsetTable(windows, rows.heldOut);
  const l = real.samplesPerWindow;
  let realIctal = 0;
  for (const label of real.ictal) realIctal += label;

  const fitted = statistics(real.values);
  const inputScale = { offset: fitted.mean, scale: fitted.std > 0 ? fitted.std : 1 };
  const classic = classicAugmentation(real, Math.round(o.classicMultiple * realIctal), {
    ...o.classic,
    seed: derivedSeed(unit.seed, `classic-f${unit.fold}`),
    quantumMg: wholeMilliG(real.values) ? 1 : null,
  });
  const syntheticIctal = (await readDataset(join(ganDir, GAN_FILES.ictal))).windows;
  const syntheticBoth = (await readDataset(join(ganDir, GAN_FILES.both))).windows;

  const sets = new Map<string, { set: DetectorTrainingSet; training: ArmScores['training'] }>();
  for (const arm of plan.arms)
    sets.set(arm.id, armSet(arm, { real, realIctal, classic, syntheticIctal, syntheticBoth }));

  const results: Record<string, Record<string, ArmScores>> = {};
  const seconds: Record<string, Record<string, number>> = {};
  const jobs = o.detectors.flatMap((name) => {
    const detector = studyDetector(name, o);
    return detector.trained ? plan.arms.map((arm) => ({ detector, arm: arm.id })) : [{ detector, arm: UNTRAINED_ARM }];
  });
  let done = 0;
  for (const { detector, arm } of jobs) {
    const t0 = performance.now();
    const { set, training } = sets.get(arm === UNTRAINED_ARM ? 'real' : arm)!;
    const model = await detector.fit(set, {
      seed: derivedSeed(unit.seed, `detector-${detector.name}-f${unit.fold}`),
      inputScale,
    });
    try {
      const { scores, decisions } = model.decide(heldOut);
      results[detector.name] ??= {};
      results[detector.name]![arm] = scoreArm(
        heldOut,
        scores,
        decisions,
        detector.trained ? training : { real: 0, classic: 0, synthetic: 0, ictal: 0 },
      );
    } finally {
      model.dispose();
    }
    seconds[detector.name] ??= {};
    seconds[detector.name]![arm] = (performance.now() - t0) / 1000;
    onProgress?.(++done / jobs.length);
  }
  const scores: DetectUnitScores = {
    format: 'accelgan-study-scores',
    version: 1,
    seed: unit.seed,
    fold: unit.fold,
    trainingWindows: real.eventId.length,
    heldOutWindows: heldOut.eventId.length,
    heldOutEvents: sortedUnique(heldOut.eventId),
    results,
  };
  const record: DetectUnitRecord = {
    backend: backend.name,
    training: {
      events: sortedUnique(real.eventId),
      windows: real.eventId.length,
      windowDigests: windowDigests(real.values, l),
    },
    classic: {
      pool: classic.pool,
      phaseWindows: classic.phaseWindows,
      drawn: classic.sourceEvent.length,
      sourceEvents: sortedUnique(classic.sourceEvent),
    },
    synthetic: { ictal: syntheticIctal.eventId.length, both: syntheticBoth.eventId.length },
    seconds,
  };
  return { scores, record };
}

interface ArmSources {
  readonly real: WindowTable;
  readonly realIctal: number;
  readonly classic: { readonly values: Float32Array };
  readonly syntheticIctal: WindowTable;
  readonly syntheticBoth: WindowTable;
}

/** An arm's training windows: real, classic and synthetic parts one after another. */
function armSet(arm: Arm, s: ArmSources): { set: DetectorTrainingSet; training: ArmScores['training'] } {
  const l = s.real.samplesPerWindow;
  const parts: { values: Float32Array; ictal: Uint8Array }[] = [];
  if (arm.syntheticOnly) parts.push({ values: s.syntheticBoth.values, ictal: s.syntheticBoth.ictal });
  else parts.push({ values: s.real.values, ictal: s.real.ictal });
  const classicCount = arm.classic ? s.classic.values.length / l : 0;
  if (classicCount) parts.push({ values: s.classic.values, ictal: new Uint8Array(classicCount).fill(1) });
  const syntheticCount =
    arm.ratio !== null ? Math.min(Math.round(arm.ratio * s.realIctal), s.syntheticIctal.eventId.length) : 0;
  if (syntheticCount)
    parts.push({
      values: s.syntheticIctal.values.subarray(0, syntheticCount * l),
      ictal: s.syntheticIctal.ictal.subarray(0, syntheticCount),
    });
  const n = parts.reduce((a, p) => a + p.ictal.length, 0);
  const values = new Float32Array(n * l);
  const ictal = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    values.set(p.values, at * l);
    ictal.set(p.ictal, at);
    at += p.ictal.length;
  }
  let ictalCount = 0;
  for (const label of ictal) ictalCount += label;
  return {
    set: { samplesPerWindow: l, values, ictal },
    training: {
      real: arm.syntheticOnly ? 0 : s.real.eventId.length,
      classic: classicCount,
      synthetic: (arm.syntheticOnly ? s.syntheticBoth.eventId.length : 0) + syntheticCount,
      ictal: ictalCount,
    },
  };
}

function scoreArm(
  heldOut: WindowTable,
  scores: Float64Array,
  decisions: Uint8Array,
  training: ArmScores['training'],
): ArmScores {
  const events = scoreEvents(heldOut, decisions);
  const all = unitMetrics(events, windowAuroc(scores, heldOut.ictal));
  const byUser: Record<string, UnitMetrics> = {};
  for (const user of sortedUnique(heldOut.userId)) {
    const rows = heldOut.userId.flatMap((u, i) => (u === user ? [i] : []));
    const userScores = Float64Array.from(rows, (i) => scores[i]!);
    const userLabels = Uint8Array.from(rows, (i) => heldOut.ictal[i]!);
    byUser[user] = unitMetrics(
      events.filter((e) => e.userId === user),
      windowAuroc(userScores, userLabels),
    );
  }
  return { all, byUser, events, training };
}

function windowAuroc(scores: Float64Array, labels: Uint8Array): number | null {
  const a = auroc(scores, labels);
  return Number.isFinite(a) ? a : null;
}

/** Whether every value is a whole number of milli-g (as watches report them). */
function wholeMilliG(values: Float32Array): boolean {
  for (const v of values) if (v !== Math.round(v)) return false;
  return values.length > 0;
}
