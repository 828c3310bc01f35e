import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import type { Logger } from '../../src/log.js';
import { WebTransport } from '../../src/adapters/web.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { hashPassword } from '../../src/console/passwords.js';
import { createApp, type App } from '../../src/main.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { Store } from '../../src/store/store.js';
import { bookRepair, START } from './test-app.js';

export const PASSWORD = 'correct-horse-battery';

export interface WebHarness {
  app: App;
  http: ReturnType<typeof createHttpApp>;
  baseUrl: string;
  close(): Promise<void>;
}

export interface WebOptions {
  listen?: boolean;
  simulator?: boolean;
  /** WUYE_TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy?: boolean;
  /** Real time as the console's sign-in sees it (sessions, throttling); Date.now by default. */
  consoleNow?: () => number;
  log?: Logger;
}

/** The whole bot with its console and simulator on a loopback port, a file database, a clock that stands still. */
export async function startWeb(options: WebOptions = {}): Promise<WebHarness> {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), 'wuye-web-')), 'web.db'));
  const clock = new ManualClock(parseIso(START));
  seedSampleIfEmpty(store, clock.now());
  const hash = await hashPassword(PASSWORD);
  for (const id of ['s001', 's002', 's004']) store.auth.setPassword(id, hash, clock.now());
  const transport = new WebTransport();
  const log = options.log ?? pino({ level: 'silent' });
  const app = createApp({
    store,
    clock,
    transport,
    log,
    botId: 'wuye-bot',
    idleCloseMs: 2 * 3600_000,
    random: () => 0,
  });
  const http = createHttpApp({ web: { app, ...(options.simulator !== false && { simulator: transport }) } }, log, {
    trustProxy: options.trustProxy ?? false,
    ...(options.consoleNow && { now: options.consoleNow }),
  });
  let server: ServerType | undefined;
  let baseUrl = '';
  if (options.listen) {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  }
  return {
    app,
    http,
    baseUrl,
    close: async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      store.close();
    },
  };
}

export interface SignInAttempt {
  res: Response;
  /** `wuye_session=…`, when the sign-in set one. */
  cookie?: string;
  setCookie: string[];
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/**
 * Signs in as a browser would: opens the sign-in page (its cookie and hidden field), then posts the
 * form. `origin` is where the browser thinks the console is; `headers` adds what a proxy in front
 * would (X-Forwarded-For, X-Forwarded-Proto).
 */
export async function signInOnWeb(
  h: WebHarness,
  staff: string,
  password = PASSWORD,
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<SignInAttempt> {
  const origin = options.origin ?? 'http://wuye.office.lan';
  const form = await h.http.request(`${origin}/console/login`, { headers: options.headers ?? {} });
  const field = /name="login_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  const formCookies = cookiesOf(form);
  const res = await h.http.request(`${origin}/console/login`, {
    method: 'POST',
    headers: { ...options.headers, ...(formCookies.length > 0 && { cookie: formCookies.join('; ') }) },
    body: new URLSearchParams({ staff, password, ...(field && { login_csrf: field }) }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith('wuye_session='));
  return { res, setCookie: res.headers.getSetCookie(), ...(session && { cookie: session }) };
}

/** A signed-in staff member's cookie and the CSRF token of their pages. */
export async function signedIn(h: WebHarness, staff: string): Promise<{ cookie: string; csrf: string }> {
  const { cookie } = await signInOnWeb(h, staff);
  if (!cookie) throw new Error(`${staff} could not sign in`);
  const board = await (await h.http.request('/console', { headers: { cookie } })).text();
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(board)![1]! };
}

/** Books tomorrow morning's kitchen-light repair as 张伟 through the runtime (孙强's, R1); returns the ticket number. */
export function bookRepairOnWeb(h: WebHarness): Promise<string> {
  const say = (from: string, text: string) =>
    h.app.bot.handleInbound({ id: `w${Math.random()}`, from, kind: 'text', text, at: h.app.clock.now() });
  return bookRepair({ say, store: h.app.store, transport: { to: () => ['-'] } } as never);
}
