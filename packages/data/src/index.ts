// @accelgan/data: OSDB recordings in, windows and datasets out.

/** The datapoint's geometry and the shapes of events, windows and datasets. */
export { SAMPLE_RATE_HZ, SAMPLES_PER_DATAPOINT, DATAPOINT_SECONDS } from './types.js';
export type { OsdbEvent, WindowTable, Dataset, DatasetMeta, IngestSummary } from './types.js';
export type { ScaleMethod, Normalisation } from './types.js';
/** The error every user-facing failure throws: one line, no stack trace. */
export { AccelganError } from './errors.js';

/** One OSDB file read as a stream of events (JSON in any accepted shape, or the toolkit's CSV). */
export { readEvents } from './ingest/read.js';
export { SkipCounter } from './skips.js';
/** From files to a dataset, any windows file back to one, and a dataset described. */
export { ingest, type IngestOptions } from './ingest/pipeline.js';
export { loadWindows } from './load.js';
export { buildDataset } from './dataset.js';
export { describeDataset, type DatasetDescription, type ValueStats } from './describe.js';

/** The steps on their own: events cut into windows, split by recording, scaled. */
export { eventWindows, windowShape, WindowTableBuilder, MAX_GAP_MS, MIN_GAP_MS } from './windows.js';
export type { LabelledWindow, WindowShape } from './windows.js';
export { splitEvents, splitRecordings, recordingGroups } from './split.js';
export { fitNormalisation, normalise, denormalise, statistics, quantumOf } from './normalise.js';

/** Arrow datasets, and every output file written whole or not at all (temporary name, then rename). */
export { writeDataset, readDataset, sidecarPath } from './arrow.js';
export { writeFileAtomic, openAtomicWriter, assertWritable, type AtomicWriter } from './atomic.js';
/** Temporaries of killed processes: named by pid and host, swept at the next command. */
export { sweepStaleTemporaries, temporaryName, processGone } from './atomic.js';
export { assertOutputLocation } from './output-path.js';

/** Windows and events out: OSDB JSON, the toolkit's CSV, the windows CSV. */
export { toOsdbJson, writeOsdbJson, writeWindowsCsv, windowsToEvents } from './export.js';
export type { WindowRows, OsdbJsonEvent } from './export.js';
export { writeOsdbCsv, osdbCsvHeader } from './toolkit-csv.js';

/** OpenSeizureDetector's algorithm per datapoint and its alarm state over consecutive ones. */
export { osdAnalyse, OSD_DEFAULTS, type OsdSettings, type OsdResult } from './osd/algorithm.js';
export { osdAlarmStates, OSD_ALARM_TIMING, OSD_OK, OSD_WARNING, OSD_ALARM } from './osd/alarm-state.js';
export type { OsdAlarmTiming } from './osd/alarm-state.js';

/** The built-in seizure simulator, and the seeded generator every draw of accelgan uses. */
export { simulateEvents } from './simulate/simulate.js';
export { mulberry32 } from './random.js';
