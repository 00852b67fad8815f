import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAccelganError } from './errors.js';
import { writeOsdbJson } from './export.js';
import { ingest } from './ingest/pipeline.js';
import { readEvents } from './ingest/read.js';
import { osdAnalyse } from './osd/algorithm.js';
import { collect, useTempDir, writeText } from './test-helpers.js';
import { osdbCsvHeader, toolkitTypeId, writeOsdbCsv } from './toolkit-csv.js';
import type { OsdbEvent } from './types.js';

/**
 * The OSDB toolkit's flattened CSV (user_tools/nnTraining2/flattenData.py) and its fold
 * files (splitData.py: the same rows, rewritten by pandas). The real toolkit is not run
 * here; the layouts below are the ones its code writes (checked against it by hand, see
 * docs/osdb-toolkit.md).
 */

const tempDir = useTempDir();

const columns = (axis: string) => Array.from({ length: 125 }, (_, i) => `${axis}${String(i).padStart(3, '0')}`);
const HEADER = [
  'eventId,userId,typeStr,type,dataTime,osdAlarmState,osdSpecPower,osdRoiPower,hr,o2sat',
  ...['M', 'X', 'Y', 'Z'].map((axis) => columns(axis).join(',')),
].join(',');

function eventOf(id: string, type: string, subType: string, level: number): OsdbEvent {
  return {
    id,
    userId: '39',
    type,
    subType,
    time: Date.UTC(2024, 0, 1, 10, 0, 0),
    seizureTimes: type === 'Seizure' ? [10, 15] : null,
    desc: 'not in the CSV',
    datapoints: [5, 10, 15, 20].map((s, i) => ({
      time: Date.UTC(2024, 0, 1, 10, 0, s),
      magnitude: Float32Array.from(
        { length: 125 },
        (_, t) => Math.round(level + i + 300 * Math.sin((2 * Math.PI * 5 * t) / 25)) + (t === 7 ? 0.25 : 0),
      ),
    })),
  };
}

describe("the toolkit's flattened CSV out", () => {
  it("has flattenData.py's header, exactly", () => {
    expect(osdbCsvHeader()).toBe(HEADER);
    expect(osdbCsvHeader().split(',')).toHaveLength(10 + 4 * 125);
  });

  it('maps types as type2id does: 1 seizure, 0 false alarm or NDA, 2 anything else', () => {
    expect(['Seizure', 'seizure', 'False Alarm', 'NDA', 'Fall', 'Unknown', ''].map(toolkitTypeId)).toEqual([
      1, 1, 0, 0, 2, 2, 2,
    ]);
  });

  it('writes each cell as flattenData.py prints it: quoted typeStr, OSD fields, None for what is absent', async () => {
    const path = join(await tempDir(), 'all.csv');
    const written = await writeOsdbCsv(path, [
      eventOf('5705', 'Seizure', 'Tonic-Clonic', 1000),
      eventOf('x-1', 'NDA', '', 900),
    ]);
    expect(written).toEqual({ events: 2, datapoints: 8 });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    const first = lines[1]!.split(',');
    expect(first).toHaveLength(510);
    expect(first.slice(0, 5)).toEqual(['5705', '39', '"Seizure/Tonic-Clonic"', '1', '2024-01-01T10:00:05Z']);
    const samples = first.slice(10, 135).map(Number);
    const osd = osdAnalyse(samples);
    // The first datapoint alarms on its own, which is not yet a WARNING (that takes two in a row).
    expect(osd.alarm).toBe(true);
    expect(first.slice(5, 10)).toEqual(['0', String(osd.specPower), String(osd.roiPower), 'None', 'None']);
    expect(lines[2]!.split(',')[5]).toBe('1');
    expect(lines[3]!.split(',')[5]).toBe('2');
    // Samples at most 3 decimals, whole ones without a point (Python prints the JSON's integers so).
    expect(first[17]).toMatch(/^\d+\.25$/);
    expect(first.slice(10, 135).every((cell) => /^\d+(\.\d{1,3})?$/.test(cell))).toBe(true);
    expect(first.slice(135).every((cell) => cell === 'None')).toBe(true);
    expect(lines[5]!.split(',').slice(0, 4)).toEqual(['x-1', '39', '"NDA/"', '0']);
  });

  it('re-ingests to the same samples, labelled by event type: every datapoint of a Seizure event ictal', async () => {
    const path = join(await tempDir(), 'all.csv');
    const seizure = eventOf('1', 'Seizure', 'Aura', 1000);
    await writeOsdbCsv(path, [seizure, eventOf('2', 'False Alarm', '', 800)]);
    const back = await collect(readEvents(path));
    expect(back.map((e) => [e.id, e.type, e.subType, e.seizureTimes])).toEqual([
      ['1', 'Seizure', 'Aura', null],
      ['2', 'False Alarm', '', null],
    ]);
    const round3 = (v: number) => Math.round(v * 1000) / 1000;
    expect(Array.from(back[0]!.datapoints[2]!.magnitude)).toEqual(
      Array.from(seizure.datapoints[2]!.magnitude, (v) => Math.fround(round3(v))),
    );
    const { dataset, summary } = await ingest([path], { scale: 'none', valFraction: 0 });
    expect([...dataset.windows.ictal]).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(summary.labelling).toBe('event');
    expect(dataset.meta.labelling).toBe('event');
    expect(dataset.meta.sources[0]!.labelling).toBe('event');
  });

  it('refuses a value the unquoted CSV cannot hold', async () => {
    const path = join(await tempDir(), 'bad.csv');
    const error = await writeOsdbCsv(path, [eventOf('a,b', 'Seizure', '', 1000)]).catch((e: unknown) => e);
    expect(isAccelganError(error)).toBe(true);
    expect((error as Error).message).toMatch(/id "a,b" holds a comma/);
  });
});

