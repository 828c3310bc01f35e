import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WeComCall } from '../fakes/fake-wecom.js';
import { p } from '../fakes/phrases.js';
import { kfText, running, SECRETS, type Running } from '../fakes/wecom-harness.js';

const RESIDENT = 'wx_zhangwei';
const TECHNICIAN = 'wx_sunqiang'; // 孙强, plumbing
interface Card {
  card_type: string;
  task_id: string;
  main_title: { title: string };
  sub_title_text: string;
  button_list: Array<{ type: number; text: string; key: string }>;
}
const cardOf = (c: WeComCall) => c.body!.template_card as Card;
const cardsTo = (r: Running, to: string) =>
  r.fake.to('/cgi-bin/message/send').filter((c) => c.body!.touser === to && c.body!.msgtype === 'template_card');
const textOf = (c: WeComCall) => (c.body!.text as { content?: string } | undefined)?.content;
const updates = (r: Running) => r.fake.to('/cgi-bin/message/update_template_card');

let open: Running[] = [];
afterEach(async () => {
  for (const r of open) {
    r.close();
    await r.fake.stop();
  }
  open = [];
});

/** A resident books a plumbing repair through 微信客服: the technician gets the ticket. */
async function booked(): Promise<{ r: Running; ticket: string }> {
  const r = await running();
  open.push(r);
  await r.kf([kfText(RESIDENT, '卫生间马桶堵了，明天上午来修', r.clock.now())]);
  await r.kf([kfText(RESIDENT, '对', r.clock.now())]);
  const ticket = r.app.store.tickets.openForParty(RESIDENT)[0]!;
  expect(ticket).toMatchObject({ type: 'repair', ownerId: 's002', status: 'new' });
  return { r, ticket: ticket.number };
}

let seq = 0;
/** WeCom's callback for a press on a card's button, by `from`; waits for the card's update. */
async function press(r: Running, from: string, card: Card, text: string): Promise<string> {
  const button = card.button_list.find((b) => b.text === text)!;
  const seen = updates(r).length;
  const t = Math.floor(r.clock.now() / 1000);
  const code = `rc${++seq}`;
  const response = await r.callback(
    `<xml><ToUserName>${SECRETS.corpId}</ToUserName><FromUserName>${from}</FromUserName><CreateTime>${t}</CreateTime>` +
      `<MsgType>event</MsgType><Event>template_card_event</Event><EventKey>${button.key}</EventKey>` +
      `<TaskId>${card.task_id}</TaskId><CardType>button_interaction</CardType><ResponseCode>${code}</ResponseCode>` +
      `<AgentID>1000002</AgentID></xml>`,
  );
  expect(response.status).toBe(200);
  await vi.waitFor(() => expect(updates(r).length).toBe(seen + 1), { timeout: 5_000 });
  const update = updates(r).at(-1)!.body!;
  expect(update).toMatchObject({ userids: [from], agentid: 1000002, response_code: code });
  return (update.button as { replace_name: string }).replace_name;
}

const claimed = (e: { type: string; data?: unknown }) =>
  e.type === 'ticket_changed' && (e.data as { to?: string }).to === 'claimed';
const claims = (r: Running, ticket: string) => r.app.store.events.forRef(ticket).filter(claimed);
/** What the resident heard naming the technician (the relay of a claim). */
const relays = (r: Running) => r.fake.to('/cgi-bin/kf/send_msg').filter((c) => textOf(c)?.includes('孙强'));

