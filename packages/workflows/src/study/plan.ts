import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError, ingest, writeDataset, writeFileAtomic, type Dataset, type IngestSummary } from '@accelgan/data';
import { assignFolds } from './folds.js';
import { checkStudyOptions, studyArms, type Arm, type StudyOptions } from './options.js';
import { derivedSeed } from './seeds.js';
import { planUnits, type PlannedUnit } from './units.js';
import { versionsHere } from './versions.js';

/** The files of a study directory. */
export const STUDY_FILES = {
  plan: 'plan.json',
  dataset: 'dataset.arrow',
  units: 'units',
  json: 'study.json',
  html: 'study.html',
} as const;

/** One repeat: its seed and every event's fold. */
export interface PlannedRepeat {
  readonly seed: number;
  /** Event id → fold. */
  readonly folds: Readonly<Record<string, number>>;
}

/** plan.json: everything that determines the study's results. */
export interface StudyPlan {
  readonly format: 'accelgan-study-plan';
  readonly version: 1;
  /** Hash of what follows (options, data, folds): every unit records the plan it belongs to. */
  readonly id: string;
  readonly createdAt: string;
  readonly inputs: readonly string[];
  readonly options: StudyOptions;
  readonly arms: readonly Arm[];
  readonly data: {
    readonly events: number;
    readonly users: number;
    readonly windows: number;
    readonly ictal: number;
    /** sha256 of the 5 s windows' values in milli-g, in dataset order. */
    readonly valuesSha256: string;
  };
  readonly repeats: readonly PlannedRepeat[];
  readonly units: readonly PlannedUnit[];
  readonly versions: Readonly<Record<string, string>>;
}

export interface PlanResult {
  readonly plan: StudyPlan;
  readonly summary: IngestSummary;
}

/**
 * Plans a study in `dir`: ingests the inputs (OSDB JSON or CSV, or an ingested dataset)
 * into 5 s windows in milli-g once (dataset.arrow; no scaling, since each fold fits its
 * own on its training events), assigns every event to a fold in each repeat
 * (assignFolds), lists the units, and writes plan.json last. A directory that already
 * holds a plan is refused unless `force`; its units whose inputs did not change (their
 * key) stay done, and the others are redone when run.
 */
export async function planStudy(
  inputs: readonly string[],
  dir: string,
  options: StudyOptions,
  settings: { readonly force?: boolean; readonly onIngestProgress?: (events: number) => void } = {},
): Promise<PlanResult> {
  checkStudyOptions(options);
  const planPath = join(dir, STUDY_FILES.plan);
  const existing = await stat(planPath).catch(() => null);
  if (existing && !settings.force)
    throw new AccelganError(
      `${dir} already holds a study plan; use --force to plan it afresh (units whose inputs did not change are kept)`,
    );
  const { dataset, summary } = await ingestForStudy(inputs, settings.onIngestProgress);
  const plan = makePlan(inputs, dataset, options);
  await mkdir(dir, { recursive: true });
  // Units stay: each counts as done only under its own key, so those whose inputs did not change are kept.
  if (existing) {
    await rm(join(dir, STUDY_FILES.json), { force: true });
    await rm(join(dir, STUDY_FILES.html), { force: true });
  }
  await writeDataset(join(dir, STUDY_FILES.dataset), dataset, { force: true });
  await writeFileAtomic(planPath, `${JSON.stringify(plan, null, 2)}\n`, { force: true });
  return { plan, summary };
}

/** The plan `planStudy` would write for these inputs and options, without writing anything (its id tells whether a study is the same). */
export async function makePlanFromInputs(inputs: readonly string[], options: StudyOptions): Promise<StudyPlan> {
  checkStudyOptions(options);
  return makePlan(inputs, (await ingestForStudy(inputs)).dataset, options);
}

/** The inputs as one table of 5 s windows in milli-g, every event on the training side (the plan splits). */
function ingestForStudy(inputs: readonly string[], onProgress?: (events: number) => void) {
  return ingest([...inputs], {
    windowSeconds: 5,
    strideSeconds: 5,
    valFraction: 0,
    scale: 'none',
    onProgress: (p) => onProgress?.(p.read),
  });
}

