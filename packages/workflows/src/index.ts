// @accelgan/workflows: the stages chained, the one place that does it. The CLI's `report` and `demo` call these.

/** A trained run's report: generate from the run, then evaluate against its own validation events. */
export { reportRun } from './report-run.js';
/** The whole product on built-in data: simulate → ingest → train → generate → report. */
export { runDemo } from './demo.js';
/** The augmentation study: does synthetic data help a seizure detector? Plan, units, pool, collect. */
export * from './study/index.js';
/** A fold's trainDataAugmented.csv for the OSDB toolkit: its real rows, then generated (and classic) seizure rows. */
export { augment } from './augment/index.js';
