import { describe, expect, it } from 'vitest';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { p, phrases } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const TECHNICIAN = 'wx_sunqiang';
const iso = (s: string) => `2026-12-0${s}:00+08:00`;
/** A phrase with `{name:moment}` placeholders, said at `now`. */
const withMoments = (key: string, params: Record<string, string>, moments: Record<string, string>, now: string) =>
  phrases.render(key, params, {
    values: {},
    moments: Object.fromEntries(Object.entries(moments).map(([k, v]) => [k, parseIso(v)])),
    now: parseIso(now),
  });

describe('staff writing during the quiet hours', () => {
  it('a note at 22:30 reaches the resident at 08:30 with when it was written, and staff hear when it will go', async () => {
    const app = createTestApp({ now: iso('1T10:00') });
    await bookRepair(app, RESIDENT, '厨房水龙头坏了 后天下午来修');
    await app.advanceTo(parseIso(iso('2T22:30')));
    const before = app.transport.to(RESIDENT).length;
    await app.say(TECHNICIAN, '#进度 R1 配件到了 明天下午过去');
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      withMoments('staff.reply.progress_held', { ticket: 'R1' }, { send: iso('3T08:30') }, iso('2T22:30')),
    );
    expect(app.transport.to(RESIDENT)).toHaveLength(before);
    await app.advanceTo(parseIso(iso('3T09:00')));
    const morning = app.transport.sent.filter((m) => m.to === RESIDENT).at(-1)!;
    expect(formatIso(morning.at)).toBe(iso('3T08:30'));
    // Read at 08:30, the note's 明天 is plainly the writer's: it says it was written last night.
    expect(morning.text).toBe(
      withMoments(
        'relay.progress_held',
        { ticket: 'R1', text: '配件到了 明天下午过去' },
        { written: iso('2T22:30') },
        iso('3T08:30'),
      ),
    );
    expect(morning.text).toContain('昨天22:30');
  });

  it('a new time proposed at night is asked in the morning, its day said from then', async () => {
    const app = createTestApp({ now: iso('1T10:00') });
    await bookRepair(app, RESIDENT, '厨房水龙头坏了 后天下午来修');
    await app.advanceTo(parseIso(iso('2T22:30')));
    const before = app.transport.to(RESIDENT).length;
    await app.say(TECHNICIAN, '#改约 R1 12月3日下午4点');
    expect(app.transport.to(TECHNICIAN).at(-1)).toMatch(/免打扰时段，将于明天08:30征求住户意见/);
    expect(app.transport.to(RESIDENT)).toHaveLength(before);
    await app.advanceTo(parseIso(iso('3T08:40')));
    const asked = app.transport.sent.filter((m) => m.to === RESIDENT).at(-1)!;
    expect(formatIso(asked.at)).toBe(iso('3T08:30'));
    expect(asked.text).toContain('今天16:00–18:00');
    await app.say(RESIDENT, '可以');
    const visit = app.store.commitments.all().find((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(formatIso(visit!.windowStart!)).toBe(iso('3T16:00'));
  });

  it('an answer to a resident who is in the chat just now goes at once, even at night', async () => {
    const app = createTestApp({ now: iso('8T22:40') });
    await app.say('wx_wangfang', '小区游泳池明年夏天还开吗');
    await app.say(SERVICE_DESK, '#答复 H1 泳池明年6月开放');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.answered', { ticket: 'H1' }));
    const answer = app.transport.sent.filter((m) => m.to === 'wx_wangfang').at(-1)!;
    expect(answer.text).toContain('泳池明年6月开放');
    expect(formatIso(answer.at)).toBe(iso('8T22:40'));
  });
});

describe('after midnight a day is said by its date', () => {
  it('a booking at 00:30 for 明天上午 is read back with its date, not as 明天', async () => {
    const app = createTestApp({ now: iso('2T00:30') });
    await app.say(RESIDENT, '厨房水龙头坏了 明天上午9点来修');
    const readBack = app.transport.to(RESIDENT).at(-1)!;
    expect(readBack).not.toContain('明天');
    expect(readBack).toMatch(/12月\d日（周.）09:00–11:00/);
  });
});

describe('an emergency nobody has answered', () => {
  const GAS = '厨房煤气味好大 3栋2单元1201';
  it('is paged again to the desk and the on-call technicians when its first response falls due, not only up the ladder', async () => {
    const app = createTestApp({ now: iso('2T01:30') });
    await app.say(RESIDENT, GAS);
    const paged = new Set(app.transport.sent.filter((m) => m.to !== RESIDENT).map((m) => m.to));
    expect(paged).toContain(SERVICE_DESK);
    const before = app.transport.sent.length;
    await app.advanceTo(parseIso(iso('2T01:46')));
    const told = new Set(app.transport.sent.slice(before).map((m) => m.to));
    expect(told).toContain(SERVICE_DESK);
    expect(told).toContain(TECHNICIAN);
    expect(told).toContain('wx_wugang');
  });

  it('word from whoever handles it (#进度) is its first response: no apology for a missed arrival', async () => {
    const app = createTestApp({ now: iso('2T22:40') });
    await app.say(RESIDENT, '楼上漏水 天花板哗哗往下流 3栋2单元1201');
    await app.say(TECHNICIAN, '#进度 R1 已到楼上 关了1301总阀');
    await app.advanceTo(parseIso(iso('3T00:30')));
    expect(app.store.commitments.all().filter((c) => c.status === 'broken')).toEqual([]);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain('未能按约定时间');
  });
});

describe('a ticket finished at night', () => {
  it('asks the resident to confirm in the morning, after the note written with it', async () => {
    const app = createTestApp({ now: iso('1T10:00') });
    await bookRepair(app, RESIDENT, '厨房水龙头坏了 明天上午来修');
    await app.advanceTo(parseIso(iso('2T22:35')));
    await app.say(TECHNICIAN, '#进度 R1 零件到了');
    await app.say(TECHNICIAN, '#完成 R1');
    await app.advanceTo(parseIso(iso('3T09:00')));
    const morning = app.transport.sent.filter((m) => m.to === RESIDENT && m.at > parseIso(iso('2T22:00')));
    expect(morning.map((m) => formatIso(m.at) >= iso('3T08:30'))).not.toContain(false);
    expect(morning[0]!.text).toContain('零件到了');
    expect(morning.length).toBeGreaterThanOrEqual(2);
  });
});

describe('held for the end of the quiet hours, overtaken meanwhile', () => {
  it('an apology and "已受理" held over lunch are not sent for a matter finished before 14:00', async () => {
    const app = createTestApp({ now: iso('1T11:50') });
    await app.say(RESIDENT, '转人工');
    const ticket = app.store.tickets.openForParty(RESIDENT)[0]!;
    const promised = app.store.commitments.all().find((c) => c.ticketId === ticket.id)!;
    expect(promised.dueAt).toBeLessThan(parseIso(iso('1T12:10')));
    // Broken in the quiet hours (its apology held till they end), then taken up and finished before 14:00.
    await app.advanceTo(Math.max(promised.dueAt + 60_000, parseIso(iso('1T12:10'))));
    expect(app.store.commitments.byId(promised.id)?.status).toBe('broken');
    await app.say(SERVICE_DESK, `#接单 ${ticket.number}`);
    await app.say(SERVICE_DESK, `#完成 ${ticket.number}`);
    const before = app.transport.to(RESIDENT).length;
    await app.advanceTo(parseIso(iso('1T14:30')));
    const afterLunch = app.transport.to(RESIDENT).slice(before).join('\n');
    expect(afterLunch).not.toContain('非常抱歉');
    expect(afterLunch).not.toContain('已由工作人员');
  });
});
