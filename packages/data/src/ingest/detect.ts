import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { AccelganError } from '../errors.js';

/** What a file holds, as far as its name and first bytes tell. CSV kinds are told apart by their header. */
export type FileKind = 'json' | 'csv' | 'arrow';

const ARROW_MAGIC = 'ARROW1';

/**
 * The extension decides where it is one of .json, .csv, .arrow (.ipc, .feather),
 * so that a broken .json file is reported as broken JSON; otherwise the first
 * bytes do: Arrow's magic, a `[` or `{`, or else CSV.
 */
export async function detectFileKind(path: string): Promise<FileKind> {
  const head = await readHead(path, 4096);
  if (head.length === 0) throw new AccelganError(`${path}: empty file`);
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  if (extension === '.arrow' || extension === '.ipc' || extension === '.feather') return 'arrow';
  if (head.subarray(0, ARROW_MAGIC.length).toString('latin1') === ARROW_MAGIC) return 'arrow';
  // An Arrow IPC stream (no magic) starts with the 0xFFFFFFFF continuation marker.
  if (head.length >= 4 && head.readUInt32LE(0) === 0xffffffff) return 'arrow';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[') || text.startsWith('{')) return 'json';
  return 'csv';
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AccelganError(`${path}: no such file`);
    if (code === 'EISDIR') throw new AccelganError(`${path}: is a directory, not a file`);
    if (code === 'EACCES') throw new AccelganError(`${path}: permission denied`);
    throw new AccelganError(`${path}: cannot read (${(error as Error).message})`);
  } finally {
    await handle?.close();
  }
}
