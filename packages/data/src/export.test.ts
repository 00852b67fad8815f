import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAccelganError } from './errors.js';
import {
  dataFlags,
  toOsdbJson,
  windowsCsvHeader,
  windowsToEvents,
  writeOsdbJson,
  writeWindowsCsv,
  type WindowRows,
} from './export.js';
import { osdAnalyse } from './osd/algorithm.js';
import { ingest } from './ingest/pipeline.js';
import { readEvents } from './ingest/read.js';
import { loadWindows } from './load.js';
import { collect, useTempDir } from './test-helpers.js';
import type { OsdbEvent } from './types.js';

const tempDir = useTempDir();

const event: OsdbEvent = {
  id: '123',
  userId: 'u-7',
  type: 'Seizure',
  subType: 'Tonic-Clonic',
  time: Date.UTC(2024, 0, 1, 10, 0, 15),
  seizureTimes: [-5, 5],
  desc: 'a "quoted", desc',
  datapoints: [5, 10, 15, 20].map((s, i) => ({
    time: Date.UTC(2024, 0, 1, 10, 0, s),
    magnitude: Float32Array.from({ length: 125 }, (_, j) => 1000 + i * 10 + j + 0.25),
  })),
};

function rows(n: number, samplesPerWindow = 125): WindowRows {
  return {
    samplesPerWindow,
    values: Float32Array.from({ length: n * samplesPerWindow }, (_, i) => 900 + (i % 251) + 0.125),
    eventId: Array.from({ length: n }, (_, i) => `gen-${Math.floor(i / 2)}`),
    ictal: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
  };
}