describe('WeCom cards for staff', () => {
  it('a new repair reaches its technician as a button card with a task id; the notice is its text', async () => {
    const { r, ticket } = await booked();
    const sent = cardsTo(r, TECHNICIAN);
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0]!);
    expect(card.card_type).toBe('button_interaction');
    expect(card.task_id).toMatch(/^[0-9A-Za-z_-]{1,128}$/);
    expect(card.main_title.title).toBe(p('staff.card.title', { ticket }));
    expect(card.sub_title_text).toContain(ticket);
    expect(card.button_list.map((b) => b.text)).toEqual(['接单', '出发', '完成', '转派']);
    expect(new Set(card.button_list.map((b) => b.key)).size).toBe(4);
  });

  it('接单 claims the ticket as #接单 would and shows who and when; pressed again, nothing changes twice', async () => {
    const { r, ticket } = await booked();
    const card = cardOf(cardsTo(r, TECHNICIAN)[0]!);
    const outcome = await press(r, TECHNICIAN, card, '接单');
    expect(outcome).toBe(p('staff.card.outcome.claim', { name: '孙强', hh: '09', mm: '00' }));
    expect(r.app.store.tickets.byNumber(ticket)).toMatchObject({ status: 'claimed', ownerId: 's002' });
    expect(claims(r, ticket)).toHaveLength(1);
    // The resident hears it, as after a typed #接单.
    await vi.waitFor(() => expect(relays(r)).toHaveLength(1), { timeout: 5_000 });
    expect((relays(r)[0]!.body!.text as { content: string }).content).toBe(
      p('relay.claimed', { ticket, staff: '孙强' }),
    );

    // The same button again (a retried callback, a second tap): the command refuses, the card says who has it.
    expect(await press(r, TECHNICIAN, card, '接单')).toBe(p('staff.card.held_by', { name: '孙强' }));
    expect(claims(r, ticket)).toHaveLength(1);
    expect(relays(r)).toHaveLength(1);
    // A typed command still works alongside the card.
    await r.callback(
      `<xml><ToUserName>${SECRETS.corpId}</ToUserName><FromUserName>${TECHNICIAN}</FromUserName>` +
        `<CreateTime>${Math.floor(r.clock.now() / 1000)}</CreateTime><MsgType>text</MsgType>` +
        `<Content><![CDATA[#出发 ${ticket}]]></Content><MsgId>typed1</MsgId><AgentID>1000002</AgentID></xml>`,
    );
    await vi.waitFor(() => expect(r.app.store.tickets.byNumber(ticket)!.status).toBe('in_progress'), {
      timeout: 5_000,
    });
  });

  it('a resident or a colleague without the role pressing it: refused on the card, the ticket untouched', async () => {
    const { r, ticket } = await booked();
    const card = cardOf(cardsTo(r, TECHNICIAN)[0]!);
    expect(await press(r, RESIDENT, card, '接单')).toBe(p('staff.card.not_staff'));
    // 赵敏 is the service desk: repairs are not hers to claim.
    expect(await press(r, 'wx_zhaomin', card, '接单')).toBe(p('staff.refused.not_for_role', { ticket }));
    expect(r.app.store.tickets.byNumber(ticket)).toMatchObject({ status: 'new', ownerId: 's002' });
    expect(claims(r, ticket)).toHaveLength(0);
    // Once 孙强 has it, a colleague's press shows who acted.
    await press(r, TECHNICIAN, card, '接单');
    expect(await press(r, 'wx_zhoujie', card, '完成')).toBe(p('staff.card.held_by', { name: '孙强' }));
    expect(r.app.store.tickets.byNumber(ticket)!.status).toBe('claimed');
    // 转派 needs a colleague's name, which a button cannot give: the card says how to type it.
    expect(await press(r, 'wx_wugang', card, '转派')).toBe(p('staff.usage.reassign', { word: '转派' }));
    expect(r.app.store.tickets.byNumber(ticket)!.ownerId).toBe('s002');
  });

  it('a card WeCom failed to take is sent again with the same task id', async () => {
    const r = await running();
    open.push(r);
    await r.kf([kfText(RESIDENT, '卫生间马桶堵了，明天上午来修', r.clock.now())]);
    // The card's first attempt fails with a system error; the outbox retries it.
    r.fake.next('/cgi-bin/message/send', () => ({ errcode: -1, errmsg: 'system busy' }));
    await r.kf([kfText(RESIDENT, '对', r.clock.now())]);
    expect(r.fake.to('/cgi-bin/message/send').map((c) => c.body!.touser)).toEqual([TECHNICIAN]);
    await r.app.advanceTo(r.clock.now() + 10 * 60_000);
    const attempts = cardsTo(r, TECHNICIAN);
    expect(attempts).toHaveLength(2);
    expect(cardOf(attempts[1]!).task_id).toBe(cardOf(attempts[0]!).task_id);
  });
});