/** The plan for windows already ingested (exported for tests). */
export function makePlan(inputs: readonly string[], dataset: Dataset, options: StudyOptions): StudyPlan {
  checkStudyOptions(options);
  const w = dataset.windows;
  if (w.samplesPerWindow !== 125)
    throw new AccelganError(
      `the study works on 5 s windows; ${inputs.join(', ')} holds ${w.samplesPerWindow / 25} s windows`,
    );
  if (w.startTime.some((t) => !Number.isFinite(t)))
    throw new AccelganError(
      'the study scores whole recordings, so it needs windows with times: OSDB JSON or CSV, or a dataset ingested from them (not a windows CSV)',
    );
  const repeats: PlannedRepeat[] = [];
  for (let r = 0; r < options.seeds; r++) {
    const seed = options.seed + r;
    const folds = assignFolds(w, options.folds, derivedSeed(seed, 'study-folds'));
    for (let f = 0; f < options.folds; f++) checkFold(w, folds, f, seed);
    repeats.push({ seed, folds: Object.fromEntries(folds) });
  }
  let ictal = 0;
  for (const label of w.ictal) ictal += label;
  const data = {
    events: new Set(w.eventId).size,
    users: new Set(w.userId).size,
    windows: w.eventId.length,
    ictal,
    valuesSha256: createHash('sha256')
      .update(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength))
      .digest('hex'),
  };
  const units = unitKeys(
    planUnits(
      options.folds,
      repeats.map((r) => r.seed),
    ),
    options,
    data.valuesSha256,
    repeats,
  );
  const arms = studyArms(options);
  const id = createHash('sha256').update(JSON.stringify({ options, data, repeats })).digest('hex').slice(0, 16);
  return {
    format: 'accelgan-study-plan',
    version: 1,
    id,
    createdAt: new Date().toISOString(),
    inputs: [...inputs],
    options,
    arms,
    data,
    repeats,
    units,
    versions: versionsHere(),
  };
}

/**
 * Each unit's key: a gan unit's covers the data, its repeat's folds, the GAN options, the
 * backend and the largest ratio (how many windows it generates); a detect unit's covers
 * every option and its gan unit's key.
 */
function unitKeys(
  units: readonly Omit<PlannedUnit, 'key'>[],
  options: StudyOptions,
  dataSha256: string,
  repeats: readonly PlannedRepeat[],
): PlannedUnit[] {
  const hash = (what: unknown) => createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16);
  const keyed: PlannedUnit[] = [];
  for (const unit of units) {
    const folds = repeats.find((r) => r.seed === unit.seed)!.folds;
    const common = { stage: unit.stage, seed: unit.seed, fold: unit.fold, data: dataSha256, folds };
    const key =
      unit.stage === 'gan'
        ? hash({ ...common, gan: options.gan, backend: options.backend, maxRatio: Math.max(...options.ratios) })
        : hash({ ...common, options, gan: keyed[unit.needs[0]!]!.key });
    keyed.push({ ...unit, key });
  }
  return keyed;
}

/** Every fold's training windows must hold both classes (a detector learns nothing otherwise). */
function checkFold(w: Dataset['windows'], folds: Map<string, number>, fold: number, seed: number): void {
  let ictal = 0;
  let nonIctal = 0;
  w.eventId.forEach((id, i) => {
    if (folds.get(id) === fold) return;
    if (w.ictal[i]) ictal++;
    else nonIctal++;
  });
  if (!ictal || !nonIctal)
    throw new AccelganError(
      `fold ${fold} of seed ${seed} would train on ${ictal} ictal and ${nonIctal} non-ictal windows; a detector needs both (use fewer folds or more recordings)`,
    );
}

/** Reads `dir`'s plan.json, with one line where it is missing or not a plan. */
export async function readPlan(dir: string): Promise<StudyPlan> {
  const path = join(dir, STUDY_FILES.plan);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AccelganError(`${dir} holds no study plan (${STUDY_FILES.plan}); make one with accelgan study plan`);
  }
  let plan: StudyPlan;
  try {
    plan = JSON.parse(text) as StudyPlan;
  } catch {
    throw new AccelganError(`${path} is not valid JSON`);
  }
  if (plan.format !== 'accelgan-study-plan' || plan.version !== 1)
    throw new AccelganError(`${path} is not an accelgan study plan of a version this accelgan reads`);
  return plan;
}
