import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { p, phrases } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const T = (day: string, time: string) => `2026-11-${day}T${time}:00+08:00`;

/** A phrase with a visit window, as the bot says it (times are only ever said from a held promise). */
function renderWindow(
  key: string,
  params: Record<string, string>,
  day: string,
  start: string,
  end: string,
  now = '2026-11-26T09:00:00+08:00',
) {
  const window = { start: parseIso(T(day, start)), end: parseIso(T(day, end)) };
  return phrases.render(key, params, { values: { visit: window.end }, windows: { visit: window }, now: parseIso(now) });
}

describe('repair booking (家庭维修)', () => {
  it('happy path: everything in the first message, repeated back, booked on yes', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房水管漏了，明天下午能来吗');
    // A leak of unknown size with a wanted time: the safety line, and now or then?
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('emergency.advice.water'), p('emergency.ask_now_or_then')]);
    await app.say(RESIDENT, '不急，明天下午就行');
    // The wanted window is free: held and repeated back.
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '厨房水管漏了' }, '27', '14:00', '16:00'),
    );
    await app.say(RESIDENT, '对的');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.booked', { ticket: 'R1' }, '27', '14:00', '16:00'),
    );
    const [c] = app.store.commitments.all();
    expect(c).toMatchObject({
      kind: 'repair_visit',
      status: 'open',
      ownerId: 's002',
      windowStart: parseIso(T('27', '14:00')),
      dueAt: parseIso(T('27', '16:00')),
    });
    expect(app.store.tickets.byNumber('R1')).toMatchObject({ ownerId: 's002', status: 'new', unitId: '3-2-1201' });
    // The technician gets unit, problem, time and the resident's masked phone.
    expect(app.transport.to('wx_sunqiang')).toEqual([
      expect.stringMatching(/R1.*张伟（3-2-1201）.*\*{7}1201.*厨房水管漏了.*明天14:00–16:00/),
    ]);
    // And the conversation is back at reception: a bare thank-you is courtesy, answered there — not praise for anyone.
    await app.say(RESIDENT, '谢谢');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.you_are_welcome'));
    expect(app.store.events.ofTypes(['praise'])).toEqual([]);
  });

  it('a yes with a few words beside it at the read-back ("对 两个一起弄", "都对") books: the words are no new matter', async () => {
    // A wish about the visit beside the yes (call before coming) asks after nothing: still the yes.
    for (const yes of [
      '对 两个一起弄',
      '都对',
      '行 但是师傅来之前先给我打个电话',
      '对对对是的是的上午我都在家的',
      'yes thx',
    ]) {
      const app = createTestApp();
      await app.say(RESIDENT, '空调不制冷 还有阳台门关不上 明天下午两点来看看');
      expect(app.transport.to(RESIDENT).at(-1)).toMatch(/对吗/);
      await app.say(RESIDENT, yes);
      expect(
        app.store.tickets.openForParty(RESIDENT).map((t) => t.type),
        yes,
      ).toEqual(['repair']);
      expect(app.transport.to(RESIDENT).join('\n'), yes).not.toContain('待缴');
    }
  });

  it('"明天下午都行" leaves the hour to us, not the day; "今天我上班 明天下午不行吗" keeps tomorrow afternoon', async () => {
    const app = createTestApp({ now: '2026-11-26T10:05:00+08:00' });
    await app.say('wx_lina', '厨房水龙头关不紧一直滴水');
    await app.say('wx_lina', '明天下午都行');
    const tomorrowAfternoon = renderWindow(
      'repair.repeat_back',
      { what: '厨房水龙头关不紧一直滴水' },
      '27',
      '14:00',
      '16:00',
    );
    expect(app.transport.to('wx_lina').at(-1)).toBe(tomorrowAfternoon);
    await app.say('wx_lina', '今天我上班不在家 明天下午不行吗');
    expect(app.transport.to('wx_lina').at(-1)).toBe(tomorrowAfternoon);
  });

  it('asks only for what is missing, one thing at a time', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要报修');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_problem'));
    await app.say(RESIDENT, '卧室窗户关不上');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    await app.say(RESIDENT, '嗯……');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time_again'));
    // Left to us: the soonest windows are offered (each held).
    await app.say(RESIDENT, '随便 你们安排');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(
      /^最早可以安排的时间有：1 今天14:00–16:00；2 今天16:00–18:00；3 明天09:00–11:00/,
    );
    // A day without an hour: that day's free windows, by number.
    await app.say(RESIDENT, '大后天');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(
      /^那天可以安排的时间有：1 11月29日（周日）09:00–11:00；2 11月29日（周日）14:00–16:00/,
    );
    await app.say(RESIDENT, '下午');
    // 窗 is 门窗: 周杰's skill, and he works Sundays.
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '卧室窗户关不上' }, '29', '14:00', '16:00'),
    );
    await app.say(RESIDENT, '好的');
    // Only the booked window is still held: every other one offered was given back.
    expect(app.store.commitments.all().filter((c) => c.status === 'open')).toEqual([
      expect.objectContaining({ ownerId: 's003', windowStart: parseIso(T('29', '14:00')) }),
    ]);
  });

  it('"明天" answering "when?" is the day, never an approved answer about tomorrow\'s outages', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '阳台推拉门关不严 一直漏风');
    await app.say(RESIDENT, '明天');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^那天可以安排的时间有：1 明天09:00–11:00/);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('faq.header'));
  });

  it('"那就最早那个" takes the first free window and reads it back, holding no other', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卧室窗户关不上');
    await app.say(RESIDENT, '那就最早那个');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '卧室窗户关不上' }, '26', '14:00', '16:00'),
    );
    expect(app.store.commitments.all().filter((c) => c.status === 'open')).toHaveLength(1);
    await app.say(RESIDENT, '好');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('"晚一点那个" picks the later of the windows offered; "晚一点的" at the read-back offers that day\'s windows', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卧室窗户关不上');
    await app.say(RESIDENT, '大后天');
    await app.say(RESIDENT, '晚一点那个');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '卧室窗户关不上' }, '29', '16:00', '18:00'),
    );
    const other = createTestApp();
    await other.say(RESIDENT, '卧室窗户关不上 大后天下午');
    await other.say(RESIDENT, '晚一点的吧');
    expect(other.transport.to(RESIDENT).at(-1)).toMatch(/^那天可以安排的时间有：1 11月29日（周日）09:00–11:00/);
    expect(other.store.commitments.all().filter((c) => c.status === 'open')).toHaveLength(3);
  });

  it('an hour no technician comes at (明天晚上7点): that day\'s windows are offered, and "最晚那个 我们5点前能赶回来" takes the last', async () => {
    const app = createTestApp({ now: '2026-12-08T22:30:00+08:00' });
    await app.say(RESIDENT, '洗衣机排水管漏水 地上湿了一小片 明天晚上7点能来吗 白天我们都有课');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('明天09:00');
    await app.say(RESIDENT, 'ok 那最晚那个吧 我们5点前能赶回来');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('明天16:00–18:00');
  });

  it('the time left to us in the first message ("排风扇不转了。。。你们啥时候有空？？？"): the soonest windows are offered', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间排风扇不转了。。。你们啥时候有空？？？');
    expect(app.transport.to(RESIDENT).at(-1)).not.toBe(p('repair.ask_time'));
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/1 .*2 /s);
  });

  it('a repair told in pieces (我家厨房的 / 水管 / 在漏水 滴滴答答的) is kept whole for the technician', async () => {
    const app = createTestApp();
    for (const piece of ['我家厨房的', '水管', '在漏水 滴滴答答的']) await app.say(RESIDENT, piece);
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('repair.ask_time'), p('repair.ask_time')]);
    await app.say(RESIDENT, '明天上午');
    await app.say(RESIDENT, '对');
    expect(app.store.tickets.openForParty(RESIDENT)[0]?.summary).toBe('我家厨房的水管在漏水 滴滴答答的');
  });

  it('a full window: the nearest free ones are offered, each held, and the others given back', async () => {
    const app = createTestApp();
    await bookRepair(app, 'wx_lina', '厨房灯坏了，明天上午来修'); // 孙强 takes tomorrow 09:00
    await bookRepair(app, 'wx_wangfang', '客厅灯不亮，明天上午来修'); // 周杰 (also electrics) takes it too
    await app.say(RESIDENT, '插座没电了，明天上午来修');
    const w = (day: string, s: string, e: string) => ({ start: parseIso(T(day, s)), end: parseIso(T(day, e)) });
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      phrases.render(
        'repair.alternatives_3',
        {},
        {
          values: {},
          windows: { w1: w('27', '14:00', '16:00'), w2: w('27', '16:00', '18:00'), w3: w('28', '09:00', '11:00') },
          now: parseIso('2026-11-26T09:00:00+08:00'),
        },
      ),
    );
    const held = app.store.commitments.all().filter((c) => c.residentParty === RESIDENT);
    expect(held.map((c) => c.status)).toEqual(['open', 'open', 'open']);
    await app.say(RESIDENT, '2');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '插座没电了' }, '27', '16:00', '18:00'),
    );
    expect(
      app.store.commitments
        .all()
        .filter((c) => c.residentParty === RESIDENT)
        .map((c) => c.status),
    ).toEqual(['cancelled', 'open', 'cancelled']);
    await app.say(RESIDENT, '确认');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.booked', { ticket: 'R3' }, '27', '16:00', '18:00'),
    );
  });

  it('a paid repair tells the fee before the booking is confirmed', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '热水器不出热水，明天下午来修');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([
      p('repair.fee', { name: '家电维修上门费', fee: '30.00' }),
      renderWindow('repair.repeat_back', { what: '热水器不出热水' }, '27', '14:00', '16:00'),
    ]);
  });

  it('a correction during the repeat-back changes only the time, and repeats again', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
    await app.say(RESIDENT, '不对，改成后天下午');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '厨房灯坏了' }, '28', '14:00', '16:00'),
    );
    expect(app.store.commitments.all().map((c) => c.status)).toEqual(['cancelled', 'open']);
  });

  it('cancel at any step gives the held window back', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
    await app.say(RESIDENT, '不修了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.cancelled'));
    expect(app.store.commitments.all().map((c) => c.status)).toEqual(['cancelled']);
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('an emergency: its own safety advice, a ticket and the round-the-clock arrival at once; on-call staff paged', async () => {
    const app = createTestApp({ now: '2026-11-28T23:30:00+08:00' });
    await app.say(RESIDENT, '厨房水管爆了，到处是水');
    const reply = app.transport.to(RESIDENT).at(-1)!;
    const due = '2026-11-29T00:00:00+08:00'; // water: someone on site within 30 minutes, day or night
    expect(reply).toBe(
      [
        p('emergency.advice.water'),
        p('emergency.received', { ticket: 'R1' }, { due }, '2026-11-28T23:30:00+08:00'),
      ].join('\n'),
    );
    expect(reply).toContain('关闭家中的进水总阀');
    for (const paged of ['wx_sunqiang', 'wx_zhoujie', SERVICE_DESK, 'wx_wugang'])
      expect(app.transport.to(paged), paged).toHaveLength(1);
    expect(app.store.tickets.byNumber('R1')).toMatchObject({ category: 'emergency_water' });
    expect(app.store.commitments.all()[0]).toMatchObject({ kind: 'repair_visit', dueAt: parseIso(due) });
  });

  it('someone not yet verified is asked their home, and the repair is booked without a check: it shows them nothing', async () => {
    const app = createTestApp();
    await app.say('wx_liuyang', '卫生间灯坏了，明天下午来修');
    expect(app.transport.to('wx_liuyang').at(-1)).toBe(p('binding.ask_unit_repair'));
    await app.say('wx_liuyang', '5-3-803');
    // No number on file for the technician to ring: one is asked for with the read-back.
    expect(app.transport.to('wx_liuyang').at(-1)).toBe(
      `${renderWindow('repair.repeat_back', { what: '卫生间灯坏了' }, '27', '14:00', '16:00')}\n${p('repair.contact_please')}`,
    );
    await app.say('wx_liuyang', '对 13712345678');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('*******5678');
    const [ticket] = app.store.tickets.openForParty('wx_liuyang');
    expect(ticket).toMatchObject({ type: 'repair', unitId: '5-3-803', residentId: null });
    // The technician gets the home as it was given, marked unverified; nobody's registered name or phone.
    const notice = app.transport.to('wx_zhoujie').at(-1) ?? app.transport.to('wx_sunqiang').at(-1)!;
    expect(notice).toContain('5-3-803');
    expect(notice).not.toContain('刘洋');
    expect(app.store.community.residentsByWechat('wx_liuyang')).toEqual([]);
  });

  it('a time asked as an offer answers "when?", and the time read back said back is a yes', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间地漏反臭味 想约个师傅');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    await app.say(RESIDENT, '地漏的事 后天上午能来吗');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('09:00–11:00');
    await app.say(RESIDENT, '她说可以 就后天上午');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('another day said at the read-back keeps the hour already agreed', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '阳台晾衣架摇不下来了 明天下午2点来吧');
    await app.say(RESIDENT, '不是 是后天 明天我加班');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.repeat_back', { what: '阳台晾衣架摇不下来了' }, '28', '14:00', '16:00'),
    );
  });

  it('goes on where it stopped after a restart', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-repair-')), 'wuye.db');
    const first = createTestApp({ db: file });
    await first.say(RESIDENT, '我要报修');
    await first.say(RESIDENT, '卧室窗户关不上');
    first.store.close();
    const second = createTestApp({ db: file, now: '2026-11-26T09:10:00+08:00' });
    await second.say(RESIDENT, '大后天下午');
    expect(second.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow(
        'repair.repeat_back',
        { what: '卧室窗户关不上' },
        '29',
        '14:00',
        '16:00',
        '2026-11-26T09:10:00+08:00',
      ),
    );
    second.store.close();
  });

  it('reminds resident and technician the evening before and an hour before; a moved visit is not recalled', async () => {
    const app = createTestApp();
    await bookRepair(app, RESIDENT, '厨房灯坏了，明天下午来修'); // tomorrow 14:00–16:00, 孙强
    await app.advanceTo(parseIso(T('26', '18:59')));
    expect(app.transport.to(RESIDENT).at(-1)).not.toContain('温馨提醒');
    await app.advanceTo(parseIso(T('26', '19:00')));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.remind_resident_evening', { ticket: 'R1' }, '27', '14:00', '16:00', T('26', '19:00')),
    );
    expect(app.transport.to('wx_sunqiang').at(-1)).toBe(
      renderWindow(
        'repair.remind_technician',
        { ticket: 'R1', unit: '3-2-1201', summary: '厨房灯坏了' },
        '27',
        '14:00',
        '16:00',
        T('26', '19:00'),
      ),
    );
    // An hour before would fall in the lunch rest (12:00–14:00): it comes just before it instead.
    await app.advanceTo(parseIso(T('27', '11:58')));
    expect(app.transport.to(RESIDENT).at(-1)).not.toContain('维修师傅将于');
    await app.advanceTo(parseIso(T('27', '11:59')));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.remind_resident_hour', { ticket: 'R1' }, '27', '14:00', '16:00', T('27', '11:59')),
    );

    const other = createTestApp();
    await bookRepair(other);
    await other.say('wx_sunqiang', '#接单 R1');
    await other.say('wx_sunqiang', '#改约 R1 大后天下午3点');
    await other.say(RESIDENT, '可以');
    await other.advanceTo(parseIso(T('27', '12:00')));
    expect(other.transport.to(RESIDENT).filter((t) => t.includes('温馨提醒'))).toEqual([]); // the 27th visit was moved
    await other.advanceTo(parseIso(T('28', '19:00')));
    expect(other.transport.to(RESIDENT).at(-1)).toContain('温馨提醒');
  });

  it('at the rating, a complaint about a neighbour with a home and an hour in it is no score of 1: heard as a complaint', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say('wx_sunqiang', '#完成 R1');
    await app.say(RESIDENT, '修好了 但楼上这家我必须投诉 1号楼1单元602 每天早上7点就开电钻 已经快一个月了');
    expect(
      app.store.events.forRef('R1').filter((e) => e.type === 'rating' && (e.data as { unhappy?: boolean }).unhappy),
    ).toEqual([]);
    expect(app.store.tickets.byNumber('R1')?.status).not.toBe('reopened');
    await app.say(RESIDENT, '不用回电话');
    await app.say(RESIDENT, '对');
    expect(app.store.tickets.allOpen().map((t) => t.type)).toContain('complaint');
  });

  it('someone not yet verified books at the home they name; a phone given at the read-back is the one the technician rings', async () => {
    const app = createTestApp();
    await app.say('wx_new_c301', '1-1-301 卧室门把手掉了 门关不上 大后天上午来吧');
    await app.say('wx_new_c301', '姓吴 电话13500000301');
    expect(app.transport.to('wx_new_c301').at(-1)).not.toBe(p('repair.what_to_change'));
    await app.say('wx_new_c301', '恩恩 对de');
    expect(app.store.tickets.allOpen().map((t) => t.type)).toEqual(['repair']);
    const told = [...app.transport.to('wx_sunqiang'), ...app.transport.to('wx_zhoujie')].join('\n');
    expect(told).toContain('1-1-301');
    expect(told).toMatch(/\*+0301/);
  });

  it('a phone given while the windows are offered is kept too, and the choice asked again', async () => {
    const app = createTestApp();
    await app.say('wx_new_c302', '1-1-302 卧室门把手掉了 大后天');
    const offered = app.transport.to('wx_new_c302').at(-1);
    await app.say('wx_new_c302', '姓吴 电话13500000302');
    expect(app.transport.to('wx_new_c302').at(-1)).toBe(offered);
    await app.say('wx_new_c302', '1');
    await app.say('wx_new_c302', '对');
    const told = [...app.transport.to('wx_sunqiang'), ...app.transport.to('wx_zhoujie')].join('\n');
    expect(told).toMatch(/\*+0302/);
  });

  it('#完成 asks for confirmation and a rating; 4–5 is thanked and the ticket confirmed', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_sunqiang', '#出发 R1');
    await app.say('wx_sunqiang', '#完成 R1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.rate', { ticket: 'R1' }));
    await app.say(RESIDENT, '分数怎么打');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.rate_again', { ticket: 'R1' }));
    await app.say(RESIDENT, '5 5 4');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.thanks_rating'));
    expect(app.store.tickets.byNumber('R1')?.status).toBe('confirmed');
    expect(app.store.events.forRef('R1').find((e) => e.type === 'rating')?.data).toMatchObject({
      speed: 5,
      attitude: 5,
      quality: 4,
      unhappy: false,
      staff: 's002',
    });
  });

  it('a plain yes is taken as satisfied', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_sunqiang', '#完成 R1');
    await app.say(RESIDENT, '好的，修好了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.thanks_rating'));
    expect(app.store.tickets.byNumber('R1')?.status).toBe('confirmed');
  });

  it('a rating of 3 or less, or 没修好: apology, compensation, reopened for a supervisor with a callback', async () => {
    // "门又锁不上了 跟原来一样": the trouble back as it was is no repair done, whatever word it uses.
    for (const answer of ['5 4 2', '没修好，还在漏', '师傅走了以后门又锁不上了 跟原来一样']) {
      const app = createTestApp();
      await bookRepair(app);
      await app.say('wx_sunqiang', '#接单 R1');
      await app.say('wx_sunqiang', '#完成 R1');
      await app.say(RESIDENT, answer);
      // Complaint first response: one business hour from 09:00.
      expect(app.transport.to(RESIDENT).at(-1), answer).toBe(
        [
          p('repair.sorry'),
          p('repair.compensation'),
          p('repair.callback', {}, { due: '2026-11-26T10:00:00+08:00' }),
        ].join('\n'),
      );
      expect(app.store.tickets.byNumber('R1')).toMatchObject({ status: 'reopened', ownerId: 's004' });
      expect(app.store.commitments.all().find((c) => c.kind === 'callback')).toMatchObject({
        status: 'open',
        ownerId: 's004',
      });
      expect(app.transport.to('wx_wugang').at(-1)).toContain('维修不满意 R1');
    }
  });

  it('after booking the resident may ask progress, move the visit (read back, moved on their yes), or cancel it; the technician hears each', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1 tomorrow 09:00–11:00, 孙强
    await app.say(RESIDENT, '师傅到哪了');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('R1');
    await app.say(RESIDENT, '我想改个时间');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_new_time'));
    await app.say(RESIDENT, '大后天下午');
    // Read back first (复述): nothing has moved yet, the new window is only held.
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.confirm_move', { ticket: 'R1' }, '29', '14:00', '16:00'),
    );
    const ticket = app.store.tickets.byNumber('R1')!;
    expect(app.store.commitments.byTicket(ticket.id).map((c) => c.status)).toEqual(['open']);
    expect(app.store.tickets.byNumber('R1')?.ownerId).toBe('s002');
    await app.say(RESIDENT, '对');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      renderWindow('repair.rescheduled', { ticket: 'R1' }, '29', '14:00', '16:00'),
    );
    expect(app.store.commitments.byTicket(ticket.id).map((c) => c.status)).toEqual(['renegotiated', 'open']);
    // Sunday is 周杰's day: the ticket follows the window, and both technicians are told.
    expect(app.store.tickets.byNumber('R1')?.ownerId).toBe('s003');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('改约 R1');
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('改约 R1');

    await app.say(RESIDENT, '不修了，已经好了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.cancelled_booking', { ticket: 'R1' }));
    expect(app.store.tickets.byNumber('R1')?.status).toBe('cancelled');
    expect(app.store.commitments.byTicket(ticket.id).map((c) => c.status)).toEqual(['renegotiated', 'cancelled']);
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('取消上门 R1');
    await app.say(RESIDENT, '不用来了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.nothing_to_change'));
    // Done by someone at home: the booking is cancelled, not the conversation closed.
    await bookRepair(app);
    await app.say(RESIDENT, '明天那个取消吧 我老公已经弄好了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.cancelled_booking', { ticket: 'R2' }));
    // Called off with a reason that names gas: the booking, not a safety complaint.
    await bookRepair(app);
    await app.say(RESIDENT, '热水器那个不用来了 是燃气卡没钱了 充完就好了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.cancelled_booking', { ticket: 'R3' }));
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([]);
  });

  it('silence gives the held window back and says how to pick the booking up; a yes the next morning books the time it named', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房灯坏了，后天上午来修');
    await app.advanceTo(app.clock.now() + 3 * 3600_000);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.paused'));
    expect(app.store.commitments.all().map((c) => c.status)).toEqual(['cancelled']);
    await app.advanceTo(parseIso('2026-11-27T08:40:00+08:00'));
    await app.say(RESIDENT, '对');
    const [ticket] = app.store.tickets.openForParty(RESIDENT);
    expect(ticket).toMatchObject({ type: 'repair', summary: expect.stringContaining('厨房灯坏了') });
    const visit = app.store.commitments.byTicket(ticket!.id).find((c) => c.status === 'open');
    expect(new Date(visit!.windowStart!).toISOString()).toBe('2026-11-28T01:00:00.000Z');
  });

  it('coming back after the wanted time went by: said so, the time asked again, the problem remembered', async () => {
    const app = createTestApp({ now: '2026-11-26T20:30:00+08:00' });
    await app.say(RESIDENT, '厨房下水道堵了 明天上午来');
    await app.advanceTo(parseIso('2026-11-27T14:10:00+08:00'));
    await app.say(RESIDENT, '在吗 下水道那个还修不修了');
    const said = app.transport.to(RESIDENT);
    expect(said.slice(-2)).toEqual([p('repair.time_gone_by'), p('repair.ask_time')]);
    await app.say(RESIDENT, '明天上午');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('厨房下水道堵了');
  });

  it('a paused booking is let go after a day, and another matter meanwhile is heard as such', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房灯坏了，后天上午来修');
    await app.advanceTo(app.clock.now() + 3 * 3600_000);
    await app.say(RESIDENT, '物业费交了多少');
    expect(app.transport.to(RESIDENT).join('\n')).toContain('806.40');
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([]);
  });
});

