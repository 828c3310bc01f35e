import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenPlan } from '../../src/server/listen-plan.js';
import { dataPath } from '../../src/domain/data-path.js';
import { importCsvFile } from '../../src/import/import-table.js';
import { Store } from '../../src/store/store.js';
import { freePort, startWuye, type RunningWuye } from '../fakes/cli.js';

let running: RunningWuye | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

// A WeCom configuration (the API on a closed loopback port: nothing is sent in this test).
const WECOM = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: 'wuyeToken',
  WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  WECOM_API_BASE: 'http://127.0.0.1:9',
};

describe('the console can be served apart from the internet-facing callback (finding 4)', () => {
  it('with WUYE_CONSOLE_PORT the public port answers only the callback and /healthz; the console is on its own port', async () => {
    const [publicPort, consolePort] = [await freePort(), await freePort()];
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-port-')), 'bot.db');
    // An office's own staff (a database behind WeCom is never seeded with the sample).
    const store = Store.open(db);
    importCsvFile(store, 'staff', dataPath('sample', 'staff.csv'), 'office', Date.now());
    store.close();
    running = await startWuye(['--db', db, '--port', String(publicPort)], {
      ...WECOM,
      WUYE_CONSOLE_PORT: String(consolePort),
      WUYE_HTTP_HOST: '127.0.0.1',
    });
    expect(running.listening, running.stderr).toBe(true);
    const status = async (port: number, pathname: string) =>
      (await fetch(`http://127.0.0.1:${port}${pathname}`, { redirect: 'manual' })).status;

    expect(await status(publicPort, '/healthz')).toBe(200);
    expect(await status(publicPort, '/wecom/callback')).toBe(400); // there, and refusing an unsigned call
    expect(await status(publicPort, '/console/login')).toBe(404);
    expect(await status(publicPort, '/console')).toBe(404);

    expect(await status(consolePort, '/console/login')).toBe(200);
    expect(await status(consolePort, '/wecom/callback')).toBe(404);
    expect(await status(consolePort, '/sim')).toBe(404); // WeCom is the platform: no simulator anywhere
  }, 30_000);

  it('where each port listens: the simulator on 127.0.0.1 unless a host is set; the rest on every interface unless a host is set', () => {
    expect(listenPlan({}, 3000, { simulator: true })).toEqual([
      { host: '127.0.0.1', port: 3000, callback: true, web: true },
    ]);
    expect(listenPlan({}, 3000, { simulator: false })).toEqual([
      { host: undefined, port: 3000, callback: true, web: true },
    ]);
    expect(listenPlan({ httpHost: '0.0.0.0' }, 3000, { simulator: true })).toEqual([
      { host: '0.0.0.0', port: 3000, callback: true, web: true },
    ]);
    expect(listenPlan({ consolePort: 3001, consoleHost: '192.168.1.10' }, 3000, { simulator: false })).toEqual([
      { host: undefined, port: 3000, callback: true, web: false },
      { host: '192.168.1.10', port: 3001, callback: false, web: true },
    ]);
    expect(listenPlan({ consolePort: 3001 }, 3000, { simulator: true })[1]).toEqual({
      host: '127.0.0.1',
      port: 3001,
      callback: false,
      web: true,
    });
  });
});
