import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { WebTransport } from '../../src/adapters/web.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { hashPassword } from '../../src/console/passwords.js';
import { createApp, type App } from '../../src/main.js';
import { ManualClock } from '../../src/runtime/clock.js';
import { parseIso } from '../../src/runtime/time.js';
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

/** The whole bot with its console and simulator on a loopback port, a file database, a clock that stands still. */
export async function startWeb(options: { listen?: boolean; simulator?: boolean } = {}): Promise<WebHarness> {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), 'wuye-web-')), 'web.db'));
  const clock = new ManualClock(parseIso(START));
  seedSampleIfEmpty(store, clock.now());
  const hash = await hashPassword(PASSWORD);
  for (const id of ['s001', 's002', 's004']) store.auth.setPassword(id, hash, clock.now());
  const transport = new WebTransport();
  const log = pino({ level: 'silent' });
  const app = createApp({ store, clock, transport, log, botId: 'wuye-bot', idleCloseMs: 2 * 3600_000, random: () => 0 });
  const http = createHttpApp({ web: { app, ...(options.simulator !== false && { simulator: transport }) } }, log);
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

/** Books tomorrow morning's kitchen-light repair as 张伟 through the runtime (孙强's, R1); returns the ticket number. */
export function bookRepairOnWeb(h: WebHarness): Promise<string> {
  const say = (from: string, text: string) => h.app.bot.handleInbound({ id: `w${Math.random()}`, from, kind: 'text', text, at: h.app.clock.now() });
  return bookRepair({ say, store: h.app.store, transport: { to: () => ['-'] } } as never);
}
