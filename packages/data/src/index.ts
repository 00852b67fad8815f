// @accelgan/data: OSDB recordings in, windows and datasets out.

export * from './types.js';
export { AccelganError, isAccelganError } from './errors.js';

// Reading OSDB files (JSON in any accepted shape, or the toolkit's CSV), streamed.
export { readEvents } from './ingest/read.js';
export { parseOsdbTime, formatOsdbTime } from './ingest/time.js';
export { detectFileKind, type FileKind } from './ingest/detect.js';
export { SkipCounter } from './skips.js';

// From files to a dataset, and any windows file back to one.
export {
  ingest,
  INGEST_DEFAULTS,
  type IngestOptions,
  type IngestProgress,
  type IngestResult,
} from './ingest/pipeline.js';
export { loadWindows } from './load.js';
export { buildDataset, type DatasetOptions } from './dataset.js';
export { describeDataset, type DatasetDescription, type ValueStats } from './describe.js';

// The steps, for callers that need one on its own.
export {
  eventWindows,
  isIctal,
  windowOf,
  windowShape,
  WindowTableBuilder,
  MAX_GAP_MS,
  MIN_GAP_MS,
  type LabelledWindow,
  type WindowShape,
} from './windows.js';
export { splitEvents, splitRecordings, recordingGroups, type EventSplit, type RecordingWindows } from './split.js';
export {
  fitNormalisation,
  normalise,
  denormalise,
  statistics,
  quantumOf,
  isScaleMethod,
  SCALE_METHODS,
} from './normalise.js';

// Files: Arrow datasets, atomic writes, OSDB JSON and windows CSV out.
export { writeDataset, readDataset, sidecarPath, META_KEY } from './arrow.js';
export {
  writeFileAtomic,
  openAtomicWriter,
  assertWritable,
  sweepStaleTemporaries,
  temporaryName,
  processGone,
  type AtomicWriter,
  type WriteOptions,
} from './atomic.js';
export { assertOutputLocation } from './output-path.js';
export {
  toOsdbJson,
  toOsdbJsonEvent,
  writeOsdbJson,
  writeWindowsCsv,
  windowsCsvHeader,
  windowsToEvents,
  type WindowRows,
  type OsdbJsonEvent,
  type OsdbJsonDatapoint,
  type OsdbJsonOptions,
  type WindowsToEventsOptions,
} from './export.js';
export { writeOsdbCsv, osdbCsvHeader } from './toolkit-csv.js';

// OpenSeizureDetector's algorithm per datapoint and its alarm state over consecutive ones:
// what every OSDB export carries (specPower, roiPower, alarmState) and the evaluation scores.
export { osdAnalyse, OSD_DEFAULTS, type OsdSettings, type OsdResult } from './osd/algorithm.js';
export {
  osdAlarmStates,
  OSD_ALARM_TIMING,
  OSD_OK,
  OSD_WARNING,
  OSD_ALARM,
  type OsdAlarmTiming,
} from './osd/alarm-state.js';

// The built-in simulator.
export { simulateEvents, type SimulateOptions } from './simulate/simulate.js';
export { mulberry32 } from './random.js';