describe('OSDB JSON out', () => {
  it('writes the field names ingest reads, ids that look numeric as numbers, ISO times', () => {
    const [json] = toOsdbJson([event]);
    expect(Object.keys(json!)).toEqual([
      'id',
      'userId',
      'dataTime',
      'type',
      'subType',
      'desc',
      'sampleFreq',
      'dataSourceName',
      'has3dData',
      'hasHrData',
      'hasO2SatData',
      'osdAlarmState',
      'alarmFreqMin',
      'alarmFreqMax',
      'alarmThresh',
      'alarmRatioThresh',
      'seizureTimes',
      'datapoints',
    ]);
    expect(json).toMatchObject({
      id: 123,
      userId: 'u-7',
      dataTime: '2024-01-01T10:00:15Z',
      seizureTimes: [-5, 5],
      sampleFreq: 25,
      dataSourceName: 'accelgan',
      has3dData: false,
      hasHrData: false,
      hasO2SatData: false,
      alarmThresh: 100,
      alarmRatioThresh: 57,
    });
    expect(Object.keys(json!.datapoints[0]!)).toEqual([
      'dataTime',
      'eventId',
      'hr',
      'o2Sat',
      'specPower',
      'roiPower',
      'roiRatio',
      'alarmState',
      'alarmPhrase',
      'rawData',
      'rawData3D',
    ]);
    expect(json!.datapoints[0]).toMatchObject({
      dataTime: '2024-01-01T10:00:05Z',
      eventId: 123,
      hr: null,
      o2Sat: null,
      rawData3D: [],
    });
    expect(json!.datapoints[0]!.rawData).toHaveLength(125);
  });

  it("carries OpenSeizureDetector's fields: the algorithm per datapoint, the alarm state over consecutive ones", () => {
    // Datapoints 5 s apart: 2 quiet, 4 of a strong 5 Hz rhythm, 1 quiet; then a hole, and 2 more of the rhythm.
    const rhythm = (on: boolean) =>
      Float32Array.from({ length: 125 }, (_, t) => 1000 + (on ? 400 : 5) * Math.sin((2 * Math.PI * 5 * t) / 25));
    const seconds = [5, 10, 15, 20, 25, 30, 35, 60, 65];
    const on = [false, false, true, true, true, true, false, true, true];
    const shaking: OsdbEvent = {
      ...event,
      datapoints: seconds.map((s, i) => ({ time: Date.UTC(2024, 0, 1, 10, 0, s), magnitude: rhythm(on[i]!) })),
    };
    const [json] = toOsdbJson([shaking]);
    const points = json!.datapoints;
    // WARNING on the second alarming datapoint, ALARM from the third; a quiet one drops it to WARNING; the hole to OK.
    expect(points.map((p) => p.alarmState)).toEqual([0, 0, 0, 1, 2, 2, 1, 0, 1]);
    expect(points.map((p) => p.alarmPhrase)).toEqual([
      'OK',
      'OK',
      'OK',
      'WARNING',
      'ALARM',
      'ALARM',
      'WARNING',
      'OK',
      'WARNING',
    ]);
    expect(json!.osdAlarmState).toBe(2);
    points.forEach((p) => {
      const r = osdAnalyse(p.rawData);
      expect([p.specPower, p.roiPower, p.roiRatio]).toEqual([r.specPower, r.roiPower, r.roiRatio]);
    });
    expect(points[3]!.roiPower).toBeGreaterThan(100);
  });

  it('sets has3dData, hasHrData and hasO2SatData as tidy_db.py does: at least half the datapoints', () => {
    const point = (xyz: number[], hr: number | null, o2Sat: number | null) => ({ rawData3D: xyz, hr, o2Sat });
    const xyz = new Array(375).fill(1);
    expect(dataFlags([point(xyz, 70, 0), point([], -1, null)])).toEqual({
      has3dData: true,
      hasHrData: true,
      hasO2SatData: false,
    });
    expect(dataFlags([point(new Array(375).fill(0), null, 98), point([], null, 97), point([], 0, null)])).toEqual({
      has3dData: false,
      hasHrData: false,
      hasO2SatData: true,
    });
  });

  it('refuses a source name the OSDB tools leave out', () => {
    expect(() => toOsdbJson([event], { dataSourceName: 'accelgan Phone' })).toThrow(/phone/);
  });

  it('round-trips through writeOsdbJson and readEvents', async () => {
    const path = join(await tempDir(), 'out.json');
    expect(await writeOsdbJson(path, [event, { ...event, id: 'second', seizureTimes: null }])).toEqual({
      events: 2,
      datapoints: 8,
    });
    const [back, second] = await collect(readEvents(path));
    expect(back).toEqual(event);
    expect(second!.seizureTimes).toBeNull();
  });

  it('writes nothing when the events fail midway', async () => {
    const dir = await tempDir();
    async function* failing(): AsyncGenerator<OsdbEvent> {
      yield event;
      throw new Error('generator broke');
    }
    await expect(writeOsdbJson(join(dir, 'x.json'), failing())).rejects.toThrow('generator broke');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('windows CSV out', () => {
  it('writes eventId,label,M000… and continues M125… for longer windows', async () => {
    expect(windowsCsvHeader(3)).toBe('eventId,label,M000,M001,M002');
    const path = join(await tempDir(), 'w.csv');
    await writeWindowsCsv(path, { ...rows(2, 250), eventId: ['a,b', 'c'] });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines[0]!.split(',').slice(-2)).toEqual(['M248', 'M249']);
    expect(lines[1]!.startsWith('"a,b",1,900.125,')).toBe(true);
    expect(lines[2]!.split(',')).toHaveLength(252);
  });

  it('round-trips through loadWindows: values to 3 decimals, labels, ids', async () => {
    const path = join(await tempDir(), 'w.csv');
    const written = rows(6);
    await writeWindowsCsv(path, written);
    const dataset = await loadWindows([path]);
    expect(dataset.meta.normalisation.method).toBe('none');
    expect(dataset.windows.eventId).toEqual(written.eventId);
    expect(Array.from(dataset.windows.ictal)).toEqual(Array.from(written.ictal));
    expect(Array.from(dataset.windows.values)).toEqual(Array.from(written.values));
  });

  it('refuses to overwrite', async () => {
    const path = join(await tempDir(), 'w.csv');
    await writeWindowsCsv(path, rows(1));
    const error = await writeWindowsCsv(path, rows(1)).catch((e: unknown) => e);
    expect(isAccelganError(error)).toBe(true);
  });
});

describe('windowsToEvents', () => {
  it('lays windows out so that re-ingesting gives back every window and label', async () => {
    for (const spw of [125, 250]) {
      const written = rows(7, spw);
      const path = join(await tempDir(), 'gen.json');
      await writeOsdbJson(path, windowsToEvents(written));
      const { dataset } = await ingest([path], { windowSeconds: spw / 25, scale: 'none', valFraction: 0 });
      const key = (id: string, ictal: number, first: number): string => `${id}/${ictal}/${first}`;
      const expected = written.eventId.map((id, i) => key(id, written.ictal[i]!, written.values[i * spw]!)).sort();
      const got = dataset.windows.eventId
        .map((id, i) => key(id, dataset.windows.ictal[i]!, dataset.windows.values[i * spw]!))
        .sort();
      expect(got).toEqual(expected);
      expect(dataset.meta.counts.windows).toBe(7);
    }
  });
});
