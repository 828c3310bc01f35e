import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encrypt, getSignature } from '@wecom/crypto';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InboundMessage } from '../../src/domain/messages.js';
import { WeComApi } from '../../src/adapters/wecom-api.js';
import { CallbackVerifier, type CallbackSecrets } from '../../src/adapters/wecom-callback.js';
import { WeComTransport } from '../../src/adapters/wecom.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { createApp, type App } from '../../src/main.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { Store } from '../../src/store/store.js';
import { FakeWeCom } from '../fakes/fake-wecom.js';
import { p } from '../fakes/phrases.js';
import { START } from '../fakes/test-app.js';

const log = pino({ level: 'silent' });
// The official test vectors of WeCom's WXBizMsgCrypt samples.
const OFFICIAL: CallbackSecrets = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};
const URL_CHECK = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const MESSAGE = {
  query: { msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' },
  body: '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>',
};

const at = (seconds: string) => Number(seconds) * 1000;
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query)}`;

/** A callback as WeCom would send it now: encrypted with our key, signed with our token. */
function sealed(secrets: CallbackSecrets, xml: string, now: number, nonce = String(Math.random()).slice(2, 11)) {
  const encrypted = encrypt(secrets.aesKey, xml, secrets.corpId);
  const timestamp = String(Math.floor(now / 1000));
  return {
    query: { msg_signature: getSignature(secrets.token, timestamp, nonce, encrypted), timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${secrets.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

function callbackOnly(secrets: CallbackSecrets, now: () => number) {
  const received: InboundMessage[] = [];
  const store = Store.open(':memory:');
  const transport = new WeComTransport({
    api: new WeComApi({ baseUrl: 'http://127.0.0.1:9', corpId: secrets.corpId, secret: 's', now, log }),
    verifier: new CallbackVerifier(secrets, now, store.platform),
    agentId: 218,
    store,
    now,
    log,
    callbackPath: '/wecom/callback',
  });
  void transport.start({ inbound: async (m) => void received.push(m) });
  return { received, http: createHttpApp({ callbacks: [transport.routes()] }, log) };
}

describe('WeCom callback: the official test vectors', () => {
  it('URL verification answers the decrypted echostr', async () => {
    const { http } = callbackOnly(OFFICIAL, () => at(URL_CHECK.timestamp));
    const res = await http.request(`/wecom/callback${qs(URL_CHECK)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('a message is decrypted and handed on, answered at once', async () => {
    const { http, received } = callbackOnly(OFFICIAL, () => at(MESSAGE.query.timestamp));
    const res = await http.request(`/wecom/callback${qs(MESSAGE.query)}`, { method: 'POST', body: MESSAGE.body });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5_000 });
    expect(received[0]).toMatchObject({
      id: 'wecom:4561255354251345929',
      from: 'mycreate',
      kind: 'text',
      text: 'hello',
      sentAt: at('1409659813'),
    });
  });

  it('refuses, with a 4xx and nothing processed: a bad signature, another corp, a replay, a stale timestamp, malformed XML', async () => {
    const now = at(MESSAGE.query.timestamp);
    const { http, received } = callbackOnly(OFFICIAL, () => now);
    const post = (query: Record<string, string>, body: string) =>
      http.request(`/wecom/callback${qs(query)}`, { method: 'POST', body });

    expect((await post({ ...MESSAGE.query, msg_signature: '0'.repeat(40) }, MESSAGE.body)).status).toBe(403);
    expect((await http.request(`/wecom/callback${qs({ ...URL_CHECK, msg_signature: 'f'.repeat(40) })}`)).status).toBe(
      403,
    );
    // Same token and key, another corp: the receive id inside the ciphertext gives it away.
    const other = sealed(
      { ...OFFICIAL, corpId: 'wwOtherCorp000001' },
      '<xml><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId><FromUserName>x</FromUserName></xml>',
      now,
    );
    expect((await post(other.query, other.body)).status).toBe(403);
    expect((await post(MESSAGE.query, MESSAGE.body)).status).toBe(200);
    expect((await post(MESSAGE.query, MESSAGE.body)).status).toBe(409); // replayed
    const stale = sealed(
      OFFICIAL,
      '<xml><MsgType>text</MsgType><Content>hi</Content><MsgId>2</MsgId><FromUserName>x</FromUserName></xml>',
      now - 3_600_000,
    );
    expect((await post(stale.query, stale.body)).status).toBe(403);
    expect((await post(MESSAGE.query, '<xml><Encrypt>')).status).toBe(400);
    expect((await post(MESSAGE.query, 'not xml at all')).status).toBe(400);
    expect((await post({ timestamp: '1' }, MESSAGE.body)).status).toBe(400);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1); // only the one genuine delivery
  });
});

const SECRETS: CallbackSecrets = { token: 'wuyeToken', aesKey: OFFICIAL.aesKey, corpId: 'ww0123456789abcdef' };

interface Running {
  app: App;
  fake: FakeWeCom;
  http: ReturnType<typeof createHttpApp>;
  clock: ManualClock;
  callback(xml: string): Response | Promise<Response>;
  close(): void;
}

