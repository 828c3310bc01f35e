import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from './browser.js';

describe('finding a browser for the browser tests', () => {
  it('takes WUYE_CHROMIUM first, and names a missing one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-browser-'));
    const exe = path.join(dir, 'my-chrome');
    writeFileSync(exe, '');
    expect(await findBrowser({ WUYE_CHROMIUM: exe }, dir)).toEqual({ executablePath: exe, from: 'WUYE_CHROMIUM' });
    await expect(findBrowser({ WUYE_CHROMIUM: path.join(dir, 'gone') }, '')).rejects.toThrow(
      /WUYE_CHROMIUM=.*gone does not exist; no browser.*npm install/,
    );
  });

  it('then a Chromium or Chrome on the PATH', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-browser-'));
    writeFileSync(path.join(dir, 'google-chrome'), '');
    expect(await findBrowser({}, dir)).toEqual({ executablePath: path.join(dir, 'google-chrome'), from: 'system' });
  });

  it('else the Chromium shipped inside the npm package @sparticuz/chromium, unpacked to an executable', async () => {
    const found = await findBrowser({}, mkdtempSync(path.join(tmpdir(), 'wuye-empty-path-')));
    expect(found.from).toBe('@sparticuz/chromium');
    expect(path.isAbsolute(found.executablePath)).toBe(true);
  }, 60_000);
});
