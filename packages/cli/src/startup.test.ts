import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from './test-helpers.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageRoot, 'dist', 'bin.js');
const run = promisify(execFile);

/**
 * `accelgan --help` must start without Arrow or TensorFlow.js (each command's work is
 * imported only when it runs). ESM keeps no module cache a test can read, so the built
 * CLI runs in a child process with a module hook that writes every URL it resolves to a
 * file, and the test reads which packages were loaded.
 */
describe('what the CLI loads', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accelgan-cli-startup-'));
    await writeFile(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + '\\n');
  return resolved;
}
`,
    );
    await builtCli();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Runs the built CLI with `args`; returns its exit code, stdout and every module URL it resolved. */
  async function loads(name: string, args: string[]): Promise<{ code: number; stdout: string; urls: string[] }> {
    const log = join(dir, `${name}.log`);
    const register = join(dir, `${name}.mjs`);
    await writeFile(log, '');
    await writeFile(
      register,
      `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } });
`,
    );
    const result = await run(process.execPath, ['--import', pathToFileURL(register).href, bin, ...args], {
      cwd: dir,
      timeout: 60_000,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
    );
    const urls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    return { ...result, urls };
  }

  const arrow = (urls: string[]) => urls.filter((u) => u.includes('/apache-arrow/'));
  const tfjs = (urls: string[]) => urls.filter((u) => u.includes('/@tensorflow/'));

  it('--help loads neither Arrow nor TensorFlow.js', async () => {
    const { code, stdout, urls } = await loads('help', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Commands:/);
    // The hook saw the CLI start: yargs and the CLI's own modules.
    expect(urls.some((u) => u.includes('/yargs/'))).toBe(true);
    expect(urls.some((u) => u.endsWith('/cli/dist/main.js'))).toBe(true);
    expect(arrow(urls)).toEqual([]);
    expect(tfjs(urls)).toEqual([]);
  });

  it('a command that does its work loads them, so the hook would see them under --help', async () => {
    const simulated = await loads('simulate', ['simulate', '--out', join(dir, 'sim.json'), '--events', '1']);
    expect(simulated.code).toBe(0);
    expect(arrow(simulated.urls)).not.toEqual([]);
    const models = await loads('models', ['models']);
    expect(models.code).toBe(0);
    expect(tfjs(models.urls)).not.toEqual([]);
  });
});