let fakes: FakeWeCom[] = [];
afterEach(async () => {
  for (const f of fakes) await f.stop();
  fakes = [];
});

async function running(options: { db?: string; fake?: FakeWeCom; now?: number } = {}): Promise<Running> {
  const fake = options.fake ?? (await new FakeWeCom().start());
  if (!options.fake) fakes.push(fake);
  const store = Store.open(options.db ?? ':memory:');
  const clock = new ManualClock(options.now ?? parseIso(START));
  seedSampleIfEmpty(store, clock.now());
  const now = () => clock.now();
  const transport = new WeComTransport({
    api: new WeComApi({ baseUrl: fake.baseUrl, corpId: SECRETS.corpId, secret: 'secret', now, log }),
    verifier: new CallbackVerifier(SECRETS, now, store.platform),
    agentId: 1000002,
    store,
    now,
    log,
    callbackPath: '/wecom/callback',
  });
  const app = createApp({
    store,
    clock,
    transport,
    log,
    botId: 'wuye-bot',
    idleCloseMs: 2 * 3600_000,
    random: () => 0,
  });
  await transport.start(app.sink);
  const http = createHttpApp({ callbacks: [transport.routes()] }, log);
  return {
    app,
    fake,
    http,
    clock,
    callback: (xml) => {
      const { query, body } = sealed(SECRETS, xml, clock.now());
      return http.request(`/wecom/callback${qs(query)}`, { method: 'POST', body });
    },
    close: () => store.close(),
  };
}

const memberText = (from: string, text: string, id: string) =>
  `<xml><ToUserName>${SECRETS.corpId}</ToUserName><FromUserName>${from}</FromUserName><CreateTime>${Math.floor(parseIso(START) / 1000)}</CreateTime><MsgType>text</MsgType><Content><![CDATA[${text}]]></Content><MsgId>${id}</MsgId><AgentID>1000002</AgentID></xml>`;
const kfEvent = (token: string) =>
  `<xml><ToUserName>${SECRETS.corpId}</ToUserName><CreateTime>${Math.floor(parseIso(START) / 1000)}</CreateTime><MsgType>event</MsgType><Event>kf_msg_or_event</Event><Token>${token}</Token><OpenKfId>wkKF001</OpenKfId></xml>`;
const kfMessage = (id: string, from: string, text: string, sendTime = parseIso(START)) => ({
  msgid: id,
  open_kfid: 'wkKF001',
  external_userid: from,
  send_time: Math.floor(sendTime / 1000),
  origin: 3,
  msgtype: 'text',
  text: { content: text },
});

