import { createReadStream } from 'node:fs';
import { AccelganError, osdbCsvHeader, type AtomicWriter } from '@accelgan/data';

/**
 * A fold file of the OSDB toolkit (user_tools/nnTraining2: `trainData.csv` as splitData.py
 * writes it through pandas, or a flattened CSV as flattenData.py writes it) read as lines,
 * not as data: `augment` copies its rows byte for byte, so it needs only their number, the
 * number of seizure rows (`type` 1) and the exact toolkit header that rows appended to it
 * must match.
 */
export interface FoldFile {
  readonly path: string;
  /** Data rows (lines after the header that are not empty). */
  readonly rows: number;
  /** Rows whose `type` (the 4th column) is 1: the toolkit's seizure class, which it augments. */
  readonly seizureRows: number;
  /** Whether the file's last byte is a line break (else one is written before appended rows). */
  readonly endsWithNewline: boolean;
}

/** Reads a fold file's header and counts its rows; refuses a file whose header is not the toolkit's, exactly. */
export async function readFoldFile(path: string): Promise<FoldFile> {
  const header = osdbCsvHeader();
  let first: string | undefined;
  let rows = 0;
  let seizureRows = 0;
  let last = '';
  for await (const line of lines(path)) {
    last = line.text;
    if (first === undefined) {
      first = line.text;
      if (first.replace(/^\uFEFF/, '').replace(/\r$/, '') !== header) {
        const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
        throw new AccelganError(
          `${path}: not an OSDB toolkit fold file (its header "${shown}" is not flattenData.py's eventId,userId,typeStr,type,dataTime,…,M000…Z124)`,
        );
      }
      continue;
    }
    if (line.text.trim() === '') continue;
    rows++;
    if (Number(leadingFields(line.text, 4)[3]) === 1) seizureRows++;
  }
  if (first === undefined) throw new AccelganError(`${path}: empty file`);
  return { path, rows, seizureRows, endsWithNewline: last === '' };
}

/**
 * The first `count` fields of a CSV line: pandas quotes a field holding a comma or a quote
 * (doubling the quote), flattenData.py quotes typeStr by hand.
 */
export function leadingFields(line: string, count: number): string[] {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < count && i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            value += '"';
            j++;
          } else break;
        } else value += line[j];
      }
      fields.push(value);
      i = line.indexOf(',', j);
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end;
    }
    if (i < 0) break;
    i++;
  }
  return fields;
}

/** A file's lines, split at \n (the text after the last \n is the final, possibly empty, line). */
async function* lines(path: string): AsyncGenerator<{ readonly text: string }> {
  let rest = '';
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
      const parts = (rest + (chunk as string)).split('\n');
      rest = parts.pop()!;
      for (const text of parts) yield { text };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AccelganError(`${path}: no such file`);
    if (code === 'EISDIR') throw new AccelganError(`${path}: is a directory, not a file`);
    throw new AccelganError(`cannot read ${path}: ${(error as Error).message}`);
  }
  yield { text: rest };
}

/** Copies a file's bytes to the writer unchanged, or without its first line (a CSV's header). */
export async function copyInto(
  writer: AtomicWriter,
  path: string,
  options: { skipHeader?: boolean } = {},
): Promise<void> {
  let skipping = options.skipHeader ?? false;
  for await (const chunk of createReadStream(path)) {
    let bytes = chunk as Buffer;
    if (skipping) {
      const end = bytes.indexOf(0x0a);
      if (end < 0) continue;
      bytes = bytes.subarray(end + 1);
      skipping = false;
    }
    if (bytes.length) await writer.write(bytes);
  }
}
