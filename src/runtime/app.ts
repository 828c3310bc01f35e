import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Bot } from './bot.js';
import type { TransportSink } from './transport.js';
import { KfSessionEffects } from '../handoff/kf-session.js';
import { CardPresses } from '../staff/card-presses.js';
import type { StaffCommands } from '../staff/commands.js';
import type { Core } from './core.js';
import { Scheduler } from './scheduler.js';

export interface App extends Pick<Core, 'dispatcher' | 'ladder' | 'outbound' | 'store' | 'clock' | 'levels'> {
  bot: Bot;
  scheduler: Scheduler;
  /** Runs everything due (timers, the ladder) and retries due sends: on a tick, or after a clock move. */
  tick(): Promise<void>;
  /** Moves the clock forward, firing every deadline on the way, in order. */
  advanceTo(target: number): Promise<void>;
  /** A word about the bot itself (logged in, logged out, an error) for the staff room, or the desk. */
  notifyOps(ref: PhraseRef): Promise<void>;
  /** What the office does about 微信客服's session events (WeCom). */
  kf: KfSessionEffects;
  /** What the transports deliver into (`Transport.start`). */
  sink: TransportSink;
  /** A button pressed on a staff card (WeCom): the same command as typed. */
  cards: CardPresses;
}

/** The running app: the bot, and one scheduler for the outbox, the durable timers and the ladder. */
export function runningApp(core: Core, bot: Bot, commands: StaffCommands): App {
  const { store, clock, dispatcher, ladder, outbound, levels, ledger } = core;
  const flush = async () => {
    await bot.runDueTimers(clock.now());
    await dispatcher.flush();
  };
  const arrive = (party: string) => bot.arrive(party);
  const kf = new KfSessionEffects({ store, ledger, outbound, clock, arrive, toResident: core.toResident, flush });
  // A staff card's button runs the same command as typing it (WeCom).
  const cardCommands = core.menus.cardCommands();
  const cards = new CardPresses({ store, commands, outbound, clock, cardCommands, flush });
  const within = (limit: number, t: number | undefined) => (t !== undefined && t <= limit ? t : undefined);
  const scheduler = new Scheduler([
    // Messages waiting for a retry or for the end of quiet hours leave at their time, in order with the rest.
    {
      nextDueAt: (limit) => within(limit, store.outbox.nextWaitingAfter(clock.now())),
      runDue: () => dispatcher.flush(),
    },
    { nextDueAt: (limit) => within(limit, store.timers.earliestDueAt()), runDue: (now) => bot.runDueTimers(now) },
    {
      nextDueAt: (limit) => within(limit, ladder.nextDueAt()),
      runDue: async (now) => {
        ladder.runDue(now);
        await dispatcher.flush();
      },
    },
  ]);
  const notifyOps = async (ref: PhraseRef) => {
    const at = clock.now();
    store.transaction(() => outbound.notifyDesk(ref, at, 'ops'));
    await dispatcher.flush();
  };
  const tick = async () => {
    await scheduler.runDue(clock.now());
    await dispatcher.flush();
  };
  const advanceTo = async (target: number) => {
    await dispatcher.flush(); // what is due now leaves now, before the clock moves
    await scheduler.advanceTo(clock, target);
    await dispatcher.flush();
  };
  const sink: TransportSink = {
    inbound: (message) => bot.handleInbound(message),
    ops: notifyOps,
    kf,
    cards,
    now: () => clock.now(),
    advanceTo,
    tick,
    flush: () => dispatcher.flush(),
    settled: () => dispatcher.settled(),
  };
  return {
    sink,
    kf,
    cards,
    bot,
    scheduler,
    dispatcher,
    ladder,
    outbound,
    store,
    clock,
    levels,
    tick,
    notifyOps,
    advanceTo,
  };
}
