import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset, writeDataset } from '../arrow.js';
import { writeOsdbJson } from '../export.js';
import { simulateEvents } from '../simulate/simulate.js';
import { useTempDir } from '../test-helpers.js';
import { ingest } from './pipeline.js';

const tempDir = useTempDir();

describe('the fingerprint of the rows ingest kept', () => {
  it('is the same however the rows are windowed, split, scaled or stored; another sample changes it', async () => {
    const dir = await tempDir();
    const events = simulateEvents({ events: 6, seed: 2 });
    await writeOsdbJson(join(dir, 'a.json'), events);
    const base = (await ingest([join(dir, 'a.json')])).dataset.meta.fingerprint;
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    const other = await ingest([join(dir, 'a.json')], {
      windowSeconds: 10,
      valFraction: 0.5,
      seed: 9,
      scale: 'zscore',
    });
    expect(other.dataset.meta.fingerprint).toBe(base);

    // An Arrow dataset keeps the fingerprint of the recordings it was made from.
    await writeDataset(join(dir, 'a.arrow'), other.dataset);
    expect((await readDataset(join(dir, 'a.arrow'))).meta.fingerprint).toBe(base);
    // Windows ingested as windows have no rows to fingerprint.
    expect((await ingest([join(dir, 'a.arrow')])).dataset.meta.fingerprint).toBeUndefined();

    const first = events[0]!;
    const magnitude = first.datapoints[0]!.magnitude.slice();
    magnitude[7] = magnitude[7]! + 1;
    const changed = [{ ...first, datapoints: [{ ...first.datapoints[0]!, magnitude }, ...first.datapoints.slice(1)] }];
    await writeOsdbJson(join(dir, 'b.json'), [...changed, ...events.slice(1)]);
    expect((await ingest([join(dir, 'b.json')])).dataset.meta.fingerprint).not.toBe(base);
    // Fewer rows, another fingerprint; the same rows in another order, another fingerprint.
    await writeOsdbJson(join(dir, 'c.json'), events.slice(1));
    expect((await ingest([join(dir, 'c.json')])).dataset.meta.fingerprint).not.toBe(base);
    await writeOsdbJson(join(dir, 'd.json'), [...events.slice(1), first]);
    expect((await ingest([join(dir, 'd.json')])).dataset.meta.fingerprint).not.toBe(base);
  });
});
