import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ingest, simulateEvents, writeDataset, writeOsdbJson } from '@accelgan/data';
import { resolveConfig, train } from '@accelgan/train';
import { reportRun } from './report-run.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-eval-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reportRun', () => {
  test("generates from a run and evaluates against the run's validation events, with its loss curves", async () => {
    const recordings = join(dir, 'recordings.json');
    await writeOsdbJson(recordings, simulateEvents({ events: 16, seed: 1 }));
    const { dataset } = await ingest([recordings], { seed: 1 });
    const arrow = join(dir, 'dataset.arrow');
    await writeDataset(arrow, dataset);
    const runDir = join(dir, 'run');
    await train({ dataset, datasetSources: [arrow], config: resolveConfig({ arch: 'bench', steps: 2, batchSize: 8, backend: 'wasm', logEvery: 1 }), runDir });

    const result = await reportRun(runDir, { n: 120, seed: 2, critics: ['features'], folds: 2, seeds: 1 });
    expect(result.generated).toBe(120);
    expect(result.outDir).toBe(join(runDir, 'report'));
    expect(existsSync(result.reportPath)).toBe(true);
    expect(result.metrics.roles.how).toMatch(/own split/);
    expect(result.metrics.roles.synthetic.windows).toBe(120);
    expect(result.metrics.roles.realHeldOut.windows).toBe(dataset.windows.split.filter((s) => s === 'val').length);
    expect(result.figures).toContain('losses');
    // Where the synthetic windows came from, in metrics.json: the run, its step and the seed.
    expect(result.metrics.origins?.synthetic).toBe(`accelgan run ${runDir} (bench, step 2, seed 2)`);
    expect(result.metrics.origins?.real).toBe(`${arrow}, as the run split it`);
  });
});
