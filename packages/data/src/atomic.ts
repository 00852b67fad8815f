import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AccelganError } from './errors.js';
import { assertOutputLocation } from './output-path.js';

/**
 * Every output file of accelgan is written here: into a temporary file beside the
 * target, flushed to disk, then moved into place in one step. A reader never sees
 * half a file, and a failed or interrupted run leaves no partial output under the
 * target's name. Without `force` an existing file is never replaced, checked both
 * when writing starts (to fail before hours of work) and at the final step, which
 * links rather than renames so that it cannot replace a file that appeared meanwhile.
 * Missing parent directories are created.
 */

export interface WriteOptions {
  /** Replace an existing file. */
  readonly force?: boolean;
}

export interface AtomicWriter {
  /** The final path. */
  readonly path: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes, syncs and moves the file into place. */
  commit(): Promise<void>;
  /** Deletes the temporary file; safe to call after a failure, or twice. */
  abort(): Promise<void>;
}

export function existsMessage(path: string): string {
  return `${path} exists; use --force to overwrite`;
}

/** Fails with a clear line if `path` exists and `force` is not set, or cannot be created where it is. */
export async function assertWritable(path: string, options: WriteOptions = {}): Promise<void> {
  await assertOutputLocation(path, 'file');
  if (options.force) return;
  if (await exists(path)) throw new AccelganError(existsMessage(path));
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const writer = await openAtomicWriter(path, options);
  try {
    await writer.write(data);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Small writes are gathered up to this many bytes before reaching the file. */
const BUFFER_BYTES = 1 << 20;

/** A streaming atomic writer, for outputs too large to build as one string. */
export async function openAtomicWriter(path: string, options: WriteOptions = {}): Promise<AtomicWriter> {
  await assertWritable(path, options);
  const directory = dirname(path);
  await mkdir(directory, { recursive: true }).catch((error: unknown) => {
    throw new AccelganError(`cannot create directory ${directory}: ${(error as Error).message}`);
  });
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | undefined = await open(temp, 'wx').catch((error: unknown) => {
    throw new AccelganError(`cannot write ${path}: ${(error as Error).message}`);
  });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const encoder = new TextEncoder();
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const chunks = pending;
    pending = [];
    pendingBytes = 0;
    await handle!.writev(chunks);
  };
  return {
    path,
    async write(chunk) {
      if (!handle) throw new Error(`${path}: write after commit or abort`);
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= BUFFER_BYTES) await flush();
    },
    async commit() {
      if (!handle) throw new Error(`${path}: commit after commit or abort`);
      await flush();
      await handle.sync();
      await handle.close();
      handle = undefined;
      await moveIntoPlace(temp, path, options.force ?? false);
    },
    async abort() {
      const open = handle;
      handle = undefined;
      await open?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

async function moveIntoPlace(temp: string, path: string, force: boolean): Promise<void> {
  try {
    if (force) {
      await rename(temp, path);
      return;
    }
    try {
      // link() fails if `path` exists, where rename() would silently replace it.
      await link(temp, path);
      await unlink(temp);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new AccelganError(existsMessage(path));
      // Some file systems have no hard links: check, then rename.
      if (await exists(path)) throw new AccelganError(existsMessage(path));
      await rename(temp, path);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof AccelganError) throw error;
    throw new AccelganError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** lstat, not access: a dangling symlink still occupies the name. */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