describe("the toolkit's fold files in (trainData.csv, testData.csv)", () => {
  /**
   * A fold file as splitData.py writes it: pandas read allData.csv and wrote the fold's
   * rows back, so typeStr lost its quotes, a column with any empty cell became floats
   * ("1168.0"), None cells became empty, and real recordings carry hr and o2Sat of -1.
   */
  function foldRow(eventId: number, typeStr: string, type: number, time: string, level: number): string {
    const m = Array.from({ length: 125 }, (_, t) => `${level + (t % 7) * 4}.0`);
    return [eventId, 45, typeStr, type, time, 0, 15, 26, -1, -1, ...m, ...new Array(375).fill('')].join(',');
  }

  it('reads the rows into events, labels them by type, and records event-level labelling', async () => {
    const rows = [
      foldRow(5705, 'Seizure/Tonic-Clonic', 1, '28-05-2022 07:04:22', 1168),
      foldRow(5705, 'Seizure/Tonic-Clonic', 1, '28-05-2022 07:04:27', 1170),
      foldRow(5705, 'Seizure/Tonic-Clonic', 1, '28-05-2022 07:04:32', 1172),
      foldRow(6100, 'False Alarm/None', 0, '2023-05-05T06:27:35Z', 990),
      foldRow(6100, 'False Alarm/None', 0, '2023-05-05T06:27:40Z', 995),
      foldRow(7001, 'Seizure/', 1, '2023-05-06T01:00:05Z', 1010),
    ];
    const path = await writeText(await tempDir(), 'trainData.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const events = await collect(readEvents(path));
    expect(events.map((e) => [e.id, e.userId, e.type, e.subType, e.datapoints.length])).toEqual([
      ['5705', '45', 'Seizure', 'Tonic-Clonic', 3],
      ['6100', '45', 'False Alarm', '', 2],
      ['7001', '45', 'Seizure', '', 1],
    ]);
    expect(events[0]!.datapoints[1]!.magnitude[1]).toBe(1174);
    const { dataset, summary } = await ingest([path], { scale: 'none', valFraction: 0 });
    expect(summary.windows).toBe(6);
    expect([...dataset.windows.ictal]).toEqual([1, 1, 1, 0, 0, 1]);
    expect(summary.labelling).toBe('event');
    expect(summary.skipped).toEqual({});
  });

  it('mixed with OSDB JSON, a dataset says its labelling is mixed', async () => {
    const dir = await tempDir();
    const fold = await writeText(
      dir,
      'testData.csv',
      `${HEADER}\n${foldRow(9, 'Seizure/Aura', 1, '2023-05-06T01:00:05Z', 1000)}\n`,
    );
    const json = join(dir, 'events.json');
    await writeOsdbJson(json, [eventOf('10', 'Seizure', 'Aura', 1300)]);
    const { summary } = await ingest([json, fold], { scale: 'none', valFraction: 0 });
    expect(summary.labelling).toBe('mixed');
    expect(summary.sources.map((s) => s.labelling)).toEqual(['window', 'event']);
  });
});
