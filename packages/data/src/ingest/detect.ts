import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { AccelganError } from '../errors.js';

/** What a file holds, as far as its name and first bytes tell. CSV kinds are told apart by their header. */
export type FileKind = 'json' | 'csv' | 'arrow';

const ARROW_MAGIC = 'ARROW1';

/**
 * Bytes read to tell what a file is. A CSV's header must end within them: the widest
 * header accelgan reads, a windows CSV of 60 s windows, takes about 9 KB.
 */
const HEAD_BYTES = 1 << 20;

/**
 * The extension decides where it is one of .json, .csv, .arrow (.ipc, .feather),
 * so that a broken .json file is reported as broken JSON; otherwise the first
 * bytes do: Arrow's magic, a `[` or `{`, or else CSV. A file meant as JSON or CSV
 * whose first bytes are not text (NUL bytes, invalid UTF-8) or, for CSV, hold no line
 * break in the first MB, is refused here, at once, rather than after streaming
 * hundreds of MB of it into a parser.
 */
export async function detectFileKind(path: string): Promise<FileKind> {
  const { head, whole } = await readHead(path, HEAD_BYTES);
  if (head.length === 0) throw new AccelganError(`${path}: empty file`);
  const extension = extname(path).toLowerCase();
  if (extension === '.arrow' || extension === '.ipc' || extension === '.feather') return 'arrow';
  if (head.subarray(0, ARROW_MAGIC.length).toString('latin1') === ARROW_MAGIC) return 'arrow';
  // An Arrow IPC stream (no magic) starts with the 0xFFFFFFFF continuation marker.
  if (head.length >= 4 && head.readUInt32LE(0) === 0xffffffff) return 'arrow';
  const notText = whyNotText(head, whole);
  if (notText) throw new AccelganError(`${path}: not an OSDB JSON or CSV file (${notText})`);
  if (extension === '.json') return 'json';
  if (extension === '.csv') return checkCsvHead(path, head, whole);
  const text = head
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[') || text.startsWith('{')) return 'json';
  return checkCsvHead(path, head, whole);
}

/** Why these first bytes cannot begin a text file, or undefined. */
function whyNotText(head: Buffer, whole: boolean): string | undefined {
  const nul = head.indexOf(0);
  if (nul >= 0) return `a NUL byte at byte ${nul}: binary data`;
  // A character cut at the end of the head is not an error; one inside it is.
  const text = whole ? head : head.subarray(0, Math.max(0, head.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(text, { stream: !whole });
  } catch {
    return 'not UTF-8 text';
  }
  return undefined;
}

function checkCsvHead(path: string, head: Buffer, whole: boolean): 'csv' {
  if (!whole && head.indexOf(0x0a) < 0 && head.indexOf(0x0d) < 0)
    throw new AccelganError(`${path}: not an OSDB JSON or CSV file (no line break in its first MB)`);
  return 'csv';
}

/** The first `bytes` of the file, and whether that is all of it. */
async function readHead(path: string, bytes: number): Promise<{ head: Buffer; whole: boolean }> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const size = (await handle.stat()).size;
    return { head: buffer.subarray(0, bytesRead), whole: bytesRead >= size };
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
