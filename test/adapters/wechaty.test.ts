import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileBox } from 'file-box';
import { types, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WechatyTransport } from '../../src/adapters/wechaty.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { createApp, type App } from '../../src/main.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { Store } from '../../src/store/store.js';
import { p } from '../fakes/phrases.js';
import { START } from '../fakes/test-app.js';

const STAFF_ROOM = '物业工作群';

interface Harness {
  app: App;
  puppet: PuppetMock;
  mocker: mock.Mocker;
  resident: mock.ContactMock;
  desk: mock.ContactMock;
  botUser: mock.ContactMock;
  /** What the bot sent, by conversation id. */
  sent: Array<{ to: string; text: string }>;
  to(id: string): string[];
  stop(): Promise<void>;
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(): Promise<Harness> {
  const store = Store.open(':memory:');
  const clock = new ManualClock(parseIso(START));
  seedSampleIfEmpty(store, clock.now());
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const wechaty = WechatyBuilder.build({ puppet });
  const log = pino({ level: 'silent' });
  const transport = new WechatyTransport(wechaty, {
    selfId: 'wuye-bot',
    staffRoom: STAFF_ROOM,
    botName: '物业小助手',
    mediaDir: mkdtempSync(path.join(tmpdir(), 'wuye-media-')),
    log,
    now: () => clock.now(),
  });
  const app = createApp({
    store,
    clock,
    transport,
    log,
    botId: 'wuye-bot',
    idleCloseMs: 2 * 3600_000,
    staffRoom: STAFF_ROOM,
    random: () => 0,
  });
  const sent: Harness['sent'] = [];
  const original = puppet.messageSendText.bind(puppet);
  vi.spyOn(puppet, 'messageSendText').mockImplementation(async (to: string, text: string) => {
    sent.push({ to, text });
    return original(to, text);
  });
  await transport.start(app.sink);
  // wechaty-puppet-mock never emits ready by itself.
  puppet.emit('ready', { data: 'ready' });
  const botUser = mocker.createContact({ id: 'wxid_bot', name: '物业小助手' });
  const resident = mocker.createContact({ id: 'wx_zhangwei', name: '张伟' });
  const desk = mocker.createContact({ id: 'wx_zhaomin', name: '赵敏' });
  mocker.createContact({ id: 'wx_lina', name: '李娜' });
  mocker.createRoom({ id: 'staff@chatroom', topic: STAFF_ROOM, memberIdList: ['wx_zhaomin', 'wxid_bot'] } as never);
  mocker.login(botUser);
  await vi.waitFor(() => expect(wechaty.isLoggedIn).toBe(true), { timeout: 5_000 });
  return {
    app,
    puppet,
    mocker,
    resident,
    desk,
    botUser,
    sent,
    to: (id) => sent.filter((s) => s.to === id).map((s) => s.text),
    stop: async () => {
      await wechaty.stop();
      store.close();
    },
  };
}

const created = new Set<string>();

/** A message from `talker` with a fixed id and send time, emitted like a puppet does (twice, if asked). */
function deliver(
  h: Harness,
  payload: {
    id: string;
    talkerId: string;
    text: string;
    roomId?: string;
    listenerId?: string;
    timestamp?: number;
    mentionIdList?: string[];
  },
  times = 1,
) {
  if (!created.has(payload.id)) {
    h.mocker.MessageMock.create({
      type: types.Message.Text,
      timestamp: payload.timestamp ?? Date.now(),
      ...(payload.roomId ? { roomId: payload.roomId } : { listenerId: payload.listenerId ?? 'wxid_bot' }),
      ...payload,
    } as never);
    created.add(payload.id);
  }
  for (let i = 0; i < times; i++) h.puppet.emit('message', { messageId: payload.id });
}

describe('Wechaty transport (wechaty-puppet-mock)', () => {
  it('a resident books a repair in a private chat, through the whole flow', async () => {
    harness = await start();
    const h = harness;
    h.resident.say('厨房灯坏了，明天上午来修').to(h.botUser);
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toContain('您预约的是'), { timeout: 5_000 });
    h.resident.say('对').to(h.botUser);
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toContain('R1'), { timeout: 5_000 });
    expect(h.app.store.tickets.byNumber('R1')).toMatchObject({ type: 'repair', party: 'wx_zhangwei' });
    // The bot's own messages came back as message events; none was taken for a resident's.
    expect(h.app.store.messages.transcript('wxid_bot')).toEqual([]);
    expect(h.app.store.messages.transcript('wx_zhangwei').filter((m) => m.direction === 'in')).toHaveLength(2);
  });

  it('the same message delivered twice is answered once', async () => {
    harness = await start();
    const h = harness;
    deliver(h, { id: 'dup-1', talkerId: 'wx_zhangwei', text: '你好' }, 2);
    await vi.waitFor(() => expect(h.to('wx_zhangwei')).toHaveLength(2), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.to('wx_zhangwei')).toEqual([p('reception.greeting'), p('reception.menu')]);
  });

