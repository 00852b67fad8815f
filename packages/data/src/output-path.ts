import { lstat, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AccelganError } from './errors.js';

/**
 * Fails in one line, before any work, when `path` cannot be created where it is: an
 * existing file stands where a directory must be (`--out afile/run`, or `--out afile` for
 * an output directory). Without this, the failure would come from mkdir at the end (ENOTDIR,
 * EEXIST) after the work was done.
 */
export async function assertOutputLocation(path: string, kind: 'file' | 'directory'): Promise<void> {
  const target = resolve(path);
  if (kind === 'directory') {
    const info = await lstat(target).catch(() => undefined);
    if (info && !info.isDirectory()) throw new AccelganError(`${path} exists and is not a directory`);
  }
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
    if (info instanceof Error) {
      // ENOTDIR: a file further up; keep climbing to name it.
      if (info.code !== 'ENOTDIR') return;
    } else if (info) {
      if (info.isDirectory()) return;
      throw new AccelganError(`cannot write ${path}: ${dir} is a file, not a directory`);
    }
    if (dirname(dir) === dir) return;
  }
}
