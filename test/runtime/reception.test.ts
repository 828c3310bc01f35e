import { describe, expect, it } from 'vitest';
import { p } from '../fakes/phrases.js';
import { parseIso } from '../../src/domain/time.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

// Opened at 09:00 on a Thursday: a two-business-hour first response falls due at 11:00 today.
// A person takes over within fifteen business minutes (转人工).
const IN_FIFTEEN_MINUTES = '2026-11-26T09:15:00+08:00';
const IN_FOUR_HOURS = '2026-11-26T13:00:00+08:00';

describe('reception: greeting, menu, farewell, fallback', () => {
  it('opens a new conversation with the standard greeting, then shows the menu', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)).toEqual(['您好，有什么可以帮到您吗？', p('reception.menu')]);
    expect(p('reception.menu')).toMatch(/报修[\s\S]*投诉[\s\S]*缴费查询[\s\S]*办卡[\s\S]*咨询/);
  });

  it('greets only once per conversation', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '在吗');
    const greetings = app.transport.to(RESIDENT).filter((t) => t === p('reception.greeting'));
    expect(greetings).toHaveLength(1);
  });

  it('closes with the farewell, and a later message is a new conversation greeted again', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '没事了，再见');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.farewell'));
    expect(p('reception.farewell')).toContain('再见');
    expect(p('reception.farewell')).toContain('欢迎您再来');
    app.transport.clear();
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)[0]).toBe(p('reception.greeting'));
  });

  it('after hours of silence says goodbye once, and greets again on the next message', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    app.transport.clear();
    await app.advanceTo(app.clock.now() + 90 * 60_000);
    expect(app.transport.sent).toEqual([]);
    await app.advanceTo(app.clock.now() + 60 * 60_000);
    expect(app.transport.to(RESIDENT)).toEqual([p('reception.farewell_idle')]);
    await app.advanceTo(app.clock.now() + 24 * 3600_000);
    expect(app.transport.to(RESIDENT)).toHaveLength(1);
    await app.say(RESIDENT, '请问');
    expect(app.transport.to(RESIDENT)[1]).toBe(p('reception.greeting'));
  });

  it('does not send a farewell hours late when the bot was down past the idle time', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    app.transport.clear();
    app.clock.advanceBy(26 * 3600_000); // the process was down; the timer is found overdue at start
    await app.tick();
    expect(app.transport.sent).toEqual([]);
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)[0]).toBe(p('reception.greeting'));
  });

  it('a menu number or a topic word opens a ticket with a promised contact time, told to the resident and the desk', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '1'); // repair: the booking flow asks what is broken
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_problem'));
    await app.say(RESIDENT, '不修了');
    await app.say(RESIDENT, '转人工');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('reception.handoff', { ticket: 'H1' }, { due: IN_FIFTEEN_MINUTES }),
    );
    expect(app.transport.to(RESIDENT).at(-1)).toContain('今天09:15');
    expect(app.transport.to(SERVICE_DESK)).toEqual([expect.stringMatching(/转人工 H1.*张伟.*3-2-1201.*今天09:15/)]);
    const ledger = app.store.commitments.all().map((c) => [c.kind, c.party, c.status]);
    expect(ledger).toEqual([['callback', 'office', 'open']]);
    expect(app.store.tickets.allOpen().map((t) => t.number)).toEqual(['H1']);
  });

  it('a bare 对 or 好的 after something is done is acknowledged, not met with "I did not understand"', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '好的');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.acknowledged'));
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });

  it('asked about progress, lists the resident’s open tickets with their promised times', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '请问小区里可以放烟花吗'); // not in the knowledge base: H1, an answer within four business hours
    await app.say(RESIDENT, '进度怎么样了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p(
        'reception.progress.ticket_due',
        { ticket: 'H1', about: '请问小区里可以放烟花吗', status: 'new' },
        { due: IN_FOUR_HOURS },
      ),
    );
    await app.say(RESIDENT, '我要报修 厨房灯坏了 明天上午来');
    await app.say(RESIDENT, '对');
    await app.say(RESIDENT, '进度怎么样了');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(new RegExp(`^${p('reception.progress.header')}\n.*H1.*\n.*R1`));
    expect(app.store.tickets.allOpen()).toHaveLength(2); // no extra ticket for the question
    // Nothing open: said so, with how to report, and no ticket opened for it.
    await app.say('wx_lina', '进度怎么样了');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.aside.no_tickets'));
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
  });

  it('an emergency stays the conversation: a stranger is never asked who they are, chases reach the handler, done asks for a confirmation', async () => {
    const now = '2026-11-28T23:30:00+08:00';
    const app = createTestApp({ now });
    await app.say('wx_passerby', '电梯关人了！！5栋 我在里面出不去');
    expect(app.transport.to('wx_passerby').at(-1)).toBe(
      [
        p('emergency.advice.trapped'),
        p('emergency.received_trapped', { ticket: 'R1' }, { due: '2026-11-28T23:45:00+08:00' }, now),
      ].join('\n'),
    );
    // Entrapment pages the manager too.
    for (const paged of ['wx_sunqiang', 'wx_zhoujie', SERVICE_DESK, 'wx_wugang', 'wx_zhengjl'])
      expect(app.transport.to(paged), paged).toHaveLength(1);
    await app.advanceTo(parseIso(now) + 5 * 60_000);
    await app.say('wx_passerby', '人呢 快点啊');
    const at = parseIso(now) + 5 * 60_000;
    // Nobody has answered the page yet: they are paged again, not said to be on their way; what to do meanwhile
    // is said again to someone still waiting.
    const answer = app.transport.to('wx_passerby').at(-1)!;
    expect(answer).toContain(
      p('emergency.paged_again', { ticket: 'R1' }, { due: '2026-11-28T23:45:00+08:00' }, new Date(at).toISOString()),
    );
    expect(answer.startsWith(p('emergency.advice.trapped'))).toBe(true);
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('人呢 快点啊');
    // A photo is passed on, never refused.
    await app.bot.handleInbound({ id: 'photo1', from: 'wx_passerby', kind: 'image', at, attachment: 'x.jpg' });
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('[image]');
    // The technician reports it done (no separate claim needed): the resident is asked to confirm.
    await app.say('wx_zhoujie', '#完成 R1');
    expect(app.transport.to('wx_passerby').at(-1)).toBe(p('repair.rate_emergency', { ticket: 'R1' }));
    expect(app.store.tickets.byNumber('R1')).toMatchObject({
      status: 'done',
      ownerId: 's003',
      category: 'emergency_trapped',
    });
  });

  it('sends staff notifications to the staff room when one is configured', async () => {
    const app = createTestApp({ staffRoom: 'room_staff' });
    await app.say(RESIDENT, '转人工');
    expect(app.transport.to(RESIDENT)).toEqual([
      p('reception.greeting'),
      p('reception.handoff', { ticket: 'H1' }, { due: IN_FIFTEEN_MINUTES }),
    ]);
    expect(app.transport.to('room_staff')).toHaveLength(1);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });

  it('an unknown wechat user is served the same way and named by id to staff', async () => {
    const app = createTestApp();
    await app.say('wx_stranger', '人工');
    expect(app.transport.to('wx_stranger')).toEqual([
      p('reception.greeting'),
      p('reception.handoff', { ticket: 'H1' }, { due: IN_FIFTEEN_MINUTES }),
    ]);
    expect(app.transport.to(SERVICE_DESK)[0]).toContain('wx_stranger');
  });

  it('says it did not understand, offers the options and a person; the second miss brings a person', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '阿巴阿巴');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.fallback'));
    expect(p('reception.fallback')).toContain('人工');
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
    // (嗯嗯嗯 would be courtesy, no misunderstanding.)
    await app.say(RESIDENT, 'asdfgh');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('reception.fallback_handoff', { ticket: 'H1' }, { due: IN_FIFTEEN_MINUTES }),
    );
    expect(app.transport.to(SERVICE_DESK)).toEqual([expect.stringContaining('asdfgh')]);
  });

  it('asks which of two topics is meant when unsure, instead of guessing', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '电梯'); // a repair, or something else about the lift? The understanding is not sure.
    const others = ['complaint', 'card', 'inquiry'];
    expect(
      others.flatMap((other) => [
        p('reception.clarify', { first: 'repair', second: other }),
        p('reception.clarify', { first: other, second: 'repair' }),
      ]),
    ).toContain(app.transport.to(RESIDENT).at(-1));
    expect(p('reception.clarify', { first: 'repair', second: 'card' })).toMatch(/报修.*还是.*门禁卡/);
    expect(app.store.tickets.allOpen()).toEqual([]);
    await app.say(RESIDENT, '卧室灯坏了，要报修');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
  });

  it('thanks praise modestly and stays in the conversation', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '你们服务好，点赞');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.thanks'));
  });
});

