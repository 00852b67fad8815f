/**
 * `pnpm bench:generate-memory [-n 2000000] [--format json|csv] [--threads T] [--run RUN]`
 *
 * Peak memory of `accelgan generate RUN -n N` on the `bench` architecture: generation
 * streams its output chunk by chunk, so the peak should not grow with N. Without --run it
 * first trains a `bench` run for one step on simulated data (what is generated does not
 * matter here, only how much of it). The command runs in a child process whose peak
 * resident memory (process.resourceUsage().maxRSS, worker threads included) is printed as
 * one JSON object with the time it took; the output file is deleted afterwards. Figures
 * belong in docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const n = Number(value('-n', '2000000'));
const format = value('--format', 'json');
const threads = value('--threads', '');
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const main = join(repo, 'packages', 'cli', 'dist', 'main.js');

/** Runs the CLI in this process's child, failing loudly: a setup step. */
function accelgan(...argv: string[]): void {
  const result = spawnSync(process.execPath, [bin, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`accelgan ${argv.join(' ')} exited with ${result.status}`);
}

const dir = await mkdtemp(join(tmpdir(), 'accelgan-generate-memory-'));
try {
  let run = value('--run', '');
  if (!run) {
    run = join(dir, 'run');
    accelgan('simulate', '--out', join(dir, 'sim.json'), '--events', '12');
    accelgan('train', join(dir, 'sim.json'), '--out', run, '--arch', 'bench', '--steps', '1', '--batch', '16');
  }
  const out = join(dir, `generated.${format}`);
  const argv = ['generate', run, '-n', String(n), '--out', out, ...(threads ? ['--threads', threads] : [])];
  // The child runs the CLI's main() and then reports its own peak memory (kB) on its last line.
  const child = `
    const { main } = await import(${JSON.stringify(new URL(`file://${main}`).href)});
    const code = await main(${JSON.stringify(argv)});
    process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }) + '\\n');`;
  // A file, not --eval: worker threads inherit the parent's exec arguments.
  const script = join(dir, 'child.mjs');
  await writeFile(script, child);
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { code?: number; maxRssKb?: number };
  const bytes = await stat(out).then(
    (s) => s.size,
    () => 0,
  );
  process.stdout.write(
    `${JSON.stringify(
      {
        command: `accelgan ${argv.join(' ').replaceAll(dir, '$TMP')}`,
        exit_code: report.code ?? result.status,
        peak_rss_mb: report.maxRssKb === undefined ? null : Math.round(report.maxRssKb / 1024),
        seconds: Math.round(seconds),
        output_mb: Math.round(bytes / 2 ** 20),
        node: process.version,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
