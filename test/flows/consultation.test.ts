import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dataPath } from '../../src/domain/data-path.js';
import { FaqIndex } from '../../src/faq/faq-index.js';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, type TestApp } from '../fakes/test-app.js';

const faq = parse(readFileSync(dataPath('faq.zh-CN.yaml'), 'utf8')) as {
  entries: Array<{ id: string; questions: string[]; answer?: string }>;
};
const approved = (id: string) =>
  [p('faq.header'), p('faq.answer', { text: faq.entries.find((e) => e.id === id)!.answer! })].join('\n');

async function ask(app: TestApp, who: string, text: string): Promise<string> {
  await app.say(who, text);
  return app.transport.to(who).at(-1)!;
}

describe('consultations (咨询): one approved answer for one question', () => {
  it('"周日呢" right after an approved answer asks it of another case: the same approved answer, no ticket', async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_guest', '物业几点上班')).toBe(approved('office_hours'));
    expect(await ask(app, 'wx_guest', '周日呢')).toBe(approved('office_hours'));
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('the day named in a question is no part of it: "明天早上几点上班啊" has the approved answer, mid-complaint too', async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_guest', '明天早上几点上班啊')).toBe(approved('office_hours'));
    await app.say(RESIDENT, '我车位又被人占了 第四回了');
    await app.say(RESIDENT, '下周一早上几点上班');
    expect(app.transport.to(RESIDENT).join('\n')).toContain(approved('office_hours'));
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('"你们礼拜天上不上班", asked beside a second question forgotten as it is said: the approved answer, no ticket', async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_guest', '你们礼拜天上不上班')).toBe(approved('office_hours'));
    expect(await ask(app, 'wx_wangfang', '我要问两个事 一个是你们礼拜天上不上班 还有一个 哎呀想不起来了')).toBe(
      approved('office_hours'),
    );
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('"请问物业费多少钱一平" from a resident who owes is the fee standard, not their own bill', async () => {
    const app = createTestApp();
    const said = await ask(app, RESIDENT, '请问物业费多少钱一平');
    expect(said).not.toContain('841.60');
    expect(said).not.toContain(p('arrears.header', { unit: '3-2-1201' }));
  });

  it('ten different wordings of the same question get the identical approved answer', async () => {
    const wordings = [
      '物业几点上班',
      '管理处的办公时间是？',
      '办公室几点关门',
      '物业上午几点上班啊',
      '你们工作时间是什么',
      '物业啥时候有人',
      '物业周日开门吗',
      '对了，物业办公室几点下班？',
      '请问服务中心几点开门',
      '中午物业有人吗',
    ];
    for (const w of wordings) expect(faq.entries.flatMap((e) => e.questions)).not.toContain(w); // not learned by heart
    const app = createTestApp();
    const answers = [];
    for (const [i, w] of wordings.entries()) answers.push(await ask(app, `wx_asker${i}`, w));
    expect(new Set(answers)).toEqual(new Set([approved('office_hours')]));
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('each entry of the knowledge base answers the questions it lists, and only its own answer', () => {
    const index = FaqIndex.load();
    for (const entry of faq.entries) for (const q of entry.questions) expect(index.match(q)?.id, q).toBe(entry.id);
  });

  it('the fee standard is answered from data/fees.yaml, the one source for money', async () => {
    const app = createTestApp();
    expect(await ask(app, RESIDENT, '物业费的收费标准是怎样的？')).toBe(
      [
        p('faq.fee_header'),
        ...['多层住宅 1.50', '高层住宅 2.20', '别墅 3.00', '商铺 3.50'].map((s) =>
          p('faq.fee_line', { type: s.split(' ')[0]!, fee: s.split(' ')[1]!, unit: '元/平方米·月' }),
        ),
      ].join('\n'),
    );
  });

  it('a reply ("可以", "好的", "不用了") is never answered as if it were a known question', async () => {
    const app = createTestApp();
    for (const reply of ['可以', '好的', '可以的', '不用了']) {
      const said = await ask(app, `wx_reply_${reply}`, reply);
      expect(said).not.toContain(p('faq.header'));
    }
    // A real question that starts like a reply still is one.
    expect(await ask(app, 'wx_asker', '可以在阳台装防盗网吗')).not.toBe(p('reception.fallback'));
  });

  it('parking for visitors is not a parking card: the approved answer, not the card fees', async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_guest', '我想问下访客停车收费吗')).toBe(approved('visitor_parking'));
    expect(app.transport.to('wx_guest').join('\n')).not.toContain(p('fees.header'));
  });

  it('a policy question about fees is answered as a question, from data/fees.yaml, never with the bill', async () => {
    const app = createTestApp();
    const policy = [p('faq.header'), p('faq.late_fee_none')].join('\n');
    // A bound resident with arrears: the policy, not their statement; nobody asked to verify.
    expect(await ask(app, RESIDENT, '滞纳金收不收')).toBe(policy);
    expect(await ask(app, 'wx_passerby', '物业费拖着不交会有滞纳金吗')).toBe(policy);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('arrears.header', { unit: '3-2-1201' }));
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it("a question about what the office has not decided is passed on, not answered with today's standard", async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_lina', '明年物业费会不会涨啊')).toBe(
      p('reception.received.inquiry', { ticket: 'H1' }, { due: '2026-11-26T13:00:00+08:00' }),
    );
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'inquiry_reply', status: 'open' }]);
  });

  it('a question about the community in chasing words ("到底要建啥"), with nothing of theirs open, is passed on as a question', async () => {
    const app = createTestApp();
    expect(await ask(app, 'wx_lina', '西门那块空地围起来好久了 到底要建啥')).toBe(
      p('reception.received.inquiry', { ticket: 'H1' }, { due: '2026-11-26T13:00:00+08:00' }),
    );
    // Their own matter in the same words is still a chase: nothing open is said so.
    expect(await ask(app, RESIDENT, '我报的修到底什么时候来')).toBe(p('reception.aside.no_tickets'));
  });

  it('an unknown question is said to be unknown, goes to staff with a promised reply; the answer is relayed and can be added to the knowledge base', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-faq-'));
    const db = path.join(dir, 'kb.db');
    const app = createTestApp({ db });
    const question = '小区里可以放烟花吗';
    expect(await ask(app, RESIDENT, question)).toBe(
      p('reception.received.inquiry', { ticket: 'H1' }, { due: '2026-11-26T13:00:00+08:00' }),
    );
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'inquiry_reply', status: 'open' }]);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain(question);

    await app.say(SERVICE_DESK, '#入库 H1');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.not_answered', { ticket: 'H1' }));
    const answer = '小区内全年禁止燃放烟花爆竹，春节期间请到政府指定地点燃放。';
    await app.say(SERVICE_DESK, `#答复 H1 ${answer}`);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('faq.answered', { ticket: 'H1', question, text: answer }));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.answered', { ticket: 'H1' }));
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'inquiry_reply', status: 'kept' }]);
    expect(app.store.tickets.byNumber('H1')!.status).toBe('done');

    await app.say(SERVICE_DESK, '#入库 H1');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.added_to_faq', { ticket: 'H1' }));
    await app.say(SERVICE_DESK, '#入库 H1');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.already_in_faq', { ticket: 'H1' }));

    // From now on the same question, worded differently, gets that answer at once — also after a restart.
    const learned = [p('faq.header'), p('faq.answer', { text: answer })].join('\n');
    expect(await ask(app, 'wx_lina', '请问小区能放烟花吗')).toBe(learned);
    expect(await ask(app, 'wx_wangfang', question)).toBe(learned);
    app.store.close();
    const restarted = createTestApp({ db });
    expect(await ask(restarted, 'wx_wangfang', '小区里可以放烟花吗？')).toBe(learned);
    expect(restarted.store.tickets.allOpen()).toEqual([]);
    restarted.store.close();
  });

  it('"帮我问问" after an approved answer that did not answer it: the question goes to staff with a reply promise', async () => {
    const app = createTestApp();
    const question = '快递柜归谁管 能不能多装几个';
    expect(await ask(app, 'wx_guest', question)).toBe(approved('deliveries'));
    expect(await ask(app, 'wx_guest', '好的 麻烦帮我问问')).toBe(
      p('reception.received.inquiry', { ticket: 'H1' }, { due: '2026-11-26T13:00:00+08:00' }),
    );
    expect(app.store.tickets.byNumber('H1')).toMatchObject({ category: 'inquiry', summary: question });
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'inquiry_reply', status: 'open' }]);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain(question);
  });

  it('an answer staff give at night reaches the resident in the morning, not in the quiet hours', async () => {
    const app = createTestApp({ now: '2026-12-08T20:30:00+08:00' });
    await app.say('wx_wangfang', '小区游泳池明年夏天还开吗');
    const before = app.transport.to('wx_wangfang').length;
    await app.advanceTo(parseIso('2026-12-08T21:30:00+08:00'));
    await app.say(SERVICE_DESK, '#答复 H1 泳池明年6月开放，具体时间另行通知。');
    // Staff are told it waits for the morning, not that it was passed on.
    expect(app.transport.to(SERVICE_DESK).at(-1)).toMatch(/^已记下 H1 的答复，现为免打扰时段，将于明天08:30转告住户/);
    expect(app.transport.to('wx_wangfang')).toHaveLength(before);
    await app.advanceTo(parseIso('2026-12-09T08:45:00+08:00'));
    const morning = app.transport.sent.filter((m) => m.to === 'wx_wangfang').at(-1)!;
    expect(morning.text).toContain('泳池明年6月开放');
    expect(formatIso(morning.at)).toMatch(/2026-12-09T08:3/);
  });

  it('#答复 is for questions only, needs the answer, and only the desk may give it', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '小区里可以放烟花吗');
    await app.say(SERVICE_DESK, '#答复 H1');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.usage.answer', { word: '答复' }));
    await app.say('wx_sunqiang', '#答复 H1 可以');
    expect(app.transport.to('wx_sunqiang').at(-1)).toBe(p('staff.refused.role', { command: '#答复' }));
    await app.say('wx_lina', '转人工');
    await app.say(SERVICE_DESK, '#答复 H2 您好');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.not_inquiry', { ticket: 'H2' }));
  });
});

