import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { chromium } from 'playwright-core';
import { evaluate } from '../evaluate.js';
import { toyRecordings } from '../test-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`report screenshot test skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

const dir = mkdtempSync(join(tmpdir(), 'accelgan-eval-shot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the HTML report in a browser', () => {
  test.skipIf(!haveChromium)('shows every figure as a non-empty SVG, offline', async () => {
    const real = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1 });
    const synthetic = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 2, prefix: 's', ictalAmplitude: 350 });
    const result = await evaluate({
      real,
      synthetic,
      outDir: join(dir, 'report'),
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(result.reportPath).href, { waitUntil: 'load' });
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      const boxes = await page.$$eval('figure .plot > svg', (svgs) =>
        svgs.map((svg) => ({ id: svg.closest('figure')?.id ?? '', ...svg.getBoundingClientRect().toJSON() })),
      );
      expect(boxes.map((b) => b.id)).toEqual(result.figures.map((id) => `fig-${id}`));
      for (const box of boxes) {
        expect(box.width, box.id).toBeGreaterThan(50);
        expect(box.height, box.id).toBeGreaterThan(50);
      }
      expect(await page.textContent('#verdict h2')).toMatch(/Overall verdict: (good|fair|poor)/);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
