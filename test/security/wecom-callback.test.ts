import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { encrypt, getSignature } from '@wecom/crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/domain/messages.js';
import { WeComApi } from '../../src/adapters/wecom-api.js';
import { CallbackVerifier, type CallbackSecrets } from '../../src/adapters/wecom-callback.js';
import { WeComTransport } from '../../src/adapters/wecom.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { Store } from '../../src/store/store.js';

const log = pino({ level: 'silent' });
const SECRETS: CallbackSecrets = {
  token: 'wuyeToken',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'ww0123456789abcdef',
};
const NOW = Date.parse('2026-11-26T09:00:00+08:00');
const MEMBER_TEXT = (id: string) =>
  `<xml><FromUserName>wx_zhaomin</FromUserName><CreateTime>${NOW / 1000}</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>${id}</MsgId></xml>`;

function sealed(xml: string, at = NOW, nonce = String(Math.random()).slice(2, 11)) {
  const encrypted = encrypt(SECRETS.aesKey, xml, SECRETS.corpId);
  const timestamp = String(Math.floor(at / 1000));
  return {
    query: { msg_signature: getSignature(SECRETS.token, timestamp, nonce, encrypted), timestamp, nonce },
    encrypted,
    body: `<xml><ToUserName><![CDATA[${SECRETS.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query)}`;

function callback(store = Store.open(':memory:')) {
  const received: InboundMessage[] = [];
  const now = () => NOW;
  const transport = new WeComTransport({
    api: new WeComApi({ baseUrl: 'http://127.0.0.1:9', corpId: SECRETS.corpId, secret: 's', now, log }),
    // Accepted signatures are remembered in the store: across restarts.
    verifier: new CallbackVerifier(SECRETS, now, store.platform),
    agentId: 1,
    store,
    now,
    log,
    callbackPath: '/wecom/callback',
  });
  void transport.start({ inbound: async (m) => void received.push(m) });
  return { received, store, http: createHttpApp({ callbacks: [transport.routes()] }, log) };
}

let servers: ServerType[] = [];
afterEach(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  servers = [];
});

async function listen(http: { fetch: (req: Request) => Response | Promise<Response> }): Promise<string> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Posts `size` bytes of nested tags, with or without a Content-Length; resolves with the status and how long the answer
 * took.
 */
function postHuge(base: string, size: number, chunked: boolean): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const url = new URL(
      `/wecom/callback${qs({ msg_signature: 'f'.repeat(40), timestamp: String(NOW / 1000), nonce: '1' })}`,
      base,
    );
    const req = httpRequest(
      url,
      { method: 'POST', headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const chunk = Buffer.from('<a>'.repeat(1 << 14));
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('<xml>');
    pump();
  });
}

async function healthzLatency(base: string, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).text();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

describe('the public callback cannot be frozen (finding 2)', () => {
  it.each([
    ['with a Content-Length', false],
    ['chunked, without one', true],
  ])('a 5 MB body %s is answered 413 in well under a second while /healthz stays fast', async (_, chunked) => {
    const base = await listen(callback().http);
    const [huge, latencies] = await Promise.all([postHuge(base, 5 * 1024 * 1024, chunked), healthzLatency(base, 10)]);
    expect(huge.status).toBe(413);
    expect(huge.ms).toBeLessThan(1000);
    expect(Math.max(...latencies)).toBeLessThan(250);
  });

  it('the signature is checked before the XML is read: a forged body is a 403 whatever XML it holds', async () => {
    const { http } = callback();
    const forged = sealed(MEMBER_TEXT('1'));
    const badQuery = { ...forged.query, msg_signature: '0'.repeat(40) };
    const nested = `<xml><Encrypt><![CDATA[${forged.encrypted}]]></Encrypt>${'<a>'.repeat(9000)}${'</a>'.repeat(9000)}</xml>`;
    const unclosed = `<xml><Encrypt><![CDATA[${forged.encrypted}]]></Encrypt><b>`;
    for (const body of [nested, unclosed]) {
      const res = await http.request(`/wecom/callback${qs(badQuery)}`, { method: 'POST', body });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('');
    }
  });

  it('a signed message that does not parse is a 400 with no stack trace, never a 500', async () => {
    const { http, received } = callback();
    for (const inner of [
      `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`,
      '<xml><MsgType>text</MsgType',
      'not xml',
    ]) {
      const signed = sealed(inner);
      const res = await http.request(`/wecom/callback${qs(signed.query)}`, { method: 'POST', body: signed.body });
      expect(res.status, inner.slice(0, 20)).toBe(400);
      expect(await res.text()).toBe('');
    }
    expect(received).toHaveLength(0);
  });
});

describe('a replayed callback is refused across a restart (finding 9)', () => {
  it('the signature accepted before the restart is refused after it, from the database; expired ones are forgotten', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-replay-')), 'bot.db');
    const message = sealed(MEMBER_TEXT('42'));
    const first = callback(Store.open(file));
    expect(
      (await first.http.request(`/wecom/callback${qs(message.query)}`, { method: 'POST', body: message.body })).status,
    ).toBe(200);
    first.store.close();

    const second = callback(Store.open(file)); // the bot restarted
    expect(
      (await second.http.request(`/wecom/callback${qs(message.query)}`, { method: 'POST', body: message.body })).status,
    ).toBe(409);
    expect(second.received).toHaveLength(0);
    second.store.close();
  });

  it('remembered signatures expire: the table does not grow without end', () => {
    const store = Store.open(':memory:');
    let now = NOW;
    const verifier = new CallbackVerifier(SECRETS, () => now, store.platform);
    const accept = () => {
      const m = sealed(MEMBER_TEXT(String(now)), now);
      verifier.openMessage(m.query, m.body);
    };
    for (let i = 0; i < 5; i++, now += 1000) accept();
    const count = () => store.db.prepare('SELECT count(*) FROM callback_signatures').pluck().get() as number;
    expect(count()).toBe(5);
    now += 11 * 60_000; // past the five-minute window, twice over: the next one sweeps them
    accept();
    expect(count()).toBe(1);
  });
});