describe('reception: bad input', () => {
  it('answers blank, emoji-only and punctuation-only text politely', async () => {
    const app = createTestApp();
    for (const text of ['', '   ', '😀😀👍', '？？？', '\u200b']) {
      app.transport.clear();
      await app.say(RESIDENT, text);
      expect(app.transport.to(RESIDENT).at(-1), JSON.stringify(text)).toBe(p('input.no_words'));
    }
  });

  it('answers a non-text message with what the bot can take', async () => {
    const app = createTestApp();
    for (const kind of ['image', 'voice', 'file'] as const) {
      await app.bot.handleInbound({ id: `m-${kind}`, from: RESIDENT, kind, at: app.clock.now() });
      expect(app.transport.to(RESIDENT).at(-1)).toBe(p('input.non_text'));
    }
  });

  it('answers a very long text politely and stores it whole', async () => {
    const app = createTestApp();
    const text = '楼'.repeat(5000);
    await app.say(RESIDENT, text, { id: 'long-1' });
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('input.too_long', { limit: 2000 }));
    const stored = app.store.messages.transcript(RESIDENT).find((m) => m.direction === 'in');
    expect(stored?.text).toBe(text);
  });

  it('refuses a staff command from a resident politely and changes nothing', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '#接单 R1024');
    expect(app.transport.to(RESIDENT)).toEqual([p('reception.staff_command_refused')]);
    expect(app.store.conversations.get(RESIDENT)).toBeUndefined();
  });
});

