import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../fakes/test-app.js';
import { script, type Line } from './crash-harness.js';

/** Per person, what they were sent, in order; and what the office owes, as a set. */
function outcome(app: TestApp) {
  const d = app.store.db;
  const sentTo = new Map<string, string[]>();
  for (const r of d.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as Array<{
    recipient: string;
    text: string;
  }>) {
    sentTo.set(r.recipient, [...(sentTo.get(r.recipient) ?? []), r.text.replace(/[RCKH]\d+/g, '#')]);
  }
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    sentTo: Object.fromEntries([...sentTo].sort(([a], [b]) => a.localeCompare(b))),
    inbound: sorted(d.prepare('SELECT msg_id, processed_at IS NOT NULL AS done FROM inbound_messages').all()),
    commitments: sorted(d.prepare('SELECT kind, party, status, due_at FROM commitments').all()),
    tickets: sorted(d.prepare('SELECT type, party, status FROM tickets').all()),
  };
}

/** The stream split into rounds (between the silences), as each person's burst of messages. */
function rounds(lines: Line[]): Line[][] {
  const out: Line[][] = [[]];
  for (const line of lines) {
    if (line.from) out.at(-1)!.push(line);
    else out.push([]);
  }
  return out.filter((r) => r.length > 0);
}

const deliver = (app: TestApp, line: Line) =>
  app.bot.handleInbound({ id: line.id, from: line.from, kind: 'text', text: line.text, at: app.clock.now() });

describe('duplicates and bursts', () => {
  it('every message delivered twice, each person’s messages arriving together: the same outcome as one clean delivery', async () => {
    const lines = script(3);
    const clean = createTestApp();
    for (const round of rounds(lines)) {
      for (const line of round) await deliver(clean, line);
      await clean.advanceTo(clean.clock.now() + 3 * 3600_000);
    }

    const messy = createTestApp();
    for (const round of rounds(lines)) {
      // All at once: each person's messages in the order sent, every one of them twice, people interleaved.
      await Promise.all(round.flatMap((line) => [deliver(messy, line), deliver(messy, line)]));
      await messy.advanceTo(messy.clock.now() + 3 * 3600_000);
    }
    expect(outcome(messy)).toEqual(outcome(clean));
    expect(messy.store.db.prepare('SELECT count(*) FROM inbound_messages').pluck().get()).toBe(
      lines.filter((l) => l.from).length,
    );
  });
});