  it('in a building group: chatter is ignored, a mention is answered in private, never in the group', async () => {
    harness = await start();
    const h = harness;
    const group = h.mocker.createRoom({
      id: 'b3@chatroom',
      topic: '3栋业主群',
      memberIdList: ['wx_zhangwei', 'wxid_bot', 'wx_zhaomin'],
    } as never);
    h.resident.say('大家好').to(group);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.to('b3@chatroom')).toEqual([]);
    expect(h.to('wx_zhangwei')).toEqual([]);
    deliver(h, {
      id: 'm-2',
      talkerId: 'wx_zhangwei',
      roomId: group.id,
      text: '@物业小助手 我家欠多少物业费',
      mentionIdList: ['wxid_bot'],
    });
    await vi.waitFor(() => expect(h.to('wx_zhangwei').length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    expect(h.to('b3@chatroom')).toEqual([p('room.moved_to_private')]);
    expect(h.to('wx_zhangwei')[1]).toContain('3-2-1201');
    // A puppet that reports no mention list: "@name" in the text still counts.
    deliver(h, { id: 'm-3', talkerId: 'wx_zhangwei', roomId: group.id, text: '@物业小助手 谢谢' });
    await vi.waitFor(() => expect(h.to('b3@chatroom')).toHaveLength(2), { timeout: 5_000 });
  });

  it('a command in the staff room (configured by topic) is answered in that room', async () => {
    harness = await start();
    const h = harness;
    deliver(h, { id: 's-1', talkerId: 'wx_zhaomin', roomId: 'staff@chatroom', text: '#待办' });
    await vi.waitFor(() => expect(h.to('staff@chatroom').at(-1)).toBe(p('staff.list.todo_none')), { timeout: 5_000 });
    // Login was reported to the staff room as well.
    expect(h.to('staff@chatroom')[0]).toBe(p('staff.ops.login', { name: '物业小助手' }));
  });

  it('a backlog after re-login: a late message gets an apology first, a day-old one goes to staff', async () => {
    harness = await start();
    const h = harness;
    const now = h.app.clock.now();
    deliver(h, { id: 'old-1', talkerId: 'wx_zhangwei', text: '你好', timestamp: now - 20 * 60_000 });
    await vi.waitFor(() => expect(h.to('wx_zhangwei')).toHaveLength(3), { timeout: 5_000 });
    expect(h.to('wx_zhangwei')).toEqual([p('input.late_apology'), p('reception.greeting'), p('reception.menu')]);
    deliver(h, { id: 'old-2', talkerId: 'wx_lina', text: '楼道灯坏了', timestamp: now - 2 * 86_400_000 });
    // Staff notices go to the staff room when there is one.
    await vi.waitFor(() => expect(h.to('staff@chatroom').at(-1)).toContain('楼道灯坏了'), { timeout: 5_000 });
    expect(h.to('staff@chatroom').at(-1)).toContain('【过时消息】');
    expect(h.to('wx_lina')).toEqual([]);
    // Re-delivered again after another re-login: nothing happens twice.
    deliver(h, { id: 'old-1', talkerId: 'wx_zhangwei', text: '你好', timestamp: now - 20 * 60_000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.to('wx_zhangwei')).toHaveLength(3);
  });

  it('a red packet gets the polite refusal; a photo during a repair is kept on the ticket', async () => {
    harness = await start();
    const h = harness;
    h.mocker.MessageMock.create({
      id: 'money-1',
      type: types.Message.RedEnvelope,
      talkerId: 'wx_zhangwei',
      listenerId: 'wxid_bot',
      timestamp: Date.now(),
    } as never);
    h.puppet.emit('message', { messageId: 'money-1' });
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toBe(p('input.money')), { timeout: 5_000 });

    h.resident.say('卫生间水龙头一直滴水').to(h.botUser);
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toBe(p('repair.ask_time')), { timeout: 5_000 });
    h.resident.say(FileBox.fromBase64(Buffer.from('a photo of the tap').toString('base64'), 'tap.png')).to(h.botUser);
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toBe(p('input.photo_kept')), { timeout: 5_000 });
    h.resident.say('明天上午').to(h.botUser);
    await vi.waitFor(() => expect(h.to('wx_zhangwei').at(-1)).toContain('您预约的是'), { timeout: 5_000 });
    h.resident.say('对').to(h.botUser);
    await vi.waitFor(() => expect(h.app.store.tickets.byNumber('R1')).toBeDefined(), { timeout: 5_000 });
    const [photo] = h.app.store.attachments.forTicket(h.app.store.tickets.byNumber('R1')!.id);
    expect(photo).toMatchObject({ kind: 'image', party: 'wx_zhangwei' });
    expect(readFileSync(photo!.path, 'utf8')).toBe('a photo of the tap');
    expect((statSync(photo!.path).mode & 0o777).toString(8)).toBe('600'); // a photo of someone's home: this user only
  });
});
