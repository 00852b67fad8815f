import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomicWriter, writeFileAtomic } from './atomic.js';
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
