import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AccelganError, processGone, temporaryName } from '@accelgan/data';

/** What a lock file holds: who writes the run directory. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Tells this process's lock from one a process of the same pid and host left. */
  readonly token: string;
}

/** Locks this process holds, released at exit if still held (a second signal exits at once). */
const held = new Map<string, string>();
let releasesAtExit = false;

/**
 * One writer per run directory: takes the lock file at `path` (created exclusively, so two
 * processes cannot both take it), holding this process's pid and host. A lock another live
 * process holds, or one of another host (whose processes cannot be seen), refuses with one
 * line naming them; one left by a process gone from this host (kill -9, a crash) is taken
 * over, and `onNote` says so. Returns the release, which removes the file if it is still ours.
 */
export async function acquireRunLock(
  path: string,
  runDir: string,
  onNote: (line: string) => void = () => undefined,
): Promise<() => Promise<void>> {
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await createWhole(path, `${JSON.stringify(mine)}\n`);
      hold(path, mine.token);
      return () => release(path, mine.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AccelganError(`cannot lock run directory ${runDir}: ${(error as Error).message}`);
    }
    const holder = await readHolder(path);
    if (holder === undefined) continue; // released meanwhile
    if (holder && !processGone(holder.pid, holder.host, held.get(path) === holder.token)) {
      throw new AccelganError(
        `run directory ${runDir} is being written by another accelgan train (pid ${holder.pid} on ${holder.host}); wait for it to end or stop it (if that process is gone, delete ${path})`,
      );
    }
    const who = holder ? `pid ${holder.pid} on ${holder.host}, no longer running` : 'an unreadable lock';
    onNote(`taking over the lock of run directory ${runDir} left by ${who}`);
    await unlink(path).catch(() => undefined);
  }
  throw new AccelganError(`cannot lock run directory ${runDir}: its lock keeps changing hands`);
}

/**
 * Creates `path` with `text`, failing with EEXIST where it exists: written beside it and
 * hard-linked into place, so that no reader ever sees the lock empty or half written.
 * Where the file system has no hard links, created exclusively and then written.
 */
async function createWhole(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), temporaryName(basename(path)));
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await writeFile(path, text, { flag: 'wx' });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The holder of a lock file; null where it cannot be read as one, undefined where there is none. */
async function readHolder(path: string): Promise<LockHolder | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

function hold(path: string, token: string): void {
  held.set(path, token);
  if (!releasesAtExit) {
    releasesAtExit = true;
    process.on('exit', () => {
      for (const [lock, token] of held) releaseSync(lock, token);
    });
  }
}

async function release(path: string, token: string): Promise<void> {
  if (held.get(path) !== token) return;
  held.delete(path);
  const holder = await readHolder(path);
  if (holder?.token === token) await unlink(path).catch(() => undefined);
}

function releaseSync(path: string, token: string): void {
  try {
    if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).token === token) unlinkSync(path);
  } catch {
    // Gone already.
  }
}