describe('inbound pipeline', () => {
  it('drops the bot’s own messages', async () => {
    const app = createTestApp();
    await app.say('wuye-bot', '你好');
    expect(app.transport.sent).toEqual([]);
  });

  it('processes a redelivered message id once', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好', { id: 'dup-1' });
    await app.say(RESIDENT, '你好', { id: 'dup-1' });
    expect(app.transport.to(RESIDENT)).toHaveLength(2);
  });

  it('answers a burst from one resident in order', async () => {
    const app = createTestApp();
    await Promise.all([app.say(RESIDENT, '你好'), app.say(RESIDENT, '谢谢，辛苦了'), app.say(RESIDENT, '再见')]);
    expect(app.transport.to(RESIDENT)).toEqual([
      p('reception.greeting'),
      p('reception.menu'),
      p('reception.thanks'),
      p('reception.farewell'),
    ]);
  });

  it('in a building group answers only when mentioned, and then in a private chat, never in the group', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '大家好', { room: 'room_b3' });
    expect(app.transport.sent).toEqual([]);
    await app.say(RESIDENT, '我家欠多少物业费', { room: 'room_b3', mentions: ['wuye-bot'] });
    expect(app.transport.to('room_b3')).toEqual([p('room.moved_to_private')]);
    expect(app.transport.to(RESIDENT)[0]).toBe(p('reception.greeting'));
    expect(app.transport.to(RESIDENT)[1]).toContain('3-2-1201'); // the statement, privately
    // The private conversation goes on from there.
    await app.say(RESIDENT, '谢谢');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.you_are_welcome'));
  });

  it('answers staff with the command help, and hints at commands for plain text', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, '#帮助');
    expect(app.transport.to(SERVICE_DESK)[0]).toContain('#帮助');
    await app.say(SERVICE_DESK, '#乱来 1');
    expect(app.transport.to(SERVICE_DESK)[1]).toBe(p('staff.unknown_command', { command: '乱来' }));
    await app.say(SERVICE_DESK, '早');
    expect(app.transport.to(SERVICE_DESK)[2]).toBe(p('staff.hint', { name: '赵敏' }));
  });

  it('every topic and intent renders without a missing phrase', async () => {
    const app = createTestApp();
    const texts = [
      '你好',
      '厨房灯坏了',
      '投诉噪音',
      '物业费欠多少',
      '补办门禁卡',
      '进度怎么样了',
      '请问几点上班',
      '谢谢',
      '人工',
      '阿巴',
      '取消',
    ];
    for (const text of texts) await app.say(RESIDENT, text);
    const failures = app.store.db.prepare(`SELECT count(*) AS n FROM events WHERE type = 'turn_failed'`).get() as {
      n: number;
    };
    expect(failures.n).toBe(0);
    expect(app.transport.to(RESIDENT).length).toBeGreaterThanOrEqual(texts.length);
  });
});
