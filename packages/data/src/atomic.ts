import { createHash, randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
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
 *
 * A temporary's name says which process holds it (`.<name>.<pid>@<host>.<random>.tmp`):
 * the temporaries of this process are removed when it exits, whatever the cause that
 * lets it run its exit handlers (the CLI turns SIGINT, SIGTERM and SIGHUP into an exit),
 * and sweepStaleTemporaries removes those a killed process (kill -9, a crash) left.
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
  const temp = join(directory, temporaryName(basename(path)));
  let handle: FileHandle | undefined = await open(temp, 'wx').catch((error: unknown) => {
    throw new AccelganError(`cannot write ${path}: ${(error as Error).message}`);
  });
  holdTemporary(temp);
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
      try {
        await moveIntoPlace(temp, path, options.force ?? false);
      } finally {
        openTemporaries.delete(temp);
      }
    },
    async abort() {
      const open = handle;
      handle = undefined;
      await open?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      openTemporaries.delete(temp);
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

/** Bytes of the target's name kept in a temporary's name: a legal 255-byte name still gets a legal temporary. */
const NAME_BYTES = 100;
/** `.<name>.<pid>@<host tag>.<random>.tmp`, and the name of earlier releases, `.<name>.<pid>.<random>.tmp`. */
const TEMPORARY = /^\..*\.(\d+)@([0-9a-f]{8})\.[0-9a-f]{8}\.tmp$/;
const LEGACY_TEMPORARY = /^\..*\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** This host in 8 hex digits, for temporaries' names (a directory may be shared between hosts). */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** A fresh temporary's name beside `name`: at most NAME_BYTES of it (whole characters), this process and host, random. */
export function temporaryName(name: string): string {
  let kept = name;
  while (Buffer.byteLength(kept) > NAME_BYTES) kept = [...kept].slice(0, -1).join('');
  return `.${kept}.${process.pid}@${HOST_TAG}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Temporaries this process has open, removed at exit if still there. */
const openTemporaries = new Set<string>();
let removesAtExit = false;

function holdTemporary(path: string): void {
  openTemporaries.add(path);
  if (!removesAtExit) {
    removesAtExit = true;
    // Synchronous: exit handlers cannot wait. Reached by process.exit(), so also by the CLI's signal handlers.
    process.on('exit', removeTemporaries);
  }
}

/** Deletes every temporary this process still has open (a signal stopped it mid-write); returns how many. */
export function removeTemporaries(): number {
  let removed = 0;
  for (const path of openTemporaries) {
    try {
      unlinkSync(path);
      removed += 1;
    } catch {
      // Already gone.
    }
  }
  openTemporaries.clear();
  return removed;
}

/**
 * Whether the process that left a temporary or a lock is known to be gone: it ran on
 * this host (`host`: the hostname, or a HOST_TAG) and no process has its pid, or the pid
 * is this process's own and this process did not make it (a container's pid reused).
 * Another host's processes cannot be seen: never gone.
 */
export function processGone(pid: number, host: string, ownedHere = false): boolean {
  if (host !== hostname() && host !== HOST_TAG) return false;
  if (pid === process.pid) return !ownedHere;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the temporaries in `dir` (and its subdirectories, `depth` levels down) that
 * processes now gone left (kill -9, a crash, a power cut): names of accelgan's making
 * whose pid no process on this host has. Those of live processes, of other hosts, and
 * every other file stay. Returns the paths removed.
 */
export async function sweepStaleTemporaries(dir: string, depth = 0): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) removed.push(...(await sweepStaleTemporaries(path, depth - 1)));
      continue;
    }
    if (!entry.isFile()) continue;
    const match = TEMPORARY.exec(entry.name);
    const legacy = match ? null : LEGACY_TEMPORARY.exec(entry.name);
    const pid = Number((match ?? legacy)?.[1]);
    if (!match && !legacy) continue;
    // Earlier releases' names carry no host: taken as this host's.
    if (!processGone(pid, match ? match[2]! : HOST_TAG, openTemporaries.has(path))) continue;
    await unlink(path).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}
