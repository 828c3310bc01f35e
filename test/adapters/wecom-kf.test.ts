import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { FakeWeCom, type WeComCall } from '../fakes/fake-wecom.js';
import { p } from '../fakes/phrases.js';
import { kfEvent, kfText, running, servicerText, type Running } from '../fakes/wecom-harness.js';

const A = 'wmResidentA';
const sends = (r: Running) => [...r.fake.to('/cgi-bin/kf/send_msg'), ...r.fake.to('/cgi-bin/kf/send_msg_on_event')];
const textOf = (c: WeComCall) => (c.body!.text as { content: string } | undefined)?.content;
const menuOf = (c: WeComCall) =>
  c.body!.msgmenu as {
    head_content: string;
    list: Array<{ type: string; click: { id: string; content: string } }>;
    tail_content?: string;
  };
const cardText = (c: WeComCall) => (c.body!.template_card as { sub_title_text: string } | undefined)?.sub_title_text;
/** What the desk was told: a notice that asks someone to act goes as a card, its text under the title. */
const deskTexts = (r: Running) => r.fake.to('/cgi-bin/message/send').map((c) => textOf(c) ?? cardText(c) ?? '');

let open: Running[] = [];
async function start(options: Parameters<typeof running>[0] = {}): Promise<Running> {
  const r = await running(options);
  open.push(r);
  return r;
}
afterEach(async () => {
  for (const r of open) {
    r.close();
    await r.fake.stop();
  }
  open = [];
});

describe('微信客服: the welcome menu and taps', () => {
  it('enter_session → within the code’s life, the greeting and the menu by send_msg_on_event; a tap is routed without the classifier', async () => {
    const understander = Understander.load();
    const r = await start({ understander });
    await r.kf([kfEvent(A, r.clock.now(), { event_type: 'enter_session', welcome_code: 'WELCOME1' })]);
    const welcome = r.fake.to('/cgi-bin/kf/send_msg_on_event');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.body).toMatchObject({ code: 'WELCOME1', msgtype: 'msgmenu' });
    const menu = menuOf(welcome[0]!);
    expect(menu.head_content).toBe(`${p('reception.greeting')}\n${p('tap.menu_head')}`);
    expect(menu.list.map((b) => b.click.content)).toEqual(['报修', '投诉', '缴费查询', '办卡', '咨询', '人工']);
    expect(menu.list.every((b) => b.type === 'click')).toBe(true);
    expect(r.fake.to('/cgi-bin/kf/send_msg')).toHaveLength(0);

    // The resident taps 报修: the button's id says what it is, the classifier is never asked.
    const classify = vi.spyOn(understander as unknown as { rank: (...a: unknown[]) => unknown }, 'rank');
    await r.kf([kfText(A, '报修', r.clock.now(), 'repair')]);
    expect(classify).not.toHaveBeenCalled();
    const replies = r.fake.to('/cgi-bin/kf/send_msg').map(textOf);
    // Greeted already: straight to the repair's first question, no second greeting.
    expect(replies).toEqual([p('binding.ask_unit_repair')]);
  });

  it('a button id the bot does not know gets the menu again, politely', async () => {
    const r = await start();
    await r.kf([kfText(A, '旧按钮', r.clock.now(), 'no_such_button')]);
    const last = r.fake.to('/cgi-bin/kf/send_msg').at(-1)!;
    expect(last.body!.msgtype).toBe('msgmenu');
    expect(menuOf(last).head_content).toBe(`${p('tap.unknown')}\n${p('tap.menu_head')}`);
    expect(menuOf(last).list).toHaveLength(6);
  });

  it('an expired welcome code: the greeting waits, and goes as an ordinary message when the resident writes (no desk notice)', async () => {
    const r = await start();
    // The sync that carries enter_session is slow: the code is 25 s old by the time the bot answers.
    const arrived = kfEvent(A, r.clock.now(), { event_type: 'enter_session', welcome_code: 'OLD' });
    const original = r.app.kf.arrived.bind(r.app.kf);
    r.app.kf.arrived = async (party) => {
      r.clock.advanceBy(25_000);
      return original(party);
    };
    await r.kf([arrived]);
    expect(sends(r)).toHaveLength(0);
    expect(deskTexts(r)).toEqual([]);
    await r.kf([kfText(A, '1', r.clock.now())]);
    const sent = r.fake.to('/cgi-bin/kf/send_msg');
    expect(sent[0]!.body!.msgtype).toBe('msgmenu'); // the welcome that waited
    expect(menuOf(sent[0]!).head_content.startsWith(p('reception.greeting'))).toBe(true);
    expect(textOf(sent[1]!)).toBe(p('binding.ask_unit_repair'));
  });
});

