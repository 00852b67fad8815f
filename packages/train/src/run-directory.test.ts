import { spawn } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryName } from '@accelgan/data';
import { resolveConfig } from './config.js';
import { RunDirectory, resumedConfig } from './run-directory.js';
import { toyDataset, withTempDir } from './test-helpers.js';
import { train } from './trainer.js';

const config = resolveConfig({ arch: 'bench', steps: 2, batchSize: 8, backend: 'wasm', seed: 3, logEvery: 1 });
const run = (runDir: string, more: Partial<Parameters<typeof train>[0]> = {}) =>
  train({ dataset: toyDataset(), datasetSources: ['toy'], config, runDir, ...more } as Parameters<typeof train>[0]);

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

async function files(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'latin1')])));
}

describe('the resume rule', () => {
  const saved = resolveConfig({ arch: 'styled', steps: 100, seed: 4, batchSize: 64 });

  it('keeps the run config, taking only the budget, backend and logging from the invocation', () => {
    expect(resumedConfig(saved, {})).toEqual(saved);
    const more = resumedConfig(saved, { steps: 300, backend: 'cpu', logEvery: 5, checkpointMinutes: 1, seed: 4 });
    expect(more).toEqual({ ...saved, steps: 300, minutes: null, backend: 'cpu', logEvery: 5, checkpointMinutes: 1 });
    expect(resumedConfig(saved, { minutes: 3 })).toMatchObject({ steps: null, minutes: 3 });
  });

  it.each([
    [{ arch: 'seed' }, {}, /^cannot resume: --arch seed differs from the run's styled; /],
    [{ condition: 'phase' as const }, {}, /--condition phase differs from the run's ictal/],
    [{ batchSize: 32 }, {}, /--batch 32 differs from the run's 64/],
    [{ batchSize: 32 }, { batchSize: '--set batchSize' }, /--set batchSize=32 differs from the run's 64/],
    [{ seed: 5 }, {}, /--seed 5 differs/],
    [{ windowSeconds: 10 }, {}, /--window-seconds 10 differs/],
    [{ valFraction: 0.3 }, {}, /--val-fraction 0.3 differs/],
    [{ emaDecay: 0.5 }, { emaDecay: '--set emaDecay' }, /--set emaDecay=0.5 differs from the run's 0.999/],
    [{ steps: 0 }, {}, /^--steps must be a positive integer, got 0$/],
  ])('refuses %j in one line naming the flag', (requested, flags, message) => {
    let error: unknown;
    try {
      resumedConfig(saved, requested, flags);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(message);
    expect((error as { exitCode: number }).exitCode).toBe(2);
  });
});

describe('a run directory', () => {
  it('refuses a resume that contradicts the run, changing nothing, and records each invocation as a segment', async () => {
    await withTempDir(async (dir) => {
      await run(dir);
      const before = await files(dir);
      for (const contradiction of [{ seed: 4 }, { batchSize: 16 }, { arch: 'seed' }, { learningRateG: 1e-3 }]) {
        const asked = resolveConfig({ ...config, ...contradiction, steps: 4 });
        await expect(run(dir, { config: asked, resume: true })).rejects.toThrow(/^cannot resume: /);
      }
      expect(await files(dir)).toEqual(before);
      await run(dir, { config: { ...config, steps: 4 }, resume: true, threads: 1 });
      const record = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
      expect(record.segments).toEqual([
        expect.objectContaining({ fromStep: 0, toStep: 2, threads: 1, backend: 'wasm', status: 'finished' }),
        expect.objectContaining({ fromStep: 2, toStep: 4, threads: 1, backend: 'wasm', status: 'finished' }),
      ]);
      for (const segment of record.segments) expect(Date.parse(segment.endedAt)).toBeGreaterThan(0);
    });
  });

  it('has one writer: a second is refused naming the first, a stale lock is taken over with a note', async () => {
    await withTempDir(async (dir) => {
      const first = await RunDirectory.open({ runDir: dir, requested: config });
      const lock = JSON.parse(await readFile(join(dir, 'run.lock'), 'utf8'));
      expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
      const refused = new RegExp(
        `^run directory ${dir} is being written by another accelgan train \\(pid ${process.pid} on ${hostname()}\\); `,
      );
      await expect(RunDirectory.open({ runDir: dir, requested: config, force: true })).rejects.toThrow(refused);
      await expect(run(dir, { resume: true })).rejects.toThrow(refused);
      await first.close();
      expect(await readdir(dir)).toEqual([]);

      // Left by a process gone from this host: taken over, with a note.
      const gone = await deadPid();
      await writeFile(join(dir, 'run.lock'), JSON.stringify({ pid: gone, host: hostname(), token: 'x' }));
      const notes: string[] = [];
      await run(dir, { onNote: (line: string) => notes.push(line) });
      expect(notes).toEqual([
        `taking over the lock of run directory ${dir} left by pid ${gone} on ${hostname()}, no longer running`,
      ]);
      expect(await readdir(dir)).not.toContain('run.lock');

      // Held on another host, whose processes cannot be seen: refused.
      await writeFile(join(dir, 'run.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'y' }));
      await expect(run(dir, { resume: true })).rejects.toThrow(/\(pid 1 on elsewhere\); .*delete .*run\.lock\)$/);
    });
  });

  it('releases its lock when training fails', async () => {
    await withTempDir(async (dir) => {
      const dataset = toyDataset(1);
      await expect(train({ dataset, datasetSources: ['toy'], config, runDir: dir })).rejects.toThrow(/at least 2/);
      expect(await readdir(dir)).not.toContain('run.lock');
    });
  });

  it('rewrites metrics.csv whole at each checkpoint instead of appending in place', async () => {
    await withTempDir(async (dir) => {
      let early: number | null = null;
      let earlyText = '';
      await run(dir, {
        config: { ...config, steps: 6, checkpointMinutes: 1e-9 },
        onCheckpoint: (step: number) => {
          if (step !== 2) return;
          early = openSync(join(dir, 'metrics.csv'), 'r');
          earlyText = readFileSync(join(dir, 'metrics.csv'), 'utf8');
        },
      });
      expect(earlyText.trim().split('\n')).toHaveLength(3);
      // A reader holding the file it opened sees it whole and unchanged: later rows went to a new file.
      expect(readFileSync(early!, 'utf8')).toBe(earlyText);
      closeSync(early!);
      expect((await readFile(join(dir, 'metrics.csv'), 'utf8')).trim().split('\n')).toHaveLength(7);
      expect((await readdir(dir)).sort()).toEqual(['checkpoint.bin', 'config.json', 'metrics.csv', 'run.json']);
    });
  });

  it("removes the temporaries a killed run left, and keeps a live process's", async () => {
    await withTempDir(async (dir) => {
      await run(dir);
      // Names as accelgan's atomic writes make them, of another process.
      const of = (name: string, pid: number) => temporaryName(name).replace(`.${process.pid}@`, `.${pid}@`);
      const killed = of('checkpoint.bin', await deadPid());
      const live = of('metrics.csv', process.ppid);
      await writeFile(join(dir, killed), 'partial');
      await writeFile(join(dir, live), 'in progress');
      await run(dir, { config: { ...config, steps: 3 }, resume: true });
      const left = await readdir(dir);
      expect(left).not.toContain(killed);
      expect(left).toContain(live);
    });
  });
});
