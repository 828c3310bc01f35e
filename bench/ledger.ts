import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { seedSampleIfEmpty } from '../src/cli/seed.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/domain/clock.js';
import { Store } from '../src/store/store.js';
import type { Ticket } from '../src/store/ticket-repo.js';

const tmpFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-bench-')), name);
const NOW = Date.parse('2026-11-26T01:00:00Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function fakeTicket(store: Store, i: number): Ticket {
  return store.tickets.create({
    type: 'repair',
    category: 'repair',
    party: `wx_bench_${i % 500}`,
    replyTo: `wx_bench_${i % 500}`,
    conversationKey: `wx_bench_${i % 500}`,
    residentId: null,
    unitId: '3-2-1201',
    summary: 'bench',
    createdAt: NOW - 86_400_000,
  });
}

/** The due lookup the scheduler makes every pass, against a ledger of a million rows. */
export function measureDueLookup(rows: number): { indexedUs: number; scanUs: number; open: number; found: number } {
  const store = Store.open(tmpFile('million.db'));
  const ticket = store.transaction(() => fakeTicket(store, 0));
  const insert = store.db.prepare(
    `INSERT INTO commitments (kind, party, status, due_at, ticket_id, summary, created_at) VALUES ('callback', 'office', ?, ?, ?, 'x', ?)`,
  );
  let open = 0;
  store.transaction(() => {
    for (let i = 0; i < rows; i++) {
      // A mature ledger: most promises settled over the past year; one in a hundred still open and
      // due over the coming weeks, and a handful just fallen due (what a pass finds).
      const isOpen = i % 100 === 0;
      if (isOpen) open += 1;
      const dueAt = isOpen
        ? NOW + (i % 10_000 === 0 ? -60_000 : ((i % 30) + 1) * 86_400_000)
        : NOW - (i % 365) * 86_400_000;
      insert.run(isOpen ? 'open' : 'kept', dueAt, ticket.id, dueAt - 86_400_000);
    }
  });
  store.db.exec('ANALYZE');
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    found = store.commitments.dueBy(NOW, 500).length;
    store.commitments.nextEventAt();
    samples.push(performance.now() - t0);
  }
  const scan = store.db.prepare(
    `SELECT * FROM commitments NOT INDEXED WHERE status = 'open' AND due_at <= ? ORDER BY due_at, id LIMIT 500`,
  );
  const scanSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    scan.all(NOW);
    scanSamples.push(performance.now() - t0);
  }
  store.close();
  return { indexedUs: median(samples) * 1000, scanUs: median(scanSamples) * 1000, open, found };
}

/** One scheduler pass over many overdue promises: each broken, escalated and apologised for. */
export async function measureEscalationPass(
  rows: number,
): Promise<{ passMs: number; broken: number; messages: number; floorMs: number }> {
  const store = Store.open(tmpFile('overdue.db'));
  const clock = new ManualClock(NOW);
  seedSampleIfEmpty(store, NOW);
  const app = createApp({
    store,
    clock,
    transport: { name: 'null', send: async () => {} },
    log: pino({ level: 'silent' }),
    botId: 'b',
    idleCloseMs: 7_200_000,
  });
  store.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const ticket = fakeTicket(store, i);
      store.commitments.create({
        kind: 'callback',
        party: 'office',
        dueAt: NOW - 60_000 - i,
        ticketId: ticket.id,
        residentParty: ticket.party,
        summary: 'bench',
        createdAt: NOW - 86_400_000,
      });
    }
  });
  const t0 = performance.now();
  const steps = app.ladder.runDue(NOW);
  const passMs = performance.now() - t0;
  const broken = (
    store.db.prepare(`SELECT count(*) AS n FROM commitments WHERE status = 'broken'`).get() as { n: number }
  ).n;
  const messages = store.outbox.pendingCount();

  // Floor: the same number of bare status updates, in one transaction.
  const floorStore = Store.open(tmpFile('floor.db'));
  const ids = floorStore.transaction(() => {
    const t = fakeTicket(floorStore, 0);
    return Array.from(
      { length: rows },
      () =>
        floorStore.commitments.create({
          kind: 'callback',
          party: 'office',
          dueAt: NOW - 1,
          ticketId: t.id,
          summary: 'x',
          createdAt: NOW,
        }).id,
    );
  });
  const update = floorStore.db.prepare(`UPDATE commitments SET status = 'broken' WHERE id = ?`);
  const f0 = performance.now();
  floorStore.transaction(() => ids.forEach((id) => update.run(id)));
  const floorMs = performance.now() - f0;
  store.close();
  floorStore.close();
  if (steps !== rows) throw new Error(`expected ${rows} steps, took ${steps}`);
  return { passMs, broken, messages, floorMs };
}
