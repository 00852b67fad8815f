import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ingest, simulateEvents, writeDataset, writeOsdbJson } from '@accelgan/data';
import { resolveConfig, train } from '@accelgan/train';
import { reportRun } from './report-run.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-report-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny trained run on simulated recordings, made once for the tests that need one. */
let made: Promise<{ runDir: string; validation: number; arrow: string }> | undefined;
function tinyRun(): Promise<{ runDir: string; validation: number; arrow: string }> {
  made ??= (async () => {
    const recordings = join(dir, 'recordings.json');
    await writeOsdbJson(recordings, simulateEvents({ events: 16, seed: 1 }));
    const { dataset } = await ingest([recordings], { seed: 1 });
    const arrow = join(dir, 'dataset.arrow');
    await writeDataset(arrow, dataset);
    const runDir = join(dir, 'run');
    await train({
      dataset,
      datasetSources: [arrow],
      config: resolveConfig({ arch: 'bench', steps: 2, batchSize: 8, backend: 'wasm', logEvery: 1 }),
      runDir,
    });
    return { runDir, arrow, validation: dataset.windows.split.filter((s) => s === 'val').length };
  })();
  return made;
}

const FAST = { n: 120, critics: ['features' as const], folds: 2, seeds: 1 };

describe('reportRun', () => {
  test("generates from a run and evaluates against the run's validation events, with its loss curves", async () => {
    const { runDir, arrow, validation } = await tinyRun();

    const result = await reportRun(runDir, { ...FAST, seed: 2 });
    expect(result.generated).toBe(120);
    expect(result.outDir).toBe(join(runDir, 'report'));
    expect(existsSync(result.reportPath)).toBe(true);
    expect(result.metrics.roles.how).toMatch(/own split/);
    expect(result.metrics.roles.synthetic.windows).toBe(120);
    expect(result.metrics.roles.realHeldOut.windows).toBe(validation);
    expect(result.figures).toContain('losses');
    // Where the synthetic windows came from, in metrics.json: the run, its step and the seed.
    expect(result.metrics.origins?.synthetic).toBe(`accelgan run ${runDir} (bench, step 2, seed 2)`);
    expect(result.metrics.origins?.real).toBe(`${arrow}, as the run split it`);
    // One draw: no draws summary.
    expect(result.metrics.draws).toBeUndefined();
  });

  test('scores further generation draws with the seeds after its own, each as a report with that seed would', async () => {
    const { runDir } = await tinyRun();
    const stages = new Set<string>();
    const result = await reportRun(runDir, {
      ...FAST,
      seed: 2,
      draws: 2,
      outDir: join(dir, 'report-draws'),
      onProgress: (stage) => stages.add(stage),
    });
    // Progress names each draw by its seed and by when it runs; the report's own runs last.
    expect([...stages].filter((s) => s.endsWith(': generating synthetic windows'))).toEqual([
      'seed 3, 1 of 2: generating synthetic windows',
      'seed 2, 2 of 2: generating synthetic windows',
    ]);
    const draws = result.metrics.draws;
    expect(draws?.seeds).toEqual([2, 3]);
    const value = (m: typeof result.metrics, id: string) => m.rows.find((r) => r.id === id)?.perClass.all?.value;
    const drawn = (k: number, id: string) => draws?.figures.find((f) => f.id === id && f.cls === 'all')?.values[k];
    // Each draw is what `report --seed S` scores on its own, the report's own draw included.
    const seed2 = await reportRun(runDir, { ...FAST, seed: 2, outDir: join(dir, 'report-seed-2') });
    const seed3 = await reportRun(runDir, { ...FAST, seed: 3, outDir: join(dir, 'report-seed-3') });
    for (const id of ['discriminative', 'psdDb', 'tstr', 'nearCopies']) {
      expect(drawn(0, id)).toBe(value(seed2.metrics, id));
      expect(drawn(1, id)).toBe(value(seed3.metrics, id));
      expect(value(result.metrics, id)).toBe(value(seed2.metrics, id));
    }
    // The two draws differ, so the comparison above could tell them apart.
    expect(drawn(0, 'psdDb')).not.toBe(drawn(1, 'psdDb'));
    expect(draws?.verdicts).toEqual([seed2.metrics.verdict, seed3.metrics.verdict]);
    const written = JSON.parse(readFileSync(result.metricsPath, 'utf8')) as { draws?: { seeds: number[] } };
    expect(written.draws?.seeds).toEqual([2, 3]);
    expect(readFileSync(result.reportPath, 'utf8')).toContain('<h2>Generation draws</h2>');
  });

  test('refuses a draw count that is not a whole number of at least 1, and an existing report before drawing', async () => {
    const { runDir } = await tinyRun();
    await expect(reportRun(runDir, { ...FAST, draws: 0, outDir: join(dir, 'never') })).rejects.toThrow(
      /--draws must be a positive integer, got 0/,
    );
    await expect(reportRun(runDir, { ...FAST, draws: 1.5, outDir: join(dir, 'never') })).rejects.toThrow(/got 1\.5/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const existing = join(dir, 'existing');
    await reportRun(runDir, { ...FAST, outDir: existing });
    const before = statSync(join(existing, 'metrics.json')).mtimeMs;
    const stages: string[] = [];
    await expect(
      reportRun(runDir, { ...FAST, draws: 3, outDir: existing, onProgress: (stage) => stages.push(stage) }),
    ).rejects.toThrow(/already holds a report/);
    expect(stages).toEqual([]); // nothing was loaded or generated
    expect(statSync(join(existing, 'metrics.json')).mtimeMs).toBe(before);
  });
});
