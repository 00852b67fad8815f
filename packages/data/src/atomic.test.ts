import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HOST_TAG,
  openAtomicWriter,
  removeTemporaries,
  sweepStaleTemporaries,
  temporaryName,
  writeFileAtomic,
} from './atomic.js';
import { isAccelganError } from './errors.js';
import { useTempDir } from './test-helpers.js';

const tempDir = useTempDir();

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAccelganError(error), String(error)).toBe(true);
  return error as Error;
}

describe('writeFileAtomic', () => {
  it('writes strings and bytes, creating missing directories, leaving no temporary files', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'a.txt'), 'hello');
    await writeFileAtomic(join(dir, 'deep/er/b.bin'), Uint8Array.of(1, 2, 3));
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    expect([...(await readFile(join(dir, 'deep/er/b.bin')))]).toEqual([1, 2, 3]);
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'deep']);
  });

  it('refuses to overwrite without force, saying how, and leaves the old file as it was', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.json');
    await writeFile(path, 'old');
    const error = await failure(writeFileAtomic(path, 'new'));
    expect(error.message).toBe(`${path} exists; use --force to overwrite`);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['x.json']);
    await writeFileAtomic(path, 'new', { force: true });
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('treats a dangling symlink as an existing file', async () => {
    const dir = await tempDir();
    await symlink(join(dir, 'nowhere'), join(dir, 'link'));
    await failure(writeFileAtomic(join(dir, 'link'), 'x'));
  });
});

describe('openAtomicWriter', () => {
  it('streams many chunks and publishes only on commit', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.txt');
    const writer = await openAtomicWriter(path);
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 30_000; i++) await writer.write(line);
    expect(await readdir(dir)).not.toContain('big.txt');
    await writer.commit();
    expect((await readFile(path, 'utf8')).length).toBe(3_000_000);
    expect(await readdir(dir)).toEqual(['big.txt']);
  });

  it('leaves nothing behind on abort', async () => {
    const dir = await tempDir();
    const writer = await openAtomicWriter(join(dir, 'gone.txt'));
    await writer.write('partial');
    await writer.abort();
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails at open, before any work, when the target exists', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'taken'), '');
    await failure(openAtomicWriter(join(dir, 'taken')));
  });

  it('refuses at commit a file that appeared while writing, without force', async () => {
    const dir = await tempDir();
    const path = join(dir, 'race.txt');
    const writer = await openAtomicWriter(path);
    await writer.write('mine');
    await writeFile(path, 'theirs');
    await failure(writer.commit());
    expect(await readFile(path, 'utf8')).toBe('theirs');
    expect(await readdir(dir)).toEqual(['race.txt']);
  });
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('temporary files', () => {
  it('are named within 255 bytes, so a legal 246-byte output name works', async () => {
    const dir = await tempDir();
    for (const name of ['a'.repeat(246), 'é'.repeat(123), `${'x'.repeat(200)}.arrow`]) {
      expect(Buffer.byteLength(temporaryName(name))).toBeLessThanOrEqual(255);
      await writeFileAtomic(join(dir, name), 'x');
      expect(await readFile(join(dir, name), 'utf8')).toBe('x');
    }
    expect(temporaryName('out.csv')).toMatch(
      new RegExp(`^\\.out\\.csv\\.${process.pid}@${HOST_TAG}\\.[0-9a-f]{8}\\.tmp$`),
    );
  });

  it('are removed by removeTemporaries (what exit handlers run) while open, and no longer once committed', async () => {
    const dir = await tempDir();
    const done = await openAtomicWriter(join(dir, 'done.txt'));
    await done.write('kept');
    await done.commit();
    const writer = await openAtomicWriter(join(dir, 'half.txt'));
    await writer.write('half');
    expect((await readdir(dir)).length).toBe(2);
    expect(removeTemporaries()).toBe(1);
    expect(await readdir(dir)).toEqual(['done.txt']);
    await writer.abort();
  });

  it('left by processes now gone are swept; those of live processes, other hosts and other files stay', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'report/plots'), { recursive: true });
    const dead = await deadPid();
    const as = (pid: number, name: string, host = HOST_TAG) =>
      temporaryName(name).replace(`.${process.pid}@${HOST_TAG}.`, `.${pid}@${host}.`);
    const stale = [
      as(dead, 'synthetic.csv'),
      `.data.arrow.${dead}.0123abcd.tmp`, // an earlier release's name
      as(process.pid, 'reused-pid.json'), // this pid, not this process's: a container's reused pid
      join('report', as(dead, 'report.html')),
      join('report/plots', as(dead, 'psd.svg')),
    ];
    const kept = [
      as(process.ppid, 'live.csv'),
      as(dead, 'other-host.csv', 'abcdef01'),
      '.hidden',
      'notes.tmp',
      '.x.12.tmp',
    ];
    for (const name of [...stale, ...kept]) await writeFile(join(dir, name), 'x');
    const writer = await openAtomicWriter(join(dir, 'mine.csv')); // this process's own, open
    const removed = await sweepStaleTemporaries(dir, 2);
    expect(removed.sort()).toEqual(stale.map((name) => join(dir, name)).sort());
    const left = await readdir(dir);
    for (const name of kept) expect(left).toContain(name);
    expect(left.filter((name) => name.startsWith('.mine.csv.'))).toHaveLength(1);
    await writer.abort();
    // Without depth, subfolders are left alone.
    await writeFile(join(dir, 'report', as(dead, 'again.html')), 'x');
    expect(await sweepStaleTemporaries(dir)).toEqual([]);
  });
});
