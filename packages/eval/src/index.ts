// @accelgan/eval: how realistic are synthetic accelerometer windows? Metrics, plots and a report.
// It measures and reports; generating from a run is @accelgan/workflows' part.

/** Windows in milli-g, as every metric takes them. */
export type { WindowSet, ClassName, ProgressFn } from './types.js';
export { windowsFromRows } from './windows.js';

/** The whole evaluation: files in, report out; or windows in, numbers out. */
export { evaluate, evaluateMetrics, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { evaluateWindows } from './compute.js';
/** What an evaluation returns: metrics.json's contents, whole events' and several draws' figures. */
export type { EvaluationMetrics, EventSets, EventMetrics, Draw, DrawsSummary, DrawFigure } from './result-types.js';
/** One metric on its own: how well critics tell synthetic from real windows, and the AUROC they score by. */
export { discriminativeScore } from './metrics/discriminative.js';
export { auroc } from './metrics/distance.js';
/** Fails before any work where the report cannot be written (one there, no --force; PNGs without sharp). */
export { assertReportTarget } from './report/write.js';
/** The prefix of a whole-event target's id among a draws summary's figures. */
export { EVENT_TARGET_PREFIX } from './report/draws.js';

/** Whole events: series from windows or OSDB events, their metrics and figures. */
export { evaluateEvents } from './events/compute-events.js';
export { eventSeries, eventSeriesFromOsdb } from './events/event-series.js';
export { buildEventFigures } from './plots/event-figures.js';

/** Seizure detectors fitted on windows, and the classic augmentation they are compared against. */
export type { WindowDetector, DetectorTrainingSet } from './detectors/detector.js';
export { osdDetector } from './detectors/osd-detector.js';
export { cnnDetector, CNN_DETECTOR_DEFAULTS, type CnnDetectorOptions } from './detectors/cnn-detector.js';
export { treeDetector, TREE_DETECTOR_DEFAULTS, type TreeDetectorOptions } from './detectors/tree-detector.js';
export {
  classicAugmentation,
  CLASSIC_AUGMENTATION_DEFAULTS,
  type ClassicAugmentationOptions,
} from './detectors/classic-augmentation.js';
/** The augmentation study's scoring: per held-out event, per unit, over the study, and its page. */
export { scoreEvents, type EventScore } from './study/event-scores.js';
export { unitMetrics, summariseStudy, type UnitMetrics, type UnitResults, type StudySummary } from './study/summary.js';
export { renderStudyPage } from './report/study-html.js';
