import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { main } from './main.js';

/** Runs the CLI in-process, capturing what it writes. */
export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture = (sink: (text: string) => void) => (chunk: unknown) => {
    sink(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)) as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)) as typeof process.stderr.write),
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(' ')}\n`)),
  ];
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const dirs: string[] = [];
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** One line, prefixed, and nothing else: what every failure must look like. */
export function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^accelgan: /);
  expect(stderr).toMatch(pattern);
}

/**
 * Builds the CLI and the packages it references (tsc -b; nothing to do when dist is up to
 * date, as under `pnpm test`), for tests that run `accelgan` as a real process (what it
 * loads, signals, two processes on one directory), and returns the path of its bin.
 * Test files run in parallel, so builds take turns through the lock directory train's
 * tests build under too (mkdir is atomic), since both builds write train's dist.
 */
export async function builtCli(): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { mkdir, rmdir, stat } = await import('node:fs/promises');
  const { promisify } = await import('node:util');
  const { fileURLToPath } = await import('node:url');
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));
  const lock = join(tmpdir(), 'accelgan-train-build.lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A lock left by a crashed run is old; a build takes under a minute.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 180_000) await rmdir(lock).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await promisify(execFile)('pnpm', ['exec', 'tsc', '-b', '.'], { cwd: packageRoot });
  } finally {
    await rmdir(lock);
  }
  return join(packageRoot, 'dist', 'bin.js');
}
