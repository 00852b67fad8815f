import { describe, expect, it } from 'vitest';
import { isAccelganError } from '../errors.js';
import { SkipCounter } from '../skips.js';
import { collect, rawEvent, samples, useTempDir, writeText } from '../test-helpers.js';
import { readEvents } from './read.js';

const tempDir = useTempDir();

async function eventsOf(text: string, name = 'events.json', skipped = new SkipCounter()) {
  const path = await writeText(await tempDir(), name, text);
  return collect(readEvents(path, skipped));
}

async function failureOf(text: string, name = 'events.json'): Promise<string> {
  const error = await eventsOf(text, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAccelganError(error), String(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('readEvents: OSDB JSON shapes', () => {
  it('reads an array of events, in order, with their fields', async () => {
    const events = await eventsOf(
      JSON.stringify([rawEvent({ id: 1 }), rawEvent({ id: 2, userId: 45, subType: 'Aura' })]),
    );
    expect(events.map((e) => e.id)).toEqual(['1', '2']);
    expect(events[1]).toMatchObject({
      userId: '45',
      type: 'Seizure',
      subType: 'Aura',
      desc: 'test event',
      seizureTimes: [0, 10],
    });
    expect(events[0]!.time).toBe(Date.UTC(2022, 4, 28, 7, 4, 15));
    expect(events[0]!.datapoints).toHaveLength(6);
    expect(events[0]!.datapoints[0]!.time).toBe(Date.UTC(2022, 4, 28, 7, 4, 5));
    expect(Array.from(events[0]!.datapoints[0]!.magnitude)).toEqual(samples(1000));
  });

  it('reads an object with an events array, ignoring its other members', async () => {
    const text = JSON.stringify({
      version: 3,
      note: { nested: [1, 2] },
      events: [rawEvent({ id: 7 }), rawEvent({ id: 8 })],
      after: 'x',
    });
    const events = await eventsOf(text);
    expect(events.map((e) => e.id)).toEqual(['7', '8']);
  });

  it('reads a single event object', async () => {
    const events = await eventsOf(JSON.stringify(rawEvent({ id: 45781, iso: true })));
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe('45781');
    expect(events[0]!.datapoints).toHaveLength(6);
  });

  it('unwraps dataJSON strings on events and on datapoints, database columns winning', async () => {
    const inner = rawEvent({ id: 99, userId: 1 });
    const datapoints = (inner.datapoints as Record<string, unknown>[]).map((dp) => ({
      id: dp.id,
      dataJSON: JSON.stringify(dp),
    }));
    const event = { id: 99, userId: 12, dataJSON: JSON.stringify({ ...inner, datapoints }) };
    const [read] = await eventsOf(JSON.stringify([event]));
    expect(read!.userId).toBe('12');
    expect(read!.type).toBe('Seizure');
    expect(read!.datapoints).toHaveLength(6);
    expect(read!.datapoints[2]!.magnitude[0]).toBe(1002);
  });

  it('reads dd-mm-yyyy and ISO times alike, and float and integer rawData', async () => {
    const [dayFirst] = await eventsOf(JSON.stringify([rawEvent({ floats: true })]));
    const [iso] = await eventsOf(JSON.stringify([rawEvent({ iso: true })]));
    expect(iso!.time).toBe(dayFirst!.time);
    expect(iso!.datapoints.map((d) => d.time)).toEqual(dayFirst!.datapoints.map((d) => d.time));
    expect(dayFirst!.datapoints[0]!.magnitude[1]).toBeCloseTo(samples(1000, 50, true)[1]!, 3);
  });

  it('normalises subType "null", null and missing to ""', async () => {
    const events = await eventsOf(
      JSON.stringify([
        rawEvent({ id: 1, subType: 'null' }),
        rawEvent({ id: 2, subType: null }),
        rawEvent({ id: 3, subType: '' }),
      ]),
    );
    expect(events.map((e) => e.subType)).toEqual(['', '', '']);
  });

  it('keeps seizureTimes missing as null', async () => {
    const [event] = await eventsOf(JSON.stringify([rawEvent({ seizureTimes: null })]));
    expect(event!.seizureTimes).toBeNull();
  });

  it('sorts datapoints by time', async () => {
    const [event] = await eventsOf(JSON.stringify([rawEvent({ offsets: [20, 5, 15, 10] })]));
    const times = event!.datapoints.map((d) => d.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('computes magnitude from rawData3D where rawData is missing or all zero', async () => {
    const xyz = Array.from({ length: 125 }, () => [300, 400, 1200]).flat();
    const event = rawEvent();
    const dps = event.datapoints as Record<string, unknown>[];
    dps[0]!.rawData = new Array(125).fill(0);
    dps[0]!.rawData3D = xyz;
    delete dps[1]!.rawData;
    dps[1]!.rawData3D = xyz;
    // rawData present and non-zero wins over 3-D, even 3-D of zeros.
    dps[2]!.rawData3D = new Array(375).fill(0);
    const [read] = await eventsOf(JSON.stringify(event));
    expect(read!.datapoints[0]!.magnitude[0]).toBe(1300);
    expect(read!.datapoints[1]!.magnitude[124]).toBe(1300);
    expect(read!.datapoints[2]!.magnitude[0]).toBe(1002);
  });

  it('tolerates a byte-order mark', async () => {
    const events = await eventsOf(`\uFEFF${JSON.stringify([rawEvent()])}`);
    expect(events).toHaveLength(1);
  });

  it('streams a file much larger than one read chunk', async () => {
    const many = Array.from({ length: 120 }, (_, i) => rawEvent({ id: i, floats: true }));
    const events = await eventsOf(JSON.stringify(many, null, 1));
    expect(events).toHaveLength(120);
    expect(events[119]!.id).toBe('119');
  });
});

describe('readEvents: what is dropped and counted', () => {
  it('skips a datapoint whose rawData has the wrong length, counting it', async () => {
    const event = rawEvent();
    (event.datapoints as Record<string, unknown>[])[1]!.rawData = samples().slice(0, 124);
    const skipped = new SkipCounter();
    const [read] = await eventsOf(JSON.stringify([event]), 'e.json', skipped);
    expect(read!.datapoints).toHaveLength(5);
    expect(skipped.toRecord()).toEqual({ 'datapoint: rawData length 124': 1 });
  });

  it('skips datapoints with non-finite values (null, strings), counting them', async () => {
    const event = rawEvent();
    const dps = event.datapoints as Record<string, unknown>[];
    dps[0]!.rawData = [...samples().slice(0, 124), null];
    dps[1]!.rawData = [...samples().slice(0, 124), 'NaN'];
    const skipped = new SkipCounter();
    const [read] = await eventsOf(JSON.stringify([event]), 'e.json', skipped);
    expect(read!.datapoints).toHaveLength(4);
    expect(skipped.toRecord()).toEqual({ 'datapoint: non-finite value': 2 });
  });

  it('skips datapoints with unreadable times and no acceleration data', async () => {
    const event = rawEvent();
    const dps = event.datapoints as Record<string, unknown>[];
    dps[0]!.dataTime = 'soon';
    delete dps[1]!.rawData;
    dps[2]!.rawData = new Array(125).fill(0);
    const skipped = new SkipCounter();
    const [read] = await eventsOf(JSON.stringify([event]), 'e.json', skipped);
    expect(read!.datapoints).toHaveLength(3);
    expect(skipped.toRecord()).toEqual({
      'datapoint: all-zero rawData and no 3-D data': 1,
      'datapoint: no acceleration data': 1,
      'datapoint: unreadable dataTime': 1,
    });
  });

  it('drops an event with an empty datapoints array, counting it', async () => {
    const skipped = new SkipCounter();
    const events = await eventsOf(
      JSON.stringify([{ ...rawEvent({ id: 1 }), datapoints: [] }, rawEvent({ id: 2 })]),
      'e.json',
      skipped,
    );
    expect(events.map((e) => e.id)).toEqual(['2']);
    expect(skipped.toRecord()).toEqual({ 'event: no datapoints': 1 });
  });
});

describe('readEvents: bad input is one clear line', () => {
  it('a missing file', async () => {
    const path = `${await tempDir()}/nope.json`;
    const error = await collect(readEvents(path)).catch((e: unknown) => e);
    expect(isAccelganError(error)).toBe(true);
    expect((error as Error).message).toBe(`${path}: no such file`);
  });

  it('a .json file that is not JSON', async () => {
    expect(await failureOf('hello, world')).toMatch(/events\.json: not valid JSON/);
  });

  it('truncated JSON, even after whole events were read', async () => {
    const text = JSON.stringify([rawEvent({ id: 1 }), rawEvent({ id: 2 })]);
    expect(await failureOf(text.slice(0, text.length - 200))).toMatch(/not valid JSON|ends early/);
    expect(await failureOf(text.slice(0, -1))).toMatch(/not valid JSON|ends early/);
  });

  it('an event without a datapoints array', async () => {
    const { datapoints: _, ...event } = rawEvent({ id: 31 });
    expect(await failureOf(JSON.stringify([event]))).toMatch(/event 31 has no datapoints array/);
  });

  it('a top-level value that is not an array or object, and array items that are not objects', async () => {
    expect(await failureOf('42')).toMatch(/expected an array of OSDB events or an event object, found a number/);
    expect(await failureOf('[1, 2]')).toMatch(/event 1 is not a JSON object/);
  });

  it('an empty file', async () => {
    expect(await failureOf('')).toMatch(/empty file/);
  });
});
