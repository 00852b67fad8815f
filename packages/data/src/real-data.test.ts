import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDataset } from './describe.js';
import { ingest } from './ingest/pipeline.js';
import { hasSharedOsdb, SHARED_OSDB } from './test-helpers.js';

/**
 * The real OSDB sample (never copied into the repository): skipped where
 * ../shared/data/osdb is absent. Ictal counts follow the documented rule (window
 * midpoint in seizureTimes, dataTime marking a datapoint's end), so they pin it.
 */
describe.skipIf(!hasSharedOsdb)('real OSDB sample (../shared/data/osdb)', () => {
  it('osdb_sample_seizures.json gives exactly 1,343 five-second windows from 47 events of 2 users', async () => {
    const { dataset, summary } = await ingest([join(SHARED_OSDB, 'osdb_sample_seizures.json')], { windowSeconds: 5 });
    expect(summary.windows).toBe(1343);
    expect(summary.events).toBe(47);
    expect(summary.skipped).toEqual({});
    expect([summary.ictal, summary.nonIctal]).toEqual([834, 509]);
    const d = describeDataset(dataset);
    expect([...d.byUser.keys()].sort()).toEqual(['39', '45']);
    expect(new Set(d.bySubType.keys())).toEqual(new Set(['Tonic-Clonic', 'Aura', 'Other', '']));
    expect(d.values.milliG.min).toBeGreaterThan(0);
    expect(d.values.milliG.max).toBeGreaterThan(4000);
  });

  it('event_45781_tonic_clonic.json (one event object, ISO times, 3-D data) ingests', async () => {
    const { dataset, summary } = await ingest([join(SHARED_OSDB, 'event_45781_tonic_clonic.json')], { windowSeconds: 5 });
    expect(summary.events).toBe(1);
    expect(summary.windows).toBe(30);
    expect([summary.ictal, summary.nonIctal]).toEqual([25, 5]);
    expect(dataset.windows.subType[0]).toBe('Tonic-Clonic');
    expect(dataset.windows.startTime[0]).toBe(Date.UTC(2023, 4, 5, 6, 27, 30));
  });
});
