import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { osdbCsvHeader } from '@accelgan/data';
import { afterAll, describe, expect, it } from 'vitest';
import { leadingFields, readFoldFile } from './fold-file.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accelgan-fold-'));
  dirs.push(dir);
  await writeFile(join(dir, 'trainData.csv'), text);
  return join(dir, 'trainData.csv');
}

/** A row of 510 cells with these first four (as written, quoting included). */
const row = (...head: string[]) => [...head, '28-05-2022 07:04:22', ...new Array<string>(505).fill('1168.0')].join(',');

describe('a toolkit fold file, read as lines', () => {
  it('takes the leading fields as pandas and flattenData.py quote them', () => {
    expect(leadingFields('5705,39,"Seizure/Tonic, Clonic",1,x', 4)).toEqual([
      '5705',
      '39',
      'Seizure/Tonic, Clonic',
      '1',
    ]);
    expect(leadingFields('a,"say ""hi""",Seizure/,0', 4)).toEqual(['a', 'say "hi"', 'Seizure/', '0']);
    expect(leadingFields('1,2', 4)).toEqual(['1', '2']);
  });

  it('counts rows and seizure rows (type 1, as pandas or flattenData.py writes it)', async () => {
    const text = `${osdbCsvHeader()}\n${row('1', '39', '"Seizure/Tonic, Clonic"', '1')}\n${row('2', '39', 'NDA/', '0')}\n${row('3', '7', 'Seizure/', '1.0')}\n`;
    const fold = await readFoldFile(await file(text));
    expect(fold).toMatchObject({ rows: 3, seizureRows: 2, endsWithNewline: true });
    const unterminated = await readFoldFile(await file(text.slice(0, -1)));
    expect(unterminated).toMatchObject({ rows: 3, seizureRows: 2, endsWithNewline: false });
  });

  it('refuses a header that is not exactly the toolkit’s', async () => {
    const header = osdbCsvHeader().replace(',Z124', '');
    await expect(readFoldFile(await file(`${header}\n`))).rejects.toThrow(/not an OSDB toolkit fold file/);
    await expect(readFoldFile(await file(''))).rejects.toThrow(/not an OSDB toolkit fold file|empty file/);
  });
});
