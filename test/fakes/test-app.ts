import pino from 'pino';
import type { Logger } from '../../src/log.js';
import type { Understander } from '../../src/nlu/understander.js';
import type { SecondOpinionFactory } from '../../src/nlu/llm/load.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { createApp, type App } from '../../src/main.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { ServiceLevels } from '../../src/ledger/service-levels.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { Store } from '../../src/store/store.js';
import { identify } from '../../src/domain/sender.js';
import { FakeTransport } from './fake-transport.js';

export const START = '2026-11-26T09:00:00+08:00';

export interface TestApp extends App {
  ledger: Ledger;
  transport: FakeTransport;
  clock: ManualClock;
  /** Sends a text as `from` and resolves when its replies are out. */
  say(
    from: string,
    text: string,
    extra?: { id?: string; room?: string; mentions?: string[]; choice?: string },
  ): Promise<void>;
}

let counter = 0;

/** The whole runtime on the sample community, with a fake transport and a clock that stands still. */
export function createTestApp(
  options: {
    db?: string;
    now?: string;
    staffRoom?: string;
    seed?: boolean;
    arrearsReminderDay?: number;
    understander?: Understander;
    store?: Store;
    log?: Logger;
    secondOpinion?: SecondOpinionFactory;
  } = {},
): TestApp {
  const store = options.store ?? Store.open(options.db ?? ':memory:');
  const clock = new ManualClock(parseIso(options.now ?? START));
  if (options.seed !== false) seedSampleIfEmpty(store, clock.now());
  const transport = new FakeTransport();
  const app = createApp({
    store,
    clock,
    transport,
    log: options.log ?? pino({ level: 'silent' }),
    botId: 'wuye-bot',
    idleCloseMs: 2 * 3600_000,
    random: () => 0, // no jitter: deferred messages leave exactly when the quiet hours end
    ...(options.staffRoom && { staffRoom: options.staffRoom }),
    ...(options.arrearsReminderDay && { arrearsReminderDay: options.arrearsReminderDay }),
    // Loading the segmenter's dictionary and training the classifier is the costly part: many apps share one.
    ...(options.understander && { understander: options.understander }),
    ...(options.secondOpinion && { secondOpinion: options.secondOpinion }),
  });
  return {
    ...app,
    ledger: new Ledger(store, ServiceLevels.load()),
    clock,
    transport,
    say: (from, text, extra = {}) =>
      app.bot.handleInbound({ id: extra.id ?? `t${++counter}`, from, kind: 'text', text, at: clock.now(), ...extra }),
  };
}

export const RESIDENT = 'wx_zhangwei';
export const SERVICE_DESK = 'wx_zhaomin';

/**
 * Books a repair through the repair flow: tomorrow 09:00–11:00 (the first window), taken by 孙强
 * (s002, who repairs electrics). Returns the ticket number.
 */
export async function bookRepair(app: TestApp, who = RESIDENT, text = '厨房灯坏了，明天上午来修'): Promise<string> {
  await app.say(who, text);
  await app.say(who, '对');
  const ticket = app.store.tickets.openForParty(who).find((t) => t.type === 'repair');
  if (!ticket) throw new Error(`no repair booked: ${app.transport.to(who).at(-1)}`);
  return ticket.number;
}

/** What a resident answers to each question of the complaint flow, whatever order it asks them in. */
const COMPLAINT_ANSWERS: Array<[RegExp, string]> = [
  [/在哪里发生/, '就在我家楼上'],
  [/什么时候发生/, '这几天晚上'],
  [/偶尔一次，还是经常/, '经常'],
  [/回电话/, '需要'],
  [/对吗/, '对'],
  [/具体说一说/, '声音太大影响休息'],
];

/** Files a complaint through the complaint flow, answering whatever it asks. Returns the ticket number. */
export async function fileComplaint(app: TestApp, who: string, text: string): Promise<string> {
  const before = new Set(app.store.tickets.openForParty(who).map((t) => t.number));
  await app.say(who, text);
  for (let turn = 0; turn < 8; turn++) {
    const filed = app.store.tickets.openForParty(who).find((t) => t.type === 'complaint' && !before.has(t.number));
    if (filed) return filed.number;
    const last = app.transport.to(who).at(-1) ?? '';
    const answer = COMPLAINT_ANSWERS.find(([question]) => question.test(last))?.[1];
    if (!answer) break;
    await app.say(who, answer);
  }
  throw new Error(`no complaint filed: ${app.transport.to(who).at(-1)}`);
}

/**
 * A callback promise on a ticket of its own (H…), as the desk gives one: contact within the
 * first-response level. The ladder tests start from it. Returns the ticket number.
 */
export function openCallback(app: TestApp, who: string, summary = '进度'): string {
  return app.store.transaction(
    () =>
      app.ledger.openTicket(
        {
          type: 'handoff',
          category: 'callback',
          commitmentKind: 'callback',
          target: 'first_response',
          summary,
          sender: identify(app.store, who),
          replyTo: who,
          conversationKey: who,
        },
        app.clock.now(),
      ).ticket.number,
  );
}
