import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { initialTransition, transition } from 'xstate';
import { receptionMachine } from '../flows/reception.js';
import type { Transport } from '../src/runtime/transport.js';
import { seedSampleIfEmpty } from '../src/cli/seed.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/domain/clock.js';
import { openDb } from '../src/store/db.js';
import { Store } from '../src/store/store.js';

/** Conversation turns only: greeting and menu, a miss, praise, an emoji, the farewell. */
export const CONVERSATION_MIX = ['你好', '阿巴阿巴', '你们服务好，点赞', '😀', '再见'];
/** One message in three opens a ticket with its promise and a desk notice (the ledger's writes). */
export const TICKET_MIX = ['你好', '转人工', '阿巴阿巴', '你们服务好，点赞', '楼上太吵了，我要投诉', '再见'];
const RESIDENTS = 200;

const tmpFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-bench-')), name);

export interface Figures {
  perSecond: number;
  p50Us: number;
  p99Us: number;
}

function figures(samples: number[], totalMs: number): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 1000;
  return { perSecond: samples.length / (totalMs / 1000), p50Us: at(0.5), p99Us: at(0.99) };
}

/**
 * Messages through the whole runtime: inbox, dedupe, queue, identity, NLU, transition, one transaction, outbox send.
 */
export async function measurePipeline(
  messages: number,
  texts: string[] = CONVERSATION_MIX,
  residents = RESIDENTS,
): Promise<Figures> {
  const store = Store.open(tmpFile('pipeline.db'));
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
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    const t0 = performance.now();
    await app.bot.handleInbound({
      id: `b${i}`,
      from: `wx_bench_${i % residents}`,
      kind: 'text',
      text: texts[Math.floor(i / residents) % texts.length]!,
      at: clock.now(),
    });
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  store.close();
  return figures(samples, total);
}

/**
 * Per message, the floor's XState transition (reception, listening, read back from its JSON as a stored
 * conversation is) and its snapshot handed to `commit`, each timed.
 */
function transitionsCommitted(messages: number, commit: (i: number, snapshot: string) => void): Figures {
  const [initial] = initialTransition(receptionMachine);
  const [listening] = transition(receptionMachine, initial, { type: 'START' });
  const persisted = JSON.stringify(receptionMachine.getPersistedSnapshot(listening));
  const event = { type: 'TEXT' as const, text: '阿巴', intent: 'other' as const, confidence: 0, slots: {} };
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    const t0 = performance.now();
    const [next] = transition(receptionMachine, receptionMachine.resolveState(JSON.parse(persisted)), event);
    commit(i, JSON.stringify(receptionMachine.getPersistedSnapshot(next)));
    samples.push(performance.now() - t0);
  }
  return figures(samples, performance.now() - started);
}

/** The floor: per message one bare SQLite commit and one bare XState transition, nothing else. */
export function measureFloor(messages: number): Figures {
  const db = openDb(tmpFile('floor.db'));
  db.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO bare (body) VALUES (?)');
  const commit = db.transaction((body: string) => insert.run(body));
  const result = transitionsCommitted(messages, (_, snapshot) => commit(snapshot));
  db.close();
  return result;
}

/**
 * What one commit per turn costs before any reading or rendering: the floor's transition, and in its
 * commit the writes no turn can skip, on the real schema (its indexes decide how many pages a commit
 * writes). The message is logged with its dedupe key, the conversation's snapshot saved, one reply
 * queued, and the previous reply marked sent, for `residents` people in turn as in the black box.
 */
export function measureDurableTurn(messages: number, residents = 2_000): Figures {
  const store = Store.open(tmpFile('durable.db'));
  const now = Date.parse('2026-11-26T01:00:00Z');
  seedSampleIfEmpty(store, now);
  const db = store.db;
  const receive = db.prepare(
    `INSERT INTO inbound_messages (msg_id, conversation_key, party, room, kind, text, mentions, at, processed_at)
     VALUES (?, ?, ?, NULL, 'text', ?, NULL, ?, ?) ON CONFLICT(conversation_key, msg_id) DO NOTHING`,
  );
  const save = db.prepare(
    `INSERT INTO conversations (key, party, reply_to, flow, machine_version, snapshot, status, started_at, updated_at)
     VALUES (?, ?, ?, 'reception', 1, ?, 'open', ?, ?)
     ON CONFLICT(key) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  );
  const queue = db.prepare(
    `INSERT INTO outbox (recipient, text, conversation_key, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const sent = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`);
  let previous: number | bigint = 0;
  const commit = db.transaction((key: string, id: string, snapshot: string) => {
    receive.run(id, key, key, CONVERSATION_MIX[0], now, now);
    save.run(key, key, key, snapshot, now, now);
    if (previous) sent.run(now, previous);
    previous = queue.run(key, CONVERSATION_MIX[0], key, now, now).lastInsertRowid;
  });
  const result = transitionsCommitted(messages, (i, snapshot) =>
    commit(`wx_durable_${i % residents}`, `d${i}`, snapshot),
  );
  store.close();
  return result;
}
