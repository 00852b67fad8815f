import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError, writeFileAtomic } from '@accelgan/data';
import { renderStudyPage, summariseStudy, type StudySummary, type UnitMetrics, type UnitResults } from '@accelgan/eval';
import { UNTRAINED_ARM, studyDetector, type DetectUnitScores } from './detect-unit.js';
import { readPlan, STUDY_FILES, type StudyPlan } from './plan.js';
import { UNIT_FILES, unitDone, unitPaths, type UnitRecord } from './run-unit.js';

/** study.json: the plan's settings, every unit's figures and their summary. Nothing in it depends on where or when units ran. */
export interface StudyResult {
  readonly format: 'accelgan-study';
  readonly version: 1;
  readonly plan: string;
  readonly inputs: readonly string[];
  readonly options: StudyPlan['options'];
  readonly data: StudyPlan['data'];
  readonly detectors: readonly {
    readonly name: string;
    readonly description: string;
    readonly trained: boolean;
    readonly arms: readonly string[];
  }[];
  readonly arms: StudyPlan['arms'];
  readonly summary: StudySummary;
  /** TensorFlow.js backends the units ran on: more than one means their figures are not exactly comparable. */
  readonly backends: readonly string[];
  readonly units: readonly {
    readonly seed: number;
    readonly fold: number;
    readonly heldOutEvents: readonly string[];
    readonly trainingWindows: number;
    readonly heldOutWindows: number;
    readonly results: Readonly<Record<string, Readonly<Record<string, UnitMetrics>>>>;
  }[];
}

export interface CollectResult {
  readonly study: StudyResult;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/**
 * Gathers every detect unit's scores into study.json and study.html (the page: the
 * table, sensitivity against false alarms per hour, per user). Refuses with one line
 * while a unit is not done. Both files are derived and rewritten on every collect.
 */
export async function collectStudy(dir: string): Promise<CollectResult> {
  const plan = await readPlan(dir);
  const detectUnits = plan.units.filter((u) => u.stage === 'detect');
  const missing: number[] = [];
  for (const unit of detectUnits) if (!(await unitDone(dir, unit))) missing.push(unit.index);
  if (missing.length)
    throw new AccelganError(
      `${missing.length} of ${detectUnits.length} detect units are not done (first: unit ${missing[0]}, ${plan.units[missing[0]!]!.name}); run them first (accelgan study run ${dir})`,
    );
  const scores: DetectUnitScores[] = [];
  for (const unit of detectUnits)
    scores.push(
      JSON.parse(await readFile(join(unitPaths(dir, unit).final, UNIT_FILES.scores), 'utf8')) as DetectUnitScores,
    );

  const backends = new Set<string>();
  for (const unit of plan.units) {
    const record = JSON.parse(
      await readFile(join(unitPaths(dir, unit).final, UNIT_FILES.record), 'utf8'),
    ) as UnitRecord;
    backends.add((record.result as { backend: string }).backend);
  }
  const detectors = plan.options.detectors.map((name) => {
    const d = studyDetector(name, plan.options);
    return {
      name,
      description: d.description,
      trained: d.trained,
      arms: d.trained ? plan.arms.map((a) => a.id) : [UNTRAINED_ARM],
    };
  });
  const units: UnitResults[] = scores.map((s) => ({
    seed: s.seed,
    fold: s.fold,
    trainingWindows: s.trainingWindows,
    heldOutWindows: s.heldOutWindows,
    results: Object.fromEntries(
      Object.entries(s.results).map(([d, arms]) => [
        d,
        Object.fromEntries(Object.entries(arms).map(([arm, r]) => [arm, { all: r.all, byUser: r.byUser }])),
      ]),
    ),
  }));
  const summary = summariseStudy(units, {
    detectors: detectors.map((d) => d.name),
    arms: Object.fromEntries(detectors.map((d) => [d.name, d.arms])),
  });
  const arms = [
    ...plan.arms,
    {
      id: UNTRAINED_ARM,
      label: 'untrained',
      description: 'the algorithm as it is: it learns nothing',
      classic: false,
      ratio: null,
      syntheticOnly: false,
    },
  ];
  const study: StudyResult = {
    format: 'accelgan-study',
    version: 1,
    plan: plan.id,
    inputs: plan.inputs,
    options: plan.options,
    data: plan.data,
    detectors,
    arms: plan.arms,
    summary,
    backends: [...backends].sort(),
    units: scores.map((s) => ({
      seed: s.seed,
      fold: s.fold,
      heldOutEvents: s.heldOutEvents,
      trainingWindows: s.trainingWindows,
      heldOutWindows: s.heldOutWindows,
      results: Object.fromEntries(
        Object.entries(s.results).map(([d, byArm]) => [
          d,
          Object.fromEntries(Object.entries(byArm).map(([arm, r]) => [arm, r.all])),
        ]),
      ),
    })),
  };
  const o = plan.options;
  const gan = o.gan.steps !== null ? `${o.gan.steps} steps` : `${o.gan.minutes} minutes`;
  const { html } = await renderStudyPage({
    data: `${plan.data.events} events of ${plan.data.users} users, ${plan.data.windows} windows of 5 s (${plan.data.ictal} ictal)`,
    design: `${o.folds}-fold cross-validation by recording (per user), repeated over ${o.seeds === 1 ? `1 seed (${o.seed})` : `${o.seeds} seeds (${o.seed}–${o.seed + o.seeds - 1})`}: ${detectUnits.length} units. In each, a GAN (${o.gan.arch ?? 'the default recipe'}, condition ${o.gan.condition}, ${gan}) trained on the fold's training events only; every detector trained under every arm on those events and scored on the fold's held-out events.`,
    detectors,
    arms: arms.map((a) => ({ id: a.id, label: a.label, description: a.description })),
    summary,
    notes:
      backends.size > 1
        ? [
            `The units ran on different TensorFlow.js backends (${[...backends].sort().join(', ')}), whose arithmetic differs slightly.`,
          ]
        : [],
  });
  const jsonPath = join(dir, STUDY_FILES.json);
  const htmlPath = join(dir, STUDY_FILES.html);
  await writeFileAtomic(jsonPath, `${JSON.stringify(study, null, 1)}\n`, { force: true });
  await writeFileAtomic(htmlPath, html, { force: true });
  return { study, jsonPath, htmlPath };
}
