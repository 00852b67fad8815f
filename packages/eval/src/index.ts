// @accelgan/eval: how realistic are synthetic accelerometer windows? Metrics, plots and a report.

export type { WindowSet, ClassName, PerClass, ProgressFn } from './types.js';
export { windowsFromRows, subsetWindows, concatWindows, countWindows } from './windows.js';

// The whole evaluation: files in, report out; or windows in, numbers out.
export { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { evaluateWindows, type EvaluateWindowsOptions, type EvaluationInputs, type Evaluation, type EvaluationMetrics } from './compute.js';
export { loadSource, type WindowSource, type LoadedWindows } from './load.js';
export { reportRun, type ReportRunOptions, type ReportRunResult } from './report-run.js';

// Metrics, each a plain function.
export { discriminativeScore, type DiscriminativeOptions, type DiscriminativeResult, type CriticName } from './metrics/discriminative.js';
export { osdAnalyse, osdForSet, OSD_DEFAULTS, type OsdSettings, type OsdResult } from './metrics/osd.js';
export { wasserstein1, ksStatistic, auroc } from './metrics/distance.js';
export { mmdSquared, medianHeuristicSigma } from './metrics/mmd.js';
export { windowFeatures, FEATURE_NAMES, type FeatureMatrix } from './metrics/features.js';
export { profileSet, type SetProfile } from './metrics/profile.js';
export { compareProfiles, type DistanceMetrics } from './metrics/compare.js';
export { usefulness, type UsefulnessResult } from './metrics/usefulness.js';
export { memorisation, nearest, EXACT_COPY_MG, type MemorisationResult } from './metrics/memorisation.js';
export { welchPlan, welchAll, bandPower, type WelchPlan } from './dsp/welch.js';

// Plots and the report.
export { renderSvg, type Figure } from './plots/render.js';
export { buildFigures } from './plots/figures.js';
export { parseLossCsv } from './plots/losses.js';
export { renderHtml } from './report/html.js';
export { writeReport, REPORT_FILE, METRICS_FILE } from './report/write.js';
export { overallVerdict, type Verdict } from './report/verdict.js';