describe('repair booking survives a restart at every step', () => {
  /** One resident's whole booking, from the first message to the rating, with the staff's part. */
  const SCRIPT: Array<[string, string]> = [
    [RESIDENT, '我要报修'],
    [RESIDENT, '卧室窗户关不上'],
    [RESIDENT, '大后天'],
    [RESIDENT, '下午'],
    [RESIDENT, '不对，改成大后天上午'],
    [RESIDENT, '对'],
    ['wx_zhoujie', '#接单 R1'],
    ['wx_zhoujie', '#出发 R1'],
    ['wx_zhoujie', '#完成 R1'],
    [RESIDENT, '5 5 5'],
  ];

  async function run(splitAt: number | undefined): Promise<string[]> {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-restart-')), 'wuye.db');
    let app = createTestApp({ db: file });
    const out: string[] = [];
    for (const [i, [who, said]] of SCRIPT.entries()) {
      if (i === splitAt) {
        out.push(...app.transport.sent.map((m) => `${m.to}: ${m.text}`));
        app.store.close();
        app = createTestApp({ db: file }); // a new process on the same database, same clock
      }
      await app.say(who, said, { id: `m${i}` });
    }
    out.push(...app.transport.sent.map((m) => `${m.to}: ${m.text}`));
    app.store.close();
    return out;
  }

  it('gives the same conversation wherever the process stops', async () => {
    const reference = await run(undefined);
    expect(reference.at(-1)).toBe(`${RESIDENT}: ${p('repair.thanks_rating')}`);
    for (let split = 1; split < SCRIPT.length; split++)
      expect(await run(split), `restart before step ${split}`).toEqual(reference);
  });
});

