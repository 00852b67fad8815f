// The augmentation study: plan, units (each a deterministic, idempotent job), a local pool, collect.
export { planStudy, readPlan, type StudyPlan } from './plan.js';
export { STUDY_DEFAULTS, type StudyOptions } from './options.js';
export { runStudyUnit } from './run-unit.js';
export { runStudyUnits, type PoolProgress, type PoolResult } from './pool.js';
export { collectStudy, type CollectResult } from './collect.js';
export { runStudy } from './study.js';
