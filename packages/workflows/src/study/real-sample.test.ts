import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ingest } from '@accelgan/data';
import { windowDigests } from './fold-data.js';
import { STUDY_DEFAULTS } from './options.js';
import { makePlan } from './plan.js';

/** The shared real sample beside the repository (never copied into it); skipped where absent. */
const SAMPLE = fileURLToPath(new URL('../../../../../shared/data/osdb/osdb_sample_seizures.json', import.meta.url));

describe.skipIf(!existsSync(SAMPLE))('the study plan on the real OSDB sample', () => {
  test('the default 5 folds × 3 seeds never put a window on both sides of a fold, by content (its overlapping alarms share datapoints)', async () => {
    const { dataset } = await ingest([SAMPLE], { windowSeconds: 5, valFraction: 0, scale: 'none' });
    const plan = makePlan([SAMPLE], dataset, STUDY_DEFAULTS);
    expect(plan.units).toHaveLength(30);
    const w = dataset.windows;
    const digests = windowDigests(w.values, 125);
    // The sample repeats datapoints across events: without recording groups some folds would share windows.
    expect(new Set(digests).size).toBeLessThan(digests.length);
    for (const repeat of plan.repeats) {
      const users = new Set(w.userId);
      for (let fold = 0; fold < 5; fold++) {
        const held = new Set(digests.filter((_, i) => repeat.folds[w.eventId[i]!] === fold));
        const shared = digests.filter((d, i) => repeat.folds[w.eventId[i]!] !== fold && held.has(d));
        expect(shared).toEqual([]);
        // Every fold holds recordings of every user.
        const heldUsers = new Set(w.userId.filter((_, i) => repeat.folds[w.eventId[i]!] === fold));
        expect(heldUsers).toEqual(users);
      }
    }
  });
});
