import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, run, tempDir } from './test-helpers.js';

/** Issue 23, rows 6 and 10–13: odd values, bounds and output paths get one line, never "unexpected error". */

/** 125 samples around `level` milli-g. */
function samples(level = 1000): number[] {
  return Array.from({ length: 125 }, (_, i) => Math.round(level + 50 * Math.sin((2 * Math.PI * 2 * i) / 25)));
}

describe('numeric flags: one line and exit 2 before any work', () => {
  it.each([
    [
      ['simulate', '--out', 'OUT/s.json', '--events', '1e9'],
      /--events must be an integer from 1 to 10,000; got 1000000000/,
    ],
    [['simulate', '--out', 'OUT/s.json', '--events', '0'], /--events must be an integer from 1 to 10,000; got 0/],
    [
      ['simulate', '--out', 'OUT/s.json', '--seed', 'abc'],
      /--seed must be an integer .*; got something that is not a number/,
    ],
    [
      ['ingest', 'x.json', '--out', 'OUT/d.arrow', '--window-seconds', '1e9'],
      /--window-seconds must be a multiple of 5/,
    ],
    [['ingest', 'x.json', '--out', 'OUT/d.arrow', '--stride-seconds', '7'], /--stride-seconds must be a multiple of 5/],
    [
      ['ingest', 'x.json', '--out', 'OUT/d.arrow', '--val-fraction', '2'],
      /--val-fraction must be at least 0 and below 1/,
    ],
    [['ingest', 'x.json', '--out', 'OUT/d.arrow', '--seed', '1.5'], /--seed must be an integer/],
    [['generate', 'RUN', '-n', '5', '--out', 'OUT/x.json', '--seed', 'abc'], /--seed must be an integer/],
    [['generate', 'RUN', '-n', '2.5', '--out', 'OUT/x.json'], /-n must be an integer from 1 to 1,000,000,000/],
    [['generate', 'RUN', '-n', '1e10', '--out', 'OUT/x.json'], /-n must be an integer/],
    [['generate', 'RUN', '-n', '5', '--out', 'OUT/x.json', '--threads', '-3'], /--threads must be an integer/],
    [
      ['generate', 'RUN', '--events', '2', '--onset', '5000', '--out', 'OUT/x.json'],
      /--onset must be from -3,600 to 3,590/,
    ],
    [['generate', 'RUN', '--events', '2', '--onset', '1e9', '--out', 'OUT/x.json'], /--onset must be from -3,600/],
    [
      ['generate', 'RUN', '--events', '2', '--duration', '7', '--out', 'OUT/x.json'],
      /--duration must be a multiple of 5/,
    ],
    [['generate', 'RUN', '--events', '1e9', '--out', 'OUT/x.json'], /--events must be an integer from 1 to 10,000/],
    [['generate', 'RUN', '--events', '2', '--rho', '1', '--out', 'OUT/x.json'], /--rho must be at least 0 and below 1/],
    [
      ['evaluate', '--real', 'r', '--synthetic', 's', '--out', 'OUT/r', '--folds', '1'],
      /--folds must be an integer from 2/,
    ],
    [
      ['evaluate', '--real', 'r', '--synthetic', 's', '--out', 'OUT/r', '--seeds', '0'],
      /--seeds must be an integer from 1/,
    ],
    [['report', 'RUN', '--events', '-5'], /--events must be an integer from 0 to 10,000; got -5/],
    [['report', 'RUN', '--draws', '0'], /--draws must be an integer from 1 to 100/],
    [['report', 'RUN', '-n', '-1'], /-n must be an integer from 1/],
    [['demo', '--out', 'OUT/d', '--steps', '-1'], /--steps must be an integer from 1 to 1,000,000; got -1/],
    [['demo', '--out', 'OUT/d', '--seed', 'NaN'], /--seed must be an integer/],
  ])('%j', async (argv, message) => {
    const dir = await tempDir();
    const result = await run(...argv.map((a) => a.replace('OUT', dir).replace('RUN', join(dir, 'run'))));
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, message);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });
});

