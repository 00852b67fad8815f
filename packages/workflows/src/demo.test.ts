import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadWindows } from '@accelgan/data';
import { runDemo } from './demo.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-workflows-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TINY = { steps: 1, events: 10, seed: 1, backend: 'wasm' as const };

describe('runDemo', () => {
  test('runs the five stages in order, tells each as it starts, and writes every file it lists', async () => {
    const out = join(dir, 'demo');
    const stages: string[] = [];
    let ingested = 0;
    let trainedSteps = 0;
    const result = await runDemo({
      ...TINY,
      out,
      onStage: (stage, of, what) => stages.push(`${stage}/${of} ${what}`),
      onIngested: (summary) => (ingested = summary.windows),
      onTrained: (trained) => (trainedSteps = trained.step),
    });
    expect(stages.map((s) => s.slice(0, 4))).toEqual(['1/5 ', '2/5 ', '3/5 ', '4/5 ', '5/5 ']);
    expect(stages[0]).toBe('1/5 simulating 10 OSDB events');
    expect(stages[2]).toMatch(/^3\/5 training \w+ for 1 steps$/);
    expect(trainedSteps).toBe(1);
    expect(result.train.step).toBe(1);
    // The dataset on disk is what ingest reported.
    expect(ingested).toBeGreaterThan(0);
    expect((await loadWindows([join(out, 'dataset.arrow')])).windows.eventId).toHaveLength(ingested);
    for (const file of result.files) expect(existsSync(join(out, file.path)), file.path).toBe(true);
    expect(result.report.reportPath).toBe(join(out, 'report', 'report.html'));
    // The report is the run's, against its own validation split.
    expect(result.report.metrics.roles.how).toMatch(/own split/);
  });

  test('refuses a directory it did not write, before any stage, and leaves it as it was', async () => {
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const stages: number[] = [];
    await expect(runDemo({ ...TINY, out: foreign, onStage: (stage) => stages.push(stage) })).rejects.toThrow(
      /holds files the demo did not write/,
    );
    expect(stages).toEqual([]);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');

    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    await expect(runDemo({ ...TINY, out: file })).rejects.toThrow(/exists and is not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});
