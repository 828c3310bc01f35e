import { describe, expect, it } from 'vitest';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { phrases } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

/** Anything that reads as a clock time or a date in what the bot says. */
const NAMES_A_TIME = /\d{1,2}:\d{2}|\d+月\d+日/;

describe('the bot names a time only together with the commitment for it', () => {
  it('every sent sentence that names a time carries the commitments it names, and says their due times', async () => {
    const app = createTestApp();
    const at = (t: string) => parseIso(`2026-11-26T${t}:00+08:00`);
    await app.say(RESIDENT, '厨房灯坏了，明天来修'); // asks for the hour
    await app.say(RESIDENT, '上午');
    await app.say(RESIDENT, '对');
    await app.say('wx_lina', '楼上太吵了我要投诉');
    await app.say('wx_wangfang', '转人工');
    await app.say('wx_chenjing', '卫生间水龙头坏了，今天下午来修'); // held, then given up
    await app.say('wx_chenjing', '不修了');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_sunqiang', '#改约 R1 后天上午10点');
    await app.say(RESIDENT, '好的');
    await app.say(SERVICE_DESK, '#待办');
    await app.advanceTo(at('18:00'));
    await app.say('wx_wugang', '#逾期');
    await app.say(RESIDENT, '进度怎么样了');

    const rows = app.store.db
      .prepare('SELECT text, commitment_ids, created_at FROM outbox ORDER BY id')
      .all() as Array<{
      text: string;
      commitment_ids: string | null;
      created_at: number;
    }>;
    const withTimes = rows.filter((r) => NAMES_A_TIME.test(r.text));
    expect(withTimes.length).toBeGreaterThan(10);
    for (const row of rows) {
      if (!NAMES_A_TIME.test(row.text)) continue;
      expect(row.commitment_ids, row.text).not.toBeNull();
      const ids = JSON.parse(row.commitment_ids!) as number[];
      for (const id of ids) {
        const c = app.store.commitments.byId(id);
        expect(c, `commitment ${id}`).toBeDefined();
        // A promise is said by its due time, or, for a visit, as its window.
        const due = phrases.formatTime(c!.dueAt, row.created_at);
        const window =
          c!.windowStart === null
            ? due
            : phrases.render('common.time.window', {
                start: phrases.formatTime(c!.windowStart, row.created_at),
                end: formatIso(c!.dueAt).slice(11, 16),
              });
        expect(row.text.includes(due) || row.text.includes(window), `${row.text} names ${due} or ${window}`).toBe(true);
      }
    }
  });

  it('refuses to say the time of a commitment that does not exist, and then says nothing at all', async () => {
    const app = createTestApp();
    expect(() =>
      app.store.transaction(() => {
        app.store.outbox.enqueue(RESIDENT, 'placeholder', RESIDENT, app.clock.now());
        // The outbound writer is the only way to a time: a made-up id cannot be said.
        app.outbound.say(
          RESIDENT,
          RESIDENT,
          { key: 'reception.received.card', params: { ticket: 'K9' }, times: { due: 999 } },
          app.clock.now(),
        );
      }),
    ).toThrow(/commitment 999, which does not exist/);
    expect(app.store.outbox.pendingCount()).toBe(0); // the whole transaction, and its other message, rolled back
  });

  it('a time cannot be slipped in as a plain parameter', () => {
    expect(() => phrases.render('reschedule.proposal', { ticket: 'R1', time: '明天10:00' })).toThrow(
      /needs a commitment/,
    );
  });
});