describe('a question in the middle of a flow is answered, and the flow goes on where it was', () => {
  it('repair: asked for the time, the resident asks about office hours; the answer, the return line, the question again', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房水龙头坏了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    await app.say(RESIDENT, '对了，物业办公室几点下班？');
    expect(app.transport.to(RESIDENT).slice(-3)).toEqual([
      approved('office_hours'),
      p('reception.resume', { flow: 'repair' }),
      p('repair.ask_time'),
    ]);
    await app.say(RESIDENT, '明天上午');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^好的，跟您核对一下|厨房水龙头坏了/);
  });

  it('repair: asked about fees owed mid-booking, a bound resident sees their own statement, then the booking resumes', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间灯不亮了');
    await app.say(RESIDENT, '我家还欠多少物业费');
    const [statement, resume, again] = app.transport.to(RESIDENT).slice(-3);
    expect(statement).toContain('3-2-1201');
    expect([resume, again]).toEqual([p('reception.resume', { flow: 'repair' }), p('repair.ask_time')]);
  });

  it('complaint: a question while asked when, then the same question again', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '有人在楼道里堆杂物，我要投诉');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_when'));
    await app.say(RESIDENT, '顺便问一下，快递放哪里？');
    expect(app.transport.to(RESIDENT).slice(-3)).toEqual([
      approved('deliveries'),
      p('reception.resume', { flow: 'complaint' }),
      p('complaint.ask_when'),
    ]);
    await app.say(RESIDENT, '这几天');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_callback'));
  });

  it('complaint: a question at the repeat-back is answered and the summary is repeated again', async () => {
    const app = createTestApp();
    for (const line of ['楼上噪音太吵，我要投诉', '3栋楼上1301', '每天晚上十点以后', '不需要'])
      await app.say(RESIDENT, line);
    const repeat = app.transport.to(RESIDENT).at(-1)!;
    await app.say(RESIDENT, '对了，装修可以几点开始？');
    expect(app.transport.to(RESIDENT).slice(-3)).toEqual([
      approved('decoration_hours'),
      p('reception.resume', { flow: 'complaint' }),
      repeat,
    ]);
    expect(app.store.tickets.allOpen()).toEqual([]); // nothing filed by the aside
  });
});
