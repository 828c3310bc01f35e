import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { p, phrases } from '../fakes/phrases.js';
import { conversationKey } from '../../src/runtime/bot.js';
import { Store } from '../../src/store/store.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const dbFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-')), 'wuye.db');

describe('nothing received is lost, nothing is sent twice', () => {
  it('a message received but not processed before a crash is answered on restart', async () => {
    const file = dbFile();
    // The crash: the message reached the inbox, then the process died before the turn committed.
    const crashed = Store.open(file);
    crashed.messages.receive({
      id: 'm1',
      from: RESIDENT,
      kind: 'text',
      text: '你好',
      at: Date.parse('2026-11-26T01:00:00Z'),
      conversationKey: conversationKey({ from: RESIDENT }),
    });
    crashed.close();

    const app = createTestApp({ db: file });
    expect(await app.bot.recover()).toBe(1);
    expect(app.transport.to(RESIDENT)).toEqual([
      phrases.render('reception.greeting'),
      phrases.render('reception.menu'),
    ]);
    expect(await app.bot.recover()).toBe(0);
    // The platform redelivers it after the restart: still processed once.
    await app.say(RESIDENT, '你好', { id: 'm1' });
    expect(app.transport.to(RESIDENT)).toHaveLength(2);
    app.store.close();
  });

  it('a message that has to wait behind another is in the inbox before its turn comes', async () => {
    const app = createTestApp();
    const first = app.say(RESIDENT, '你好', { id: 'q1' });
    const second = app.say(RESIDENT, '谢谢', { id: 'q2' });
    expect(app.store.messages.unprocessed().map((m) => m.id)).toEqual(['q2']);
    await Promise.all([first, second]);
    expect(app.store.messages.unprocessed()).toEqual([]);
    expect(app.transport.to(RESIDENT)).toHaveLength(3);
  });

  it('replies committed but not sent before a crash are sent once on restart', async () => {
    const file = dbFile();
    const first = createTestApp({ db: file });
    first.transport.hang(); // the process dies while handing the first reply to the platform
    void first.say(RESIDENT, '你好');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first.transport.sent).toEqual([]);
    expect(first.store.outbox.pendingCount()).toBe(2);
    first.store.close();

    const second = createTestApp({ db: file });
    await second.tick();
    expect(second.transport.to(RESIDENT)).toEqual([
      phrases.render('reception.greeting'),
      phrases.render('reception.menu'),
    ]);
    await second.tick();
    expect(second.transport.sent).toHaveLength(2);
    second.store.close();
  });

  describe('a send is marked with the next commit (a busy bot commits once a turn)', () => {
    const idle = () => new Promise((resolve) => setImmediate(resolve));
    const statuses = (app: ReturnType<typeof createTestApp>) =>
      app.store.db.prepare('SELECT status FROM outbox ORDER BY id').pluck().all();

    it('in a burst the next turn carries the marks, nothing is sent twice, and an idle bot writes the rest', async () => {
      const app = createTestApp();
      await app.say(RESIDENT, '你好');
      // Sent, and its mark waits for a commit: the next turn's, since it comes at once.
      expect(statuses(app)).toEqual(['pending', 'pending']);
      expect(app.store.outbox.pendingCount()).toBe(0);
      await app.say(RESIDENT, '阿巴阿巴');
      expect(statuses(app).slice(0, 2)).toEqual(['sent', 'sent']);
      await app.say(RESIDENT, '再见');
      expect(new Set(app.transport.sent.map((m) => m.text)).size).toBe(app.transport.sent.length);
      await idle();
      expect(statuses(app).every((s) => s === 'sent')).toBe(true);
      expect(app.transport.sent).toHaveLength(statuses(app).length);
    });

    it('a turn that fails and is rolled back keeps the marks it carried: written later, not sent again', async () => {
      const app = createTestApp();
      await app.say(RESIDENT, '你好');
      app.store.db.prepare(`UPDATE conversations SET snapshot = '{"value":"nowhere"}'`).run();
      await app.say(RESIDENT, '在吗');
      const followUp = p('common.internal_error_followup', { ticket: 'H1' }, { due: '2026-11-26T11:00:00+08:00' });
      expect(app.transport.to(RESIDENT)).toEqual([p('reception.greeting'), p('reception.menu'), followUp]);
      await idle();
      expect(statuses(app)).toEqual(['sent', 'sent', 'sent', 'sent']); // the desk's notice too
      await app.tick();
      expect(app.transport.sent).toHaveLength(4);
    });

    it('a crash before the mark is written sends that reply again on restart (at least once, never lost)', async () => {
      const file = dbFile();
      const first = createTestApp({ db: file });
      await first.say(RESIDENT, '你好');
      first.store.db.close(); // killed before the bot was idle: no Store.close
      const second = createTestApp({ db: file });
      await second.tick();
      expect(second.transport.to(RESIDENT)).toEqual([p('reception.greeting'), p('reception.menu')]);
      second.store.close(); // a clean stop writes the marks
      const third = createTestApp({ db: file });
      await third.tick();
      expect(third.transport.sent).toEqual([]);
    });
  });

  it('a refused send is retried later and keeps the order of replies to that person', async () => {
    const app = createTestApp();
    app.transport.failNext(1);
    await app.say(RESIDENT, '你好');
    expect(app.transport.sent).toEqual([]); // the menu waits behind the greeting
    await app.advanceTo(app.clock.now() + 10_000);
    expect(app.transport.to(RESIDENT)).toEqual([
      phrases.render('reception.greeting'),
      phrases.render('reception.menu'),
    ]);
  });

  it('gives up after repeated refusals and records it for staff', async () => {
    const app = createTestApp();
    app.transport.failNext(1000);
    await app.say(RESIDENT, '人工');
    for (let i = 0; i < 8; i++) await app.advanceTo(app.clock.now() + 3600_000);
    const failed = app.store.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'failed'`).get() as {
      n: number;
    };
    expect(failed.n).toBeGreaterThan(0);
    expect(app.store.events.forRef(RESIDENT).some((e) => e.type === 'delivery_failed')).toBe(true);
    // The delivery log shows each refusal and the retry it led to, then the giving up.
    const log = app.store.db.prepare(`SELECT outcome, reason FROM delivery_log WHERE outbox_id = 1 ORDER BY id`).all();
    expect(log).toEqual([
      ...Array.from({ length: 4 }, () => ({ outcome: 'failed', reason: 'will retry: platform refused the message' })),
      { outcome: 'failed', reason: 'platform refused the message' },
    ]);
  });

  it('a conversation continues where it stopped after a restart, and its idle timer survives', async () => {
    const file = dbFile();
    const first = createTestApp({ db: file });
    await first.say(RESIDENT, '你好');
    await first.say(RESIDENT, '阿巴阿巴'); // one miss counted in the snapshot
    await first.say('wx_lina', '你好'); // an open conversation, whose idle timer is armed
    first.store.close();

    const second = createTestApp({ db: file, now: '2026-11-26T09:30:00+08:00' });
    await second.say(RESIDENT, 'asdfgh'); // the second miss (嗯嗯嗯 would be courtesy): the count survived the restart
    expect(second.transport.to(RESIDENT)).toEqual([
      p(
        'reception.fallback_handoff',
        { ticket: 'H1' },
        { due: '2026-11-26T09:45:00+08:00' },
        '2026-11-26T09:30:00+08:00',
      ),
    ]);
    await second.advanceTo(second.clock.now() + 2 * 3600_000);
    expect(second.transport.to('wx_lina')).toEqual([phrases.render('reception.farewell_idle')]);
    second.store.close();
  });

  it('a conversation stored by an older flow version restarts with a polite phrase', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    app.store.db.prepare('UPDATE conversations SET machine_version = 0').run();
    app.transport.clear();
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)).toEqual([
      phrases.render('reception.restarted'),
      phrases.render('reception.menu'),
    ]);
  });

  it('a turn that fails is apologised for, recorded, and not replayed forever', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    app.store.db.prepare(`UPDATE conversations SET snapshot = '{"value":"nowhere"}'`).run();
    await app.say(RESIDENT, '在吗');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('common.internal_error_followup', { ticket: 'H1' }, { due: '2026-11-26T11:00:00+08:00' }),
    );
    expect(app.store.commitments.all()).toEqual([expect.objectContaining({ kind: 'callback', status: 'open' })]);
    expect(await app.bot.recover()).toBe(0);
  });
});
