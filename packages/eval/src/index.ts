// @accelgan/eval: how realistic are synthetic accelerometer windows? Metrics, plots and a report.

export type { WindowSet, ClassName, PerClass, ProgressFn } from './types.js';
export { windowsFromRows, subsetWindows, concatWindows, countWindows } from './windows.js';

// The whole evaluation: files in, report out; or windows in, numbers out.
export {
  evaluate,
  evaluateMetrics,
  type EvaluateOptions,
  type EvaluateMetricsOptions,
  type EvaluateResult,
} from './evaluate.js';
export { evaluateWindows, type EvaluateWindowsOptions, type EvaluationInputs } from './compute.js';
export type {
  Evaluation,
  EvaluationMetrics,
  SetDescription,
  EventSets,
  EventEvaluation,
  EventMetrics,
  SideEvents,
  EventTarget,
  Compared,
  Draw,
  DrawsSummary,
  DrawFigure,
} from './result-types.js';
export { loadSource, type WindowSource, type LoadedWindows } from './load.js';

// Metrics, each a plain function.
export {
  discriminativeScore,
  type DiscriminativeOptions,
  type DiscriminativeResult,
  type CriticName,
} from './metrics/discriminative.js';
export { osdForSet } from './metrics/osd.js';
export { wasserstein1, ksStatistic, auroc } from './metrics/distance.js';
export { mmdSquared, medianHeuristicSigma } from './metrics/mmd.js';
export { windowFeatures, FEATURE_NAMES, type FeatureMatrix } from './metrics/features.js';
export { profileSet, type SetProfile } from './metrics/profile.js';
export { compareProfiles, type DistanceMetrics } from './metrics/compare.js';
export { floorSpread, type DistanceSpread, type FloorSpreadOptions } from './metrics/floor-spread.js';
export {
  usefulness,
  resampleLike,
  TSTR_RESAMPLE_DRAWS,
  type UsefulnessResult,
  type UsefulnessOptions,
  type ClassAgreement,
} from './metrics/usefulness.js';
export {
  chooseDetector,
  fitDetector,
  outOfFoldLogits,
  DETECTOR_L2_PER_ROW,
  DETECTOR_FALLBACK_L2_PER_ROW,
  type DetectorChoice,
  type LabelledFeatures,
} from './metrics/detector.js';
export {
  memorisation,
  nearest,
  nearestOtherRecording,
  EXACT_COPY_MG,
  type MemorisationResult,
  type MemorisationClass,
} from './metrics/memorisation.js';
export {
  dataCopying,
  mannWhitneyZ,
  DATA_COPYING_CELLS,
  type DataCopyingResult,
  type DataCopyingCell,
} from './metrics/data-copying.js';
export { welchPlan, welchAll, bandPower, type WelchPlan } from './dsp/welch.js';

// Plots and the report.
export { renderSvg, type Figure } from './plots/render.js';
export { buildFigures } from './plots/figures.js';
export { parseLossCsv } from './plots/losses.js';
export { renderHtml } from './report/html.js';
export { writeReport, assertReportTarget, REPORT_FILE, METRICS_FILE } from './report/write.js';
export { overallVerdict, type Verdict } from './report/verdict.js';
export { summariseDraws, EVENT_TARGET_PREFIX } from './report/draws.js';

// Whole events: series, per-datapoint courses, OSD's alarm over an event, critics on windows cut from events.
export { evaluateEvents, EVENT_TARGETS, type EventEvaluationOptions } from './events/compute-events.js';
export {
  eventSeries,
  eventSeriesFromOsdb,
  observedSeizure,
  datapointIctal,
  type EventSeries,
  type EventWindows,
} from './events/event-series.js';
export { eventSetsFromSources } from './events/event-sets.js';
export { datapointFeatures, type DatapointFeatures } from './events/datapoint-features.js';
export { course, courseDistance, ONSET_BINS, SEIZURE_BINS, type CourseBin, type Alignment } from './events/course.js';
export { eventAlarm, summariseAlarm, type EventAlarm } from './events/osd-alarms.js';
export { continuity, steps, pearson, type ContinuityMetrics } from './events/continuity.js';
export { cutWindows } from './events/cut.js';
export { seizureDurations, spread, type Spread } from './events/durations.js';
export { withinRealSpread } from './util/stats.js';
export { buildEventFigures } from './plots/event-figures.js';

// Seizure detectors and their scoring over held-out events: what the augmentation study measures.
export type {
  WindowDetector,
  FittedDetector,
  DetectorTrainingSet,
  DetectorContext,
  WindowDecisions,
} from './detectors/detector.js';
export { osdDetector } from './detectors/osd-detector.js';
export { cnnDetector, CNN_DETECTOR_DEFAULTS, type CnnDetectorOptions } from './detectors/cnn-detector.js';
export { treeDetector, TREE_DETECTOR_DEFAULTS, type TreeDetectorOptions } from './detectors/tree-detector.js';
export {
  classicAugmentation,
  CLASSIC_AUGMENTATION_DEFAULTS,
  type ClassicAugmentationOptions,
  type ClassicAugmentation,
} from './detectors/classic-augmentation.js';
export { scoreEvents, type EventScore } from './study/event-scores.js';
export {
  unitMetrics,
  summariseStudy,
  STUDY_METRICS,
  REAL_ONLY,
  type UnitMetrics,
  type UnitResults,
  type StudySummary,
  type StudyMetric,
  type Stat,
  type Paired,
} from './study/summary.js';
export { renderStudyPage, type StudyPageInput } from './report/study-html.js';