describe('a booking read the way residents answer', () => {
  it('a question at the repeat-back is answered and the booking asked again, never booked on it', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卧室灯坏了，明天上午来修');
    await app.say(RESIDENT, '你们能保证今天修好吗');
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([]);
    expect(app.transport.to(RESIDENT).slice(-2)[0]).toBe(p('repair.question_answer'));
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^您预约的是/);
    await app.say(RESIDENT, '多少钱啊');
    expect(app.transport.to(RESIDENT).slice(-2)[0]).toBe(p('repair.fee_none'));
    await app.say(RESIDENT, '嗯对');
    expect(app.store.tickets.openForParty(RESIDENT)).toHaveLength(1);
  });

  it('a fault in the common parts needs nobody at home: a ticket with its promise, no time asked', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '3栋2单元楼道灯不亮了');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^谢谢您的提醒！已为您登记公共设施报修单R1/);
    expect(app.store.commitments.all()).toEqual([
      expect.objectContaining({ kind: 'repair_visit', status: 'open', windowStart: null }),
    ]);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('R1');
  });

  it("the desk is told where in the common parts, in the resident's words; more said of it joins that ticket", async () => {
    const app = createTestApp({ now: '2026-12-10T19:00:00+08:00' });
    await app.say('wx_lina', '我们这层楼道灯坏了 3栋2单元12楼 好几天了 晚上黑乎乎的');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('3栋2单元12楼');
    await app.say('wx_lina', '对 就是电梯口那一盏');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.number)).toEqual(['R1']);
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.passed_on', { ticket: 'R1' }));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('电梯口那一盏');
  });

  it("someone with two homes is asked which one, and the ticket is that home's", async () => {
    const app = createTestApp();
    await app.say('wx_chenjing', '厕所堵了 冲不下去');
    expect(app.transport.to('wx_chenjing').at(-1)).toBe(p('repair.ask_unit', { units: '2-1-1101 / 2-1-1102' }));
    await app.say('wx_chenjing', '1102那套');
    await app.say('wx_chenjing', '明天上午');
    await app.say('wx_chenjing', '对');
    expect(app.store.tickets.openForParty('wx_chenjing')[0]).toMatchObject({ type: 'repair', unitId: '2-1-1102' });
  });

  it('"上午吧" before any day: the day is asked; the place corrected at the repeat-back is taken', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房水龙头坏了');
    await app.say(RESIDENT, '上午吧');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_day'));
    await app.say(RESIDENT, '后天');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^您预约的是 11月28日（周六）09:00–11:00，厨房/);
    await app.say(RESIDENT, '说错了 不是厨房 是卫生间');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^您预约的是 11月28日（周六）09:00–11:00，卫生间/);
  });
});