describe('WeCom API: access token, errors and limits (against a fake server on loopback)', () => {
  it('a member writes to the app; the reply goes through message/send with one cached token, renewed before it expires', async () => {
    const r = await running();
    expect((await r.callback(memberText('wx_zhaomin', '#待办', 'm1'))).status).toBe(200);
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(1), { timeout: 5_000 });
    expect(r.fake.to('/cgi-bin/message/send')[0]!.body).toEqual({
      touser: 'wx_zhaomin',
      msgtype: 'text',
      agentid: 1000002,
      text: { content: p('staff.list.todo_none') },
    });
    // WeCom retries the same MsgId (new signature): processed once.
    await r.callback(memberText('wx_zhaomin', '#待办', 'm1'));
    await r.callback(memberText('wx_zhaomin', '#帮助', 'm2'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(2), { timeout: 5_000 });
    expect(r.fake.to('/cgi-bin/gettoken')).toHaveLength(1);
    // Two hours later the token is renewed before use.
    r.clock.advanceBy(7200_000 - 60_000);
    await r.callback(memberText('wx_zhaomin', '#逾期', 'm3'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(3), { timeout: 5_000 });
    expect(r.fake.to('/cgi-bin/gettoken')).toHaveLength(2);
    expect(r.fake.to('/cgi-bin/message/send').at(-1)!.query.access_token).toBe('token-2');
    r.close();
  });

  it('an expired-token error renews the token and sends once more', async () => {
    const r = await running();
    r.fake.next('/cgi-bin/message/send', () => ({ errcode: 42001, errmsg: 'access_token expired' }));
    await r.callback(memberText('wx_zhaomin', '#待办', 'm1'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(2), { timeout: 5_000 });
    expect(r.fake.to('/cgi-bin/gettoken')).toHaveLength(2);
    expect(r.app.store.outbox.pendingCount()).toBe(0);
    r.close();
  });

  it('a rate-limit error defers the message (not an attempt, not lost); the per-member limit of 30 a minute is never reached', async () => {
    const r = await running();
    r.fake.next('/cgi-bin/message/send', () => ({ errcode: 45009, errmsg: 'api freq out of limit' }));
    await r.callback(memberText('wx_zhaomin', '#待办', 'm1'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(1), { timeout: 5_000 });
    expect(r.app.store.outbox.pendingCount()).toBe(1);
    await r.app.advanceTo(r.clock.now() + 61_000);
    expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(2);
    expect(r.app.store.outbox.pendingCount()).toBe(0);

    // 40 notices for one member within a minute: 30 go now, the rest once the minute has passed.
    for (let i = 0; i < 40; i++) r.app.store.outbox.enqueue('wx_zhaomin', `notice ${i}`, null, r.clock.now());
    await r.app.tick();
    const sentNow = r.fake.to('/cgi-bin/message/send').length - 2;
    expect(sentNow).toBe(29); // 30 in the sliding minute, counting the retried reply
    await r.app.advanceTo(r.clock.now() + 61_000);
    expect(r.fake.to('/cgi-bin/message/send').length - 2).toBe(40);
    const texts = r.fake
      .to('/cgi-bin/message/send')
      .slice(2)
      .map((c) => (c.body!.text as { content: string }).content);
    expect(texts).toEqual(Array.from({ length: 40 }, (_, i) => `notice ${i}`)); // in order
    r.close();
  });
});

describe('微信客服 (residents through WeCom customer service)', () => {
  it('the sync cursor is kept across a restart: nothing read twice, nothing missed', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-kf-')), 'kf.db');
    const fake = await new FakeWeCom().start();
    fakes.push(fake);
    fake.next('/cgi-bin/kf/sync_msg', () => ({
      errcode: 0,
      next_cursor: 'c1',
      has_more: 1,
      msg_list: [kfMessage('k1', 'wmResidentA', '你好')],
    }));
    fake.next('/cgi-bin/kf/sync_msg', () => ({
      errcode: 0,
      next_cursor: 'c2',
      has_more: 0,
      msg_list: [kfMessage('k2', 'wmResidentB', '你好')],
    }));
    const first = await running({ db, fake });
    await first.callback(kfEvent('tok-1'));
    await vi.waitFor(() => expect(fake.to('/cgi-bin/kf/send_msg')).toHaveLength(4), { timeout: 5_000 }); // greeting and menu to each
    expect(fake.to('/cgi-bin/kf/send_msg')[0]!.body).toMatchObject({
      touser: 'wmResidentA',
      open_kfid: 'wkKF001',
      msgtype: 'text',
    });
    first.close();

    fake.next('/cgi-bin/kf/sync_msg', () => ({
      errcode: 0,
      next_cursor: 'c3',
      has_more: 0,
      msg_list: [kfMessage('k3', 'wmResidentA', '谢谢')],
    }));
    const second = await running({ db, fake });
    await second.callback(kfEvent('tok-2'));
    await vi.waitFor(() => expect(fake.to('/cgi-bin/kf/send_msg')).toHaveLength(5), { timeout: 5_000 });
    expect(fake.to('/cgi-bin/kf/sync_msg').map((c) => c.body!.cursor)).toEqual([undefined, 'c1', 'c2']);
    expect(fake.to('/cgi-bin/kf/sync_msg')[2]!.body).toMatchObject({ token: 'tok-2', open_kfid: 'wkKF001' });
    expect((fake.to('/cgi-bin/kf/send_msg')[4]!.body!.text as { content: string }).content).toBe(
      p('reception.you_are_welcome'),
    );
    second.close();
  });

  it('past the reply window a message waits for the resident’s next message, and staff are told', async () => {
    const r = await running();
    r.fake.next('/cgi-bin/kf/sync_msg', () => ({
      errcode: 0,
      next_cursor: 'c1',
      has_more: 0,
      msg_list: [kfMessage('k1', 'wmResidentA', '转人工')],
    }));
    await r.callback(kfEvent('tok-1'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/kf/send_msg')).toHaveLength(2), { timeout: 5_000 }); // greeting, handoff
    // Two days later the office has something to say: the window is closed.
    r.clock.advanceBy(49 * 3_600_000);
    r.app.store.outbox.enqueue('wmResidentA', 'a note from the office', null, r.clock.now());
    await r.app.tick();
    expect(r.fake.to('/cgi-bin/kf/send_msg')).toHaveLength(2);
    expect(r.app.store.outbox.pendingCount()).toBeGreaterThanOrEqual(1);
    // A notice that asks someone to act goes as a card, its text under the title.
    const card = (c: (typeof r.fake.calls)[number]) => c.body!.template_card as { sub_title_text: string };
    const deskNotices = r.fake
      .to('/cgi-bin/message/send')
      .map((c) => (c.body!.text as { content: string } | undefined)?.content ?? card(c).sub_title_text);
    expect(deskNotices.some((t) => t.startsWith('【无法送达】'))).toBe(true);
    // The resident writes again: what waited goes first, then the answer.
    r.fake.next('/cgi-bin/kf/sync_msg', () => ({
      errcode: 0,
      next_cursor: 'c2',
      has_more: 0,
      msg_list: [kfMessage('k2', 'wmResidentA', '在吗', r.clock.now())],
    }));
    await r.callback(kfEvent('tok-2'));
    await vi.waitFor(() => expect(r.fake.to('/cgi-bin/kf/send_msg').length).toBeGreaterThanOrEqual(3), {
      timeout: 5_000,
    });
    expect((r.fake.to('/cgi-bin/kf/send_msg')[2]!.body!.text as { content: string }).content).toBe(
      'a note from the office',
    );
    r.close();
  });
});
