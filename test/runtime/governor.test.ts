import { describe, expect, it } from 'vitest';
import { OutboundGovernor } from '../../src/runtime/governor.js';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

/** Past sends as the delivery log would report them. */
const history = (sends: number[], sentToday = () => sends.length) => ({
  sentSince: () => sentToday(),
  sendTimesSince: (from: number) => sends.filter((t) => t >= from),
});

const QUIET = [
  { start: '21:00', end: '08:30' },
  { start: '12:00', end: '14:00' },
];

describe('outbound governor', () => {
  it('holds proactive messages through quiet hours, wrapping midnight, and the lunch rest', () => {
    const g = new OutboundGovernor(
      { perMinute: 20, perHour: 1000, perDay: 500, quiet: QUIET, jitterMs: 0 },
      history([]),
    );
    const until = (iso: string) => {
      const d = g.decide(parseIso(iso));
      return d.send ? 'send' : `${formatIso(d.until)} ${d.reason}`;
    };
    expect(until('2026-11-26T22:00:00+08:00')).toBe('2026-11-27T08:30:00+08:00 quiet_hours');
    expect(until('2026-11-27T03:00:00+08:00')).toBe('2026-11-27T08:30:00+08:00 quiet_hours');
    expect(until('2026-11-27T12:30:00+08:00')).toBe('2026-11-27T14:00:00+08:00 quiet_hours');
    expect(until('2026-11-27T09:00:00+08:00')).toBe('send');
  });

  it('paces to the configured rate, never bursting above it, and stops at the daily total', () => {
    const g = new OutboundGovernor(
      { perMinute: 3, perHour: 1000, perDay: 5, quiet: [], jitterMs: 0 },
      history([], () => sentToday),
    );
    let sentToday = 0;
    const t0 = parseIso('2026-11-27T10:00:00+08:00');
    // Evenly spaced: one every 20 s at 3 a minute, never two at once.
    expect(g.decide(t0).send).toBe(true);
    g.sent(t0);
    expect(g.decide(t0 + 1_000)).toEqual({ send: false, until: t0 + 20_000, reason: 'rate' });
    for (const t of [t0 + 20_000, t0 + 40_000]) {
      expect(g.decide(t).send).toBe(true);
      g.sent(t);
    }
    sentToday = 3;
    expect(g.decide(t0 + 59_000)).toEqual({ send: false, until: t0 + 60_000, reason: 'rate' });
    expect(g.decide(t0 + 60_000).send).toBe(true);
    sentToday = 5;
    const capped = g.decide(t0 + 120_000);
    expect(capped.send).toBe(false);
    expect(capped.send === false && formatIso(capped.until)).toBe('2026-11-28T00:00:00+08:00');
  });

  it('stops at the hourly total until the oldest send of the hour ages out, and a restart keeps both windows', () => {
    const config = { perMinute: 3, perHour: 4, perDay: 500, quiet: [], jitterMs: 0 };
    const t0 = parseIso('2026-11-27T10:00:00+08:00');
    const sends: number[] = [];
    const g = new OutboundGovernor(config, history(sends));
    for (const t of [t0, t0 + 20_000, t0 + 40_000, t0 + 60_000]) {
      expect(g.decide(t).send).toBe(true);
      g.sent(t);
      sends.push(t);
    }
    expect(g.decide(t0 + 80_000)).toEqual({ send: false, until: t0 + 3_600_000, reason: 'hourly_cap' });
    expect(g.decide(t0 + 3_600_000).send).toBe(true);
    // After a restart the counts come from the delivery log, not from zero.
    const restarted = new OutboundGovernor(config, history(sends));
    expect(restarted.decide(t0 + 80_000)).toEqual({ send: false, until: t0 + 3_600_000, reason: 'hourly_cap' });
    const restartedMidMinute = new OutboundGovernor(config, history([t0]));
    expect(restartedMidMinute.decide(t0 + 1_000)).toEqual({ send: false, until: t0 + 20_000, reason: 'rate' });
  });

  it('a reminder due in quiet hours waits for morning, while a reply to the resident goes at once', async () => {
    const app = createTestApp({ now: '2026-11-26T21:30:00+08:00' });
    app.store.transaction(() =>
      app.outbound.say(
        RESIDENT,
        RESIDENT,
        { key: 'complaint.still_working', params: { ticket: 'C9' } },
        app.clock.now(),
        { proactive: 'reminder' },
      ),
    );
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)).toEqual([p('reception.greeting'), p('reception.menu')]);
    await app.advanceTo(parseIso('2026-11-27T08:29:00+08:00'));
    expect(app.transport.to(RESIDENT)).not.toContain(p('complaint.still_working', { ticket: 'C9' }));
    await app.advanceTo(parseIso('2026-11-27T10:00:00+08:00')); // one jump: it still leaves at 08:30
    expect(app.transport.sent.at(-1)).toMatchObject({
      to: RESIDENT,
      text: p('complaint.still_working', { ticket: 'C9' }),
      at: parseIso('2026-11-27T08:30:00+08:00'),
    });
    // sends are logged with the next commit, or once the bot is idle
    await new Promise((resolve) => setImmediate(resolve));
    const log = app.store.db.prepare('SELECT outcome, reason FROM delivery_log ORDER BY id').all();
    expect(log).toEqual([
      { outcome: 'deferred', reason: 'quiet_hours' },
      { outcome: 'sent', reason: null },
    ]);
  });
});
