// The augmentation study: plan, units (each a deterministic, idempotent job), a local pool, collect.
export { planStudy, readPlan, makePlan, STUDY_FILES, type StudyPlan, type PlanResult } from './plan.js';
export { STUDY_DEFAULTS, STUDY_DETECTORS, studyArms, type StudyOptions, type GanOptions, type Arm } from './options.js';
export { runStudyUnit, unitDone, unitPaths, UNIT_FILES, type UnitRecord } from './run-unit.js';
export { runStudyUnits, type PoolOptions, type PoolProgress, type PoolResult } from './pool.js';
export { collectStudy, type StudyResult, type CollectResult } from './collect.js';
export { runStudy, type RunStudyResult } from './study.js';
export type { PlannedUnit, UnitStage } from './units.js';
