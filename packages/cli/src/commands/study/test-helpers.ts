import { spawn, type ChildProcess } from 'node:child_process';

/** Runs `node BIN args…` to its end: exit code and output. */
export function cli(
  bin: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return collect(spawn(process.execPath, [bin, ...args], { cwd }));
}

/** Runs a shell line to its end. */
export function shell(line: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return collect(spawn('sh', ['-c', line], { cwd }));
}

/** A child process's exit code (128 + signal where a signal ended it) and output. */
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
