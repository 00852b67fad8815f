import { describe, expect, it } from 'vitest';
import { isAccelganError } from '../errors.js';
import { SkipCounter } from '../skips.js';
import { collect, dayFirst, samples, useTempDir, writeText } from '../test-helpers.js';
import { openCsv } from './csv.js';
import { readEvents } from './read.js';

const tempDir = useTempDir();
const T0 = Date.UTC(2022, 4, 28, 7, 4, 0);
const columns = (axis: string, n = 125): string[] =>
  Array.from({ length: n }, (_, i) => `${axis}${String(i).padStart(3, '0')}`);

/** A file as the OSDB toolkit's flattenData writes it (typeStr quoted, 3-D columns). */
function toolkitCsv(
  rows: {
    eventId: number;
    userId: number;
    typeStr: string;
    type: number;
    offset: number;
    m?: number[];
    xyz?: number[] | null;
  }[],
): string {
  const header = [
    'eventId',
    'userId',
    'typeStr',
    'type',
    'dataTime',
    'osdAlarmState',
    'osdSpecPower',
    'osdRoiPower',
    'hr',
    'o2sat',
    ...columns('M'),
    ...columns('X'),
    ...columns('Y'),
    ...columns('Z'),
  ];
  const lines = rows.map((r) => {
    const xyz = r.xyz ?? null;
    const axes = [0, 1, 2].flatMap((a) =>
      xyz ? Array.from({ length: 125 }, (_, i) => xyz[3 * i + a]) : new Array(125).fill('None'),
    );
    return [
      r.eventId,
      r.userId,
      `"${r.typeStr}"`,
      r.type,
      dayFirst(T0 + r.offset * 1000),
      0,
      10,
      5,
      70,
      0,
      ...(r.m ?? new Array(125).fill('')),
      ...axes,
    ].join(',');
  });
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

async function readCsvEvents(text: string, skipped = new SkipCounter()) {
  return collect(readEvents(await writeText(await tempDir(), 'flat.csv', text), skipped));
}

describe('OSDB toolkit CSV', () => {
  it('groups rows into events, splits typeStr, and labels by type when there are no seizureTimes', async () => {
    const text = toolkitCsv([
      { eventId: 1, userId: 39, typeStr: 'Seizure/Tonic-Clonic', type: 1, offset: 5, m: samples(1100) },
      { eventId: 1, userId: 39, typeStr: 'Seizure/Tonic-Clonic', type: 1, offset: 10, m: samples(1200) },
      { eventId: 2, userId: 45, typeStr: 'False Alarm/null', type: 0, offset: 100, m: samples(900) },
    ]);
    const events = await readCsvEvents(text);
    expect(events.map((e) => [e.id, e.userId, e.type, e.subType, e.datapoints.length])).toEqual([
      ['1', '39', 'Seizure', 'Tonic-Clonic', 2],
      ['2', '45', 'False Alarm', '', 1],
    ]);
    expect(events[0]!.datapoints[1]!.time).toBe(T0 + 10_000);
    expect(Array.from(events[0]!.datapoints[1]!.magnitude)).toEqual(samples(1200));
    expect(events[0]!.datapoints.map((d) => d.ictal)).toEqual([true, true]);
    expect(events[1]!.datapoints.map((d) => d.ictal)).toEqual([false]);
    // No event time column: the earliest datapoint stands in.
    expect(events[0]!.time).toBe(T0 + 5000);
  });

  it('uses the X/Y/Z columns where the M cells are blank', async () => {
    const xyz = Array.from({ length: 125 }, () => [0, 600, 800]).flat();
    const events = await readCsvEvents(
      toolkitCsv([{ eventId: 3, userId: 1, typeStr: 'Seizure/Aura', type: 1, offset: 5, xyz }]),
    );
    expect(events[0]!.datapoints[0]!.magnitude[0]).toBe(1000);
  });

  it('counts rows with the wrong number of columns or non-numeric samples, and skips them', async () => {
    const good = { eventId: 1, userId: 39, typeStr: 'Seizure/Other', type: 1, offset: 5, m: samples() };
    const bad = { ...good, offset: 10, m: [...samples().slice(0, 124), Number.NaN] };
    const text = toolkitCsv([good, bad]);
    const truncated = `${text}1,39,"Seizure/Other",1,28-05-2022 07:04:15,1,2\n`;
    const skipped = new SkipCounter();
    const events = await readCsvEvents(truncated, skipped);
    expect(events[0]!.datapoints).toHaveLength(1);
    expect(skipped.toRecord()).toEqual({
      'datapoint: CSV row with 7 of 510 columns': 1,
      'datapoint: non-finite value': 1,
    });
  });

  it('reads event times, seizureTimes and labels from their own columns, names matched loosely', async () => {
    const header = [
      'event_id',
      'User ID',
      'type',
      'subType',
      'eventDataTime',
      'data_time',
      'seizureTimes',
      ...columns('M'),
    ].join(',');
    const row = (offset: number) =>
      [
        '77',
        '5',
        'Seizure',
        'null',
        dayFirst(T0 + 15_000),
        dayFirst(T0 + offset * 1000),
        '"[0, 10]"',
        ...samples(),
      ].join(',');
    const events = await readCsvEvents(`${header}\n${[5, 10, 15, 20, 25, 30].map(row).join('\n')}\n`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: '77',
      userId: '5',
      type: 'Seizure',
      subType: '',
      seizureTimes: [0, 10],
      time: T0 + 15_000,
    });
    expect(events[0]!.datapoints.every((d) => d.ictal === undefined)).toBe(true);

    const labelled = ['eventId', 'dataTime', 'label', ...columns('M')].join(',');
    const lines = [0, 1, 0].map((label, i) => ['8', dayFirst(T0 + (i + 1) * 5000), label, ...samples()].join(','));
    const [event] = await readCsvEvents(`${labelled}\n${lines.join('\n')}\n`);
    expect(event!.datapoints.map((d) => d.ictal)).toEqual([false, true, false]);
  });

  it('refuses a CSV with times but not M000…M124, and one with no sample columns', async () => {
    const dir = await tempDir();
    const short = await writeText(dir, 'short.csv', `eventId,dataTime,${columns('M', 100).join(',')}\n`);
    const none = await writeText(dir, 'none.csv', 'a,b,c\n1,2,3\n');
    const shortError = await collect(readEvents(short)).catch((e: unknown) => e);
    expect(isAccelganError(shortError) && shortError.message).toMatch(/needs magnitude columns M000…M124; found 100/);
    const noneError = await collect(readEvents(none)).catch((e: unknown) => e);
    expect(isAccelganError(noneError) && noneError.message).toMatch(/no sample columns M000/);
  });
});

