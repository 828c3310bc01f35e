import { mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCsvFile } from '../../src/import/import-table.js';
import { Store } from '../../src/store/store.js';
import { dataPath } from '../../src/domain/data-path.js';
import { freePort, reachable, startWuye, type RunningWuye } from '../fakes/cli.js';
import { startWeb, type WebHarness } from '../fakes/web-server.js';

let web: WebHarness | undefined;
let running: RunningWuye[] = [];
afterEach(async () => {
  await web?.close();
  web = undefined;
  for (const r of running) r.stop();
  running = [];
});

const start = async (db: string, port: number, env: Record<string, string> = {}) => {
  const r = await startWuye(['--db', db, '--port', String(port)], env);
  running.push(r);
  return r;
};

const tmpDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-sim-')), 'bot.db');

const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the simulator is not open to the network (finding 6)', () => {
  it.skipIf(!outsideAddress)(
    'wuye start with the simulator listens on 127.0.0.1 only, unless WUYE_HTTP_HOST says otherwise',
    async () => {
      const port = await freePort();
      const started = await start(tmpDb(), port);
      expect(started.listening, started.stderr).toBe(true);
      expect(await reachable('127.0.0.1', port)).toBe(true);
      expect(await reachable(outsideAddress!, port)).toBe(false);
      running[0]!.stop();

      const open = await freePort();
      expect((await start(tmpDb(), open, { WUYE_HTTP_HOST: '0.0.0.0' })).listening).toBe(true);
      expect(await reachable(outsideAddress!, open)).toBe(true);
    },
    30_000,
  );

  it('refuses to run on a database that is not the demo one, unless WUYE_SIMULATOR=force', async () => {
    const db = tmpDb();
    const file = path.join(path.dirname(db), 'residents.csv');
    writeFileSync(file, 'id,name,phone,unit,wechat_id\nx001,王磊,13900009999,8-1-101,\n');
    const store = Store.open(db);
    importCsvFile(store, 'residents', file, 'office', Date.now()); // the office's own records, as `wuye import` does
    // someone to book repairs with
    importCsvFile(store, 'staff', dataPath('sample', 'staff.csv'), 'office', Date.now());
    store.close();
    const refused = await start(db, await freePort());
    expect(refused.listening).toBe(false);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('WUYE_SIMULATOR=force');
    expect((await start(db, await freePort(), { WUYE_SIMULATOR: 'force' })).listening).toBe(true);
  }, 30_000);

  it('a request naming another host (DNS rebinding) is refused', async () => {
    web = await startWeb();
    expect((await web.http.request('http://attacker.example/sim')).status).toBe(403);
    expect((await web.http.request('http://attacker.example/sim/api/messages?as=wx_zhangwei')).status).toBe(403);
    expect((await web.http.request('http://localhost/sim')).status).toBe(200);
  });
});

describe('the simulator takes JSON bodies only (finding 6, 9)', () => {
  it('a text/plain or form post (which a cross-site page can send) is refused and nothing is said', async () => {
    web = await startWeb();
    const before = web.app.store.messages.forParty('wx_zhangwei').length;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await web.http.request('/sim/api/say', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ as: 'wx_zhaomin', text: '#解绑 wx_zhangwei' }),
      });
      expect(res.status, type).toBe(415);
    }
    expect(
      (
        await web.http.request('/sim/api/advance', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{"by":"1d"}',
        })
      ).status,
    ).toBe(415);
    expect(web.app.store.messages.forParty('wx_zhangwei')).toHaveLength(before);
    expect(web.app.store.community.residentsByWechat('wx_zhangwei')).toHaveLength(1);
  });

  it('an empty or malformed body is a 400, not a 500', async () => {
    web = await startWeb();
    for (const body of ['', 'not json', '[]', '"text"', '{"as":1,"text":"hi"}']) {
      for (const path of ['/sim/api/say', '/sim/api/advance']) {
        const res = await web.http.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      }
    }
    const ok = await web.http.request('/sim/api/say', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ as: 'wx_zhangwei', text: '你好' }),
    });
    expect(ok.status).toBe(200);
  });
});
