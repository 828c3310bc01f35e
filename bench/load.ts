import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Transport } from '../src/runtime/transport.js';
import { seedSampleIfEmpty } from '../src/cli/seed.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/domain/clock.js';
import { Store } from '../src/store/store.js';

const tmpFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-load-')), name);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const rssMb = () => {
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

/**
 * Dormant conversations: `count` residents each leave an open conversation behind (greeted, then
 * silent). Conversations live in SQLite, not in memory: what the process holds per conversation is
 * what it forgot to let go.
 */
export async function measureDormant(count: number): Promise<{
  count: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  perConversationBytes: number;
  openConversations: number;
}> {
  const db = tmpFile('dormant.db');
  const store = Store.open(db);
  const clock = new ManualClock(Date.parse('2026-11-26T01:00:00Z'));
  seedSampleIfEmpty(store, clock.now());
  const transport: Transport = { name: 'null', send: async () => {} };
  const app = createApp({
    store,
    clock,
    transport,
    log: pino({ level: 'silent' }),
    botId: 'wuye-bot',
    idleCloseMs: 7_200_000,
  });
  await app.bot.handleInbound({ id: 'warm', from: 'wx_warm', kind: 'text', text: '你好', at: clock.now() });
  const rssBeforeMb = rssMb();
  for (let i = 0; i < count; i++)
    await app.bot.handleInbound({ id: `d${i}`, from: `wx_dormant_${i}`, kind: 'text', text: '你好', at: clock.now() });
  const rssAfterMb = rssMb();
  const openConversations = store.db
    .prepare("SELECT count(*) FROM conversations WHERE status = 'open'")
    .pluck()
    .get() as number;
  store.close();
  return {
    count,
    rssBeforeMb,
    rssAfterMb,
    perConversationBytes: ((rssAfterMb - rssBeforeMb) * 1024 * 1024) / count,
    openConversations,
  };
}