describe('output paths', () => {
  it('an output under an existing file gets one line before any work', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'afile'), 'x');
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '4');
    for (const argv of [
      ['simulate', '--out', join(dir, 'afile', 'x.json')],
      ['ingest', join(dir, 'sim.json'), '--out', join(dir, 'afile', 'd.arrow')],
      [
        'evaluate',
        '--real',
        join(dir, 'sim.json'),
        '--synthetic',
        join(dir, 'sim.json'),
        '--out',
        join(dir, 'afile', 'run'),
      ],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv[0]).toBe(1);
      expectOneLine(result.stderr, /afile is a file, not a directory/);
    }
  });

  it('evaluate refuses a file as --out before evaluating, and plots it would replace without --force', async () => {
    const dir = await tempDir();
    await run('simulate', '--out', join(dir, 'sim.json'), '--events', '4');
    await writeFile(join(dir, 'afile'), 'x');
    const file = await run(
      'evaluate',
      '--real',
      join(dir, 'sim.json'),
      '--synthetic',
      join(dir, 'sim.json'),
      '--out',
      join(dir, 'afile'),
    );
    expect(file.code).toBe(1);
    // One line: the refusal, with no stage of the evaluation before it.
    expectOneLine(file.stderr, /afile exists and is not a directory/);
    await mkdir(join(dir, 'report', 'plots'), { recursive: true });
    await writeFile(join(dir, 'report', 'plots', 'psd.svg'), '<svg>mine</svg>');
    const plots = await run(
      'evaluate',
      '--real',
      join(dir, 'sim.json'),
      '--synthetic',
      join(dir, 'sim.json'),
      '--out',
      join(dir, 'report'),
    );
    expect(plots.code).toBe(1);
    expectOneLine(plots.stderr, /already holds plots \(plots\/psd\.svg\); use --force/);
    expect(await readFile(join(dir, 'report', 'plots', 'psd.svg'), 'utf8')).toBe('<svg>mine</svg>');
  });
});

describe('values from data', () => {
  /** One OSDB event whose strings carry terminal escapes and whose samples hold `odd` in one datapoint. */
  function event(odd: number, text = 'Tonic\u001b[31m-Clonic\u001b]0;owned\u0007\u009b2J', level = 1000) {
    return {
      id: 7,
      userId: `u\u001b[2J1`,
      type: 'Seizure',
      subType: text,
      dataTime: '2024-01-01T00:00:30Z',
      seizureTimes: [0, 10],
      datapoints: [5, 10, 15, 20, 25, 30].map((s, i) => ({
        dataTime: `2024-01-01T00:00:${String(s).padStart(2, '0')}Z`,
        rawData: i === 2 ? [...samples().slice(0, 124), odd] : samples(level + i),
      })),
    };
  }

  it('info reads a file holding 1e39 and 1e12 mg: the datapoints are skipped and counted, not Infinity', async () => {
    const dir = await tempDir();
    const path = join(dir, 'odd.json');
    await writeFile(path, JSON.stringify([event(1e39), { ...event(1e12, '', 2000), id: 8 }]).replace(/1e\+39/, '1e39'));
    const result = await run('info', path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/windows: +10 of 5 s/);
    expect(result.stdout).toMatch(
      /skipped: .*1 × datapoint: magnitude outside 0–20,000 mg; 1 × datapoint: non-finite value/,
    );
    expect(result.stdout).toMatch(/milli-g: +min [\d.]+, max [\d.]+/);
  });

  it('ingest and info strip terminal escapes and control characters taken from the data', async () => {
    const dir = await tempDir();
    const path = join(dir, 'escapes.json');
    await writeFile(path, JSON.stringify([event(1000)]));
    const ingested = await run('ingest', path, '--out', join(dir, 'd.arrow'));
    expect(ingested.code).toBe(0);
    const info = await run('info', join(dir, 'd.arrow'));
    for (const text of [info.stdout, ingested.stderr]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them.
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(info.stdout).toMatch(/subtype: +Tonic-Clonic 6/);
    expect(info.stdout).toMatch(/user: +u1 6/);
    expect(info.stdout).toMatch(/labels: +window-level/);
  });

  it('an error quoting data is one printable line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify([{ id: 'x\u001b[31m\nfake line', datapoints: 3 }]));
    const result = await run('info', path);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /event xfake line has no datapoints array/);
  });
});