describe('微信客服: exactly once', () => {
  it('every send carries a msgid from its outbox row; a re-send after a crash reuses it', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-kf-')), 'kf.db');
    const fake = await new FakeWeCom().start();
    const first = await running({ db, fake });
    // The first send reaches WeCom, but the process dies before the send is marked.
    fake.next('/cgi-bin/kf/send_msg', (call) => {
      first.close();
      return { errcode: 0, errmsg: 'ok', msgid: call.body!.msgid };
    });
    await first.kf([kfText(A, '你好', first.clock.now())]).catch(() => {});
    const before = fake.to('/cgi-bin/kf/send_msg').map((c) => c.body!.msgid as string);
    expect(before.length).toBeGreaterThanOrEqual(1);

    const second = await start({ db, fake });
    await second.app.bot.recover();
    await second.app.tick();
    const all = fake.to('/cgi-bin/kf/send_msg').map((c) => c.body!.msgid as string);
    for (const id of all) expect(id).toMatch(/^[0-9a-zA-Z_-]{1,32}$/);
    // The greeting went twice (at least once), under the same msgid: WeCom can tell it is one message.
    expect(all.filter((id) => id === before[0])).toHaveLength(2);
    expect(new Set(all).size).toBe(all.length - 1);
  });

  it('msg_send_fail beyond the window → that row failed, a copy held for the resident’s next message, and the desk told', async () => {
    const r = await start();
    await r.kf([kfText(A, '你好', r.clock.now())]);
    const greeting = r.fake.to('/cgi-bin/kf/send_msg')[0]!;
    await r.kf([
      kfEvent(A, r.clock.now(), { event_type: 'msg_send_fail', fail_msgid: greeting.body!.msgid, fail_type: 6 }),
    ]);
    expect(deskTexts(r)).toContain(p('staff.delivery_held', { who: p('staff.who.unknown', { party: A }) }));
    const log = r.app.store.db
      .prepare(`SELECT status, last_error AS error FROM outbox WHERE recipient = ? ORDER BY id`)
      .all(A) as Array<{ status: string; error: string }>;
    expect(log[0]).toEqual({ status: 'failed', error: 'WeCom msg_send_fail fail_type 6' });
    expect(log.at(-1)).toMatchObject({ status: 'held', error: 'WeCom msg_send_fail fail_type 6' });
    // The resident writes again: the message that failed goes first, under a new msgid.
    await r.kf([kfText(A, '在吗', r.clock.now())]);
    const after = r.fake.to('/cgi-bin/kf/send_msg');
    expect(textOf(after[2]!)).toBe(textOf(greeting));
    expect(after[2]!.body!.msgid).not.toBe(greeting.body!.msgid);
  });

  it('msg_send_fail refused by the resident (10) → failed, not re-sent, and the desk told', async () => {
    const r = await start();
    await r.kf([kfText(A, '你好', r.clock.now())]);
    const greeting = r.fake.to('/cgi-bin/kf/send_msg')[0]!;
    await r.kf([
      kfEvent(A, r.clock.now(), { event_type: 'msg_send_fail', fail_msgid: greeting.body!.msgid, fail_type: 10 }),
    ]);
    expect(deskTexts(r).some((t) => t.includes('fail_type 10'))).toBe(true);
    expect(r.app.store.outbox.heldFor(A)).toBe(0);
  });
});

describe('微信客服: a real handoff', () => {
  it('转人工 → the session goes to the servicers’ queue; the bot is quiet while a servicer talks (origin 5), back after the session ends', async () => {
    const r = await start();
    await r.kf([kfText(A, '转人工', r.clock.now())]);
    const trans = r.fake.to('/cgi-bin/kf/service_state/trans');
    expect(trans).toHaveLength(1);
    expect(trans[0]!.body).toEqual({ open_kfid: 'wkKF001', external_userid: A, service_state: 2 });
    const ticket = r.app.store.tickets.openForParty(A)[0]!;
    expect(ticket.number).toMatch(/^H/);
    const callback = () => r.app.store.commitments.byTicket(ticket.id).find((c) => c.kind === 'callback')!;
    expect(callback().status).toBe('open');
    const sentBefore = r.fake.to('/cgi-bin/kf/send_msg').length;
    const staffBefore = r.fake.to('/cgi-bin/message/send').length;

    // The servicer answers in the WeCom client; the resident answers them: the bot says nothing.
    await r.kf([
      servicerText(A, 'wx_zhaomin', '您好，我是客服小赵', r.clock.now()),
      kfText(A, '我家水管漏了', r.clock.now()),
    ]);
    expect(r.fake.to('/cgi-bin/kf/send_msg')).toHaveLength(sentBefore);
    expect(r.fake.to('/cgi-bin/message/send')).toHaveLength(staffBefore); // nor relays what the servicer already sees
    expect(callback().status).toBe('kept'); // the servicer's word keeps the promise

    // The servicer ends the session: the conversation is the bot's again.
    await r.kf([
      kfEvent(A, r.clock.now(), {
        event_type: 'session_status_change',
        change_type: 3,
        old_servicer_userid: 'wx_zhaomin',
      }),
    ]);
    expect(r.fake.to('/cgi-bin/kf/send_msg').map(textOf).at(-1)).toBe(
      p('reception.handoff_ended', { ticket: ticket.number }),
    );
    await r.kf([kfText(A, '谢谢', r.clock.now())]);
    expect(r.fake.to('/cgi-bin/kf/send_msg').map(textOf).at(-1)).toBe(p('reception.you_are_welcome'));
  });

  it('trans refused by WeCom → the handoff goes on through the bot, and the desk is told', async () => {
    const r = await start();
    r.fake.next('/cgi-bin/kf/service_state/trans', () => ({ errcode: 95016, errmsg: 'invalid state' }));
    await r.kf([kfText(A, '转人工', r.clock.now())]);
    await vi.waitFor(() => expect(deskTexts(r).some((t) => t.startsWith('【转人工未接入客服】'))).toBe(true), {
      timeout: 5_000,
    });
    // Not with a person on WeCom's side: the resident's words still go to the desk through the bot.
    await r.kf([kfText(A, '我家水管漏了', r.clock.now())]);
    expect(deskTexts(r).some((t) => t.includes('我家水管漏了'))).toBe(true);
  });
});
