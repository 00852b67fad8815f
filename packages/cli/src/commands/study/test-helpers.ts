import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const packageRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The built CLI. */
export const BIN = join(packageRoot, 'dist', 'bin.js');
const exec = promisify(execFile);

/**
 * Builds the CLI and the packages it references (tsc -b; nothing to do when dist is up to
 * date, as under `pnpm test`), under the lock the other tests that build take.
 */
export async function buildCli(): Promise<void> {
  const lock = join(tmpdir(), 'accelgan-train-build.lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rmdir(lock).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await exec('pnpm', ['exec', 'tsc', '-b', '.'], { cwd: packageRoot });
  } finally {
    await rmdir(lock);
  }
}

/** Runs the built CLI (or, with `shell`, a shell line) to its end: exit code and output. */
export async function cli(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return collect(spawn(process.execPath, [BIN, ...args], { cwd }));
}

export async function shell(line: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return collect(spawn('sh', ['-c', line], { cwd }));
}

export function collect(child: ChildProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
