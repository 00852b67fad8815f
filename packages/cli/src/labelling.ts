import type { DatasetMeta } from '@accelgan/data';

/** How a dataset's windows are labelled, in words, for `info` and `ingest`. */
export function describeLabelling(labelling: NonNullable<DatasetMeta['labelling']>): string {
  switch (labelling) {
    case 'window':
      return 'window-level: each window by its own time (its event’s seizureTimes, or a label per row)';
    case 'event':
      return 'event-level: every window of a Seizure event is ictal, the rest not (the OSDB toolkit’s type column; its CSV has no seizure times)';
    case 'mixed':
      return 'mixed: window-level for some sources, event-level (the OSDB toolkit’s type column) for others';
  }
}
