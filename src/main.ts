import type { Logger } from 'pino';
import type { Transport } from './adapters/transport.js';
import { KeywordIntents } from './nlu/keyword-intents.js';
import { PhraseCatalog } from './phrases/catalog.js';
import { Bot } from './runtime/bot.js';
import type { SteerableClock } from './runtime/clock.js';
import { ConversationRunner } from './runtime/conversation-runner.js';
import { Outbound } from './runtime/outbound.js';
import { OutboxDispatcher } from './runtime/outbox-dispatcher.js';
import { Scheduler } from './runtime/scheduler.js';
import { StaffCommands } from './staff/commands.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  store: Store;
  clock: SteerableClock;
  transport: Transport;
  log: Logger;
  botId: string;
  idleCloseMs: number;
  staffRoom?: string;
}

export interface App {
  bot: Bot;
  scheduler: Scheduler;
  dispatcher: OutboxDispatcher;
  store: Store;
  clock: SteerableClock;
  /** Fires due timers and retries due sends: call on a tick, or after moving a simulated clock. */
  tick(): Promise<void>;
  /** Moves the clock forward, firing every timer on the way, in order. */
  advanceTo(target: number): Promise<void>;
}

/** Wiring only: builds the runtime around a store, a clock and a transport. */
export function createApp(options: AppOptions): App {
  const { store, clock, transport, log } = options;
  const phrases = PhraseCatalog.load();
  const outbound = new Outbound(store, phrases, { ...(options.staffRoom && { staffRoom: options.staffRoom }) });
  const dispatcher = new OutboxDispatcher(store, transport, clock, log);
  const bot = new Bot({
    store,
    clock,
    intents: KeywordIntents.load(),
    commands: new StaffCommands(phrases),
    runner: new ConversationRunner(store, outbound, { idleCloseMs: options.idleCloseMs }),
    outbound,
    dispatcher,
    log,
    selfId: options.botId,
  });
  const scheduler = new Scheduler(store, (timer, now) => bot.fireTimer(timer, now));
  return {
    bot,
    scheduler,
    dispatcher,
    store,
    clock,
    async tick() {
      await scheduler.runDue(clock.now());
      await dispatcher.flush();
    },
    async advanceTo(target) {
      await scheduler.advanceTo(clock, target);
      await dispatcher.flush();
    },
  };
}
