import { describe, expect, it } from 'vitest';
import { crashRun, freshDb, outcome, run, script, seeded } from './crash-harness.js';

describe('crash harness (short form; `npm run soak` is the long one)', () => {
  it('killed with SIGKILL at random points and restarted, the bot ends exactly where a clean run ends', async () => {
    const lines = script(2);
    const clean = freshDb('clean');
    const reference = await run(clean, lines);
    const crashed = freshDb('crashed');
    const seed = Number(process.env.CRASH_SEED ?? 20261126);
    const { sent, runs } = await crashRun(crashed, lines, 4, seeded(seed));
    const want = outcome(clean);
    const got = outcome(crashed);
    expect(got.integrity).toBe('ok');
    // Every inbound message processed exactly once (re-delivered whole after every restart).
    expect(got.inbound).toEqual(want.inbound);
    expect(got.inbound.every((m) => (m as { done: number }).done === 1)).toBe(true);
    // Every reply and proactive message created once, in the same order, and all sent.
    expect(got.outbox).toEqual(want.outbox);
    expect(got.outbox.every((m) => (m as { status: string }).status === 'sent')).toBe(true);
    // Every promise with the same status and time; every ticket; every conversation at the same place.
    expect(got.commitments).toEqual(want.commitments);
    expect(got.tickets).toEqual(want.tickets);
    expect(got.conversations).toEqual(want.conversations);
    // Delivered at least once; a kill between a send and its "sent" mark re-sends only that batch.
    // (A paced reminder's send time may differ by the governor's spacing: compare who and what.)
    const message = (line: string) => {
      const { to, text } = JSON.parse(line) as { to: string; text: string };
      return `${to}\u0000${text}`;
    };
    expect(new Set(sent.map(message))).toEqual(new Set(reference.sent.map(message)));
    console.info(
      `crash harness: ${runs} runs, ${lines.length} messages re-delivered per run, ${reference.sent.length} sends, ${sent.length - reference.sent.length} repeated at a kill`,
    );
  }, 120_000);
});
