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
  it('osdb_sample_seizures.json gives exactly 1,295 five-second windows from 47 events of 2 users', async () => {
    const { dataset, summary } = await ingest([join(SHARED_OSDB, 'osdb_sample_seizures.json')], { windowSeconds: 5 });
    // 1,343 datapoints, 48 of which repeat the time of another in their event (most of them byte for byte).
    expect(summary.windows).toBe(1295);
    expect(summary.events).toBe(47);
    expect(summary.skipped).toEqual({ 'datapoint: same time as another of its event (the first kept)': 48 });
    expect([summary.ictal, summary.nonIctal]).toEqual([808, 487]);
    const d = describeDataset(dataset);
    expect([...d.byUser.keys()].sort()).toEqual(['39', '45']);
    expect(new Set(d.bySubType.keys())).toEqual(new Set(['Tonic-Clonic', 'Aura', 'Other', '']));
    expect(d.values.milliG.min).toBeGreaterThan(0);
    expect(d.values.milliG.max).toBeGreaterThan(4000);
  });

  it('keeps events that share datapoints (alarms a minute apart) on one side of the split', async () => {
    for (const seed of [1, 2, 3]) {
      const { dataset } = await ingest([join(SHARED_OSDB, 'osdb_sample_seizures.json')], { seed });
      const { values, split, samplesPerWindow: L } = dataset.windows;
      const sides = new Map<string, Set<string>>();
      for (let i = 0; i < split.length; i++) {
        const key = values.subarray(i * L, (i + 1) * L).join(',');
        if (!sides.has(key)) sides.set(key, new Set());
        sides.get(key)!.add(split[i]!);
      }
      const onBothSides = [...sides.values()].filter((s) => s.size === 2).length;
      expect(onBothSides, `seed ${seed}`).toBe(0);
      expect(dataset.meta.split.valEvents.length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('event_45781_tonic_clonic.json (one event object, ISO times, 3-D data) ingests', async () => {
    const { dataset, summary } = await ingest([join(SHARED_OSDB, 'event_45781_tonic_clonic.json')], {
      windowSeconds: 5,
    });
    expect(summary.events).toBe(1);
    expect(summary.windows).toBe(30);
    expect([summary.ictal, summary.nonIctal]).toEqual([25, 5]);
    expect(dataset.windows.subType[0]).toBe('Tonic-Clonic');
    expect(dataset.windows.startTime[0]).toBe(Date.UTC(2023, 4, 5, 6, 27, 30));
  });
});
