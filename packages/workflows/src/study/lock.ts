import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { AccelganError } from '@accelgan/data';

/**
 * One writer per study unit: a lock file beside the unit's directory, created
 * exclusively, holding the writer's pid, host and a token, and touched every
 * HEARTBEAT_MS while the unit runs. A lock is left behind by a writer that is gone when
 * its pid no longer runs on this host, or, for any host (units may run on several
 * machines over a shared directory, where another host's processes cannot be seen),
 * when it has not been touched for STALE_MS; such a lock is taken over. Any other lock
 * refuses with one line naming its holder.
 *
 * Kept to this one function so that the run directory lock of @accelgan/train can
 * replace it.
 */
export const HEARTBEAT_MS = 30_000;
export const STALE_MS = 10 * 60_000;

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly token: string;
}

/** Locks this process holds, removed at exit if still there. */
const held = new Map<string, string>();
let releasesAtExit = false;

/** Takes the lock at `path` for `what` (a unit's name); returns its release. */
export async function lockUnit(
  path: string,
  what: string,
  onNote: (line: string) => void = () => undefined,
): Promise<() => Promise<void>> {
  const mine: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return hold(path, mine.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AccelganError(`cannot lock ${what}: ${(error as Error).message}`);
    }
    const holder = await readHolder(path);
    if (holder === undefined) continue;
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (holder && !gone(holder) && age < STALE_MS)
      throw new AccelganError(
        `${what} is being run by another process (pid ${holder.pid} on ${holder.host}, since ${holder.since})`,
      );
    const who = holder ? `pid ${holder.pid} on ${holder.host}` : 'an unreadable lock';
    onNote(`${what}: taking over the lock left by ${who}, which is no longer running`);
    await unlink(path).catch(() => undefined);
  }
  throw new AccelganError(`cannot lock ${what}: its lock keeps changing hands`);
}

/** Whether the lock at `path` is held by a process that may still be running (not left behind). */
export async function lockHeld(path: string): Promise<boolean> {
  const holder = await readHolder(path);
  if (holder === undefined) return false;
  const age = await stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => Number.POSITIVE_INFINITY,
  );
  return holder !== null && !gone(holder) && age < STALE_MS;
}

function gone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return ![...held.values()].includes(holder.token);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readHolder(path: string): Promise<Holder | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

function hold(path: string, token: string): () => Promise<void> {
  held.set(path, token);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  if (!releasesAtExit) {
    releasesAtExit = true;
    process.on('exit', () => {
      for (const [lock, own] of held) releaseSync(lock, own);
    });
  }
  return async () => {
    clearInterval(heartbeat);
    if (held.get(path) !== token) return;
    held.delete(path);
    const holder = await readHolder(path);
    if (holder?.token === token) await unlink(path).catch(() => undefined);
  };
}

function releaseSync(path: string, token: string): void {
  try {
    if ((JSON.parse(readFileSync(path, 'utf8')) as Holder).token === token) unlinkSync(path);
  } catch {
    // Gone already.
  }
}
