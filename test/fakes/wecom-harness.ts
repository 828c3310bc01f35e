import { encrypt, getSignature } from '@wecom/crypto';
import pino from 'pino';
import { WeComApi } from '../../src/adapters/wecom-api.js';
import { CallbackVerifier, type CallbackSecrets } from '../../src/adapters/wecom-callback.js';
import { WeComTransport } from '../../src/adapters/wecom.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { createApp, type App } from '../../src/main.js';
import type { Understander } from '../../src/nlu/understander.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { Store } from '../../src/store/store.js';
import { FakeWeCom } from './fake-wecom.js';
import { START } from './test-app.js';

const log = pino({ level: 'silent' });
export const SECRETS: CallbackSecrets = {
  token: 'wuyeToken',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'ww0123456789abcdef',
};
const KF = 'wkKF001';

/** A callback as WeCom would send it now: encrypted with our key, signed with our token. */
function sealed(xml: string, now: number) {
  const encrypted = encrypt(SECRETS.aesKey, xml, SECRETS.corpId);
  const timestamp = String(Math.floor(now / 1000));
  const nonce = String(Math.random()).slice(2, 11);
  return {
    query: { msg_signature: getSignature(SECRETS.token, timestamp, nonce, encrypted), timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${SECRETS.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

export interface Running {
  app: App;
  fake: FakeWeCom;
  clock: ManualClock;
  transport: WeComTransport;
  callback(xml: string): Promise<Response>;
  /** 微信客服: WeCom says something arrived, and sync_msg returns `messages`. */
  kf(messages: Array<Record<string, unknown>>): Promise<void>;
  close(): void;
}

/** The whole bot behind the WeCom transport, talking to a fake WeCom API on loopback. */
export async function running(
  options: { db?: string; fake?: FakeWeCom; understander?: Understander } = {},
): Promise<Running> {
  const fake = options.fake ?? (await new FakeWeCom().start());
  const store = Store.open(options.db ?? ':memory:');
  const clock = new ManualClock(parseIso(START));
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
    ...(options.understander && { understander: options.understander }),
  });
  await transport.start(app.sink);
  const http = createHttpApp({ callbacks: [transport.routes()] }, log);
  const callback = (xml: string) => {
    const { query, body } = sealed(xml, clock.now());
    return Promise.resolve(http.request(`/wecom/callback?${new URLSearchParams(query)}`, { method: 'POST', body }));
  };
  let page = 0;
  return {
    app,
    fake,
    clock,
    transport,
    callback,
    async kf(messages) {
      page += 1;
      fake.next('/cgi-bin/kf/sync_msg', () => ({
        errcode: 0,
        next_cursor: `c${page}`,
        has_more: 0,
        msg_list: messages,
      }));
      const seen = fake.to('/cgi-bin/kf/sync_msg').length;
      const t = Math.floor(clock.now() / 1000);
      await callback(
        `<xml><ToUserName>${SECRETS.corpId}</ToUserName><CreateTime>${t}</CreateTime><MsgType>event</MsgType><Event>kf_msg_or_event</Event><Token>t${page}</Token><OpenKfId>${KF}</OpenKfId></xml>`,
      );
      // The callback is answered at once and processed after: wait for the sync and what it caused.
      for (let i = 0; i < 200 && fake.to('/cgi-bin/kf/sync_msg').length === seen; i++)
        await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 30));
      await app.tick();
    },
    close: () => store.close(),
  };
}

let seq = 0;
const base = (from: string, at: number) => ({
  msgid: `k${++seq}`,
  open_kfid: KF,
  external_userid: from,
  send_time: Math.floor(at / 1000),
});
export const kfText = (from: string, text: string, at: number, menuId?: string) => ({
  ...base(from, at),
  origin: 3,
  msgtype: 'text',
  text: { content: text, ...(menuId && { menu_id: menuId }) },
});
export const kfEvent = (from: string, at: number, event: Record<string, unknown>) => ({
  ...base(from, at),
  origin: 4,
  msgtype: 'event',
  event: { open_kfid: KF, external_userid: from, ...event },
});
export const servicerText = (to: string, servicer: string, text: string, at: number) => ({
  ...base(to, at),
  origin: 5,
  servicer_userid: servicer,
  msgtype: 'text',
  text: { content: text },
});