describe('windows CSV (the generator’s eventId,label,M000…)', () => {
  it('reads each row as one window of any length, with its label', async () => {
    const header = ['eventId', 'label', ...columns('M', 250)].join(',');
    const rows = [
      ['gen-1', 1, ...samples(), ...samples(1200)],
      ['gen-2', 0, ...samples(900), ...samples(950)],
    ].map((r) => r.join(','));
    const csv = await openCsv(await writeText(await tempDir(), 'gen.csv', `${header}\n${rows.join('\n')}\n`));
    expect(csv.kind).toBe('windows-csv');
    expect(csv.samplesPerRow).toBe(250);
    const windows = await collect(csv.windows(new SkipCounter()));
    expect(windows.map((w) => [w.eventId, w.ictal, w.values.length])).toEqual([
      ['gen-1', true, 250],
      ['gen-2', false, 250],
    ]);
    expect(windows[0]!.values[125]).toBe(samples(1200)[0]);
    expect(Number.isNaN(windows[0]!.startTime)).toBe(true);
  });

  it('is not mistaken for OSDB events', async () => {
    const path = await writeText(await tempDir(), 'gen.csv', `eventId,label,${columns('M').join(',')}\n`);
    const error = await collect(readEvents(path)).catch((e: unknown) => e);
    expect(isAccelganError(error) && error.message).toMatch(/windows CSV/);
  });
});
