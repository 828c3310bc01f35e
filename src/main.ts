import type { ConversationEvent } from '../flows/events.js';
import { arrearsFeature } from './arrears/feature.js';
import { cardFeature } from './card/feature.js';
import { complaintFeature } from './complaint/feature.js';
import { loadConfig, type Config } from './config.js';
import { emergencyFeature } from './emergency/feature.js';
import { faqFeature } from './faq/feature.js';
import { handoffFeature } from './handoff/feature.js';
import { KfSessionEffects } from './handoff/kf-session.js';
import { identityFeature } from './identity/feature.js';
import { praiseFeature } from './praise/feature.js';
import { repairFeature } from './repair/feature.js';
import { runningApp, type App } from './runtime/app.js';
import { Bot } from './runtime/bot.js';
import { conversationFeature } from './runtime/conversation-feature.js';
import { ConversationRunner } from './runtime/conversation-runner.js';
import { createCore, type CoreOptions } from './runtime/core.js';
import { FailedTurns } from './runtime/failed-turns.js';
import type { EffectHandlers, TimerHandlers } from './runtime/feature.js';
import { FlowEffects } from './runtime/flow-effects.js';
import type { SecondOpinionFactory } from './nlu/llm/load.js';
import { EmergencyDetector } from './nlu/emergency.js';
import { CLARIFY_BELOW } from '../flows/reception/reading.js';
import { identify } from './domain/sender.js';
import { CardPresses } from './staff/card-presses.js';
import { StaffCommands } from './staff/commands.js';
import { ticketFeature } from './tickets/feature.js';

export type { App } from './runtime/app.js';

/** The settings of `createApp` that come from the configuration (src/config.ts). */
export interface AppSettings {
  botId: string;
  idleCloseMs: number;
  governor: CoreOptions['governor'];
  /** Day of the month for the arrears reminders; 0: none scheduled. */
  arrearsReminderDay: number;
  /** How long binding stays locked for a wechat id after three failed tries. */
  bindingLockMs: number;
  /** A message delivered this late gets an apology first; this late, it goes to staff (a backlog after re-login). */
  lateReplyAfterMs: number;
  staleAfterMs: number;
  staffRoom?: string;
}

/** What the app runs on, and any settings that differ from the schema's defaults. */
export type AppOptions = Omit<CoreOptions, keyof AppSettings> &
  Partial<AppSettings> & {
    /** The language model as a second opinion (WUYE_LLM_MODE), loaded only when it is on (`loadSecondOpinion`). */
    secondOpinion?: SecondOpinionFactory;
  };

export function settingsFrom(config: Config): AppSettings {
  return {
    botId: config.botId,
    idleCloseMs: config.idleCloseMs,
    bindingLockMs: config.bindingLockMs,
    governor: config.governor,
    arrearsReminderDay: config.arrearsReminderDay,
    lateReplyAfterMs: config.lateReplyAfterMs,
    staleAfterMs: config.staleAfterMs,
    ...(config.staffRoom && { staffRoom: config.staffRoom }),
  };
}

/** Wiring only: the core, the features (each from its own folder), and the bot that runs them. */
export function createApp(given: AppOptions): App {
  // What the caller does not set is the schema's default (src/config.ts): one place for each.
  const options: CoreOptions & AppSettings & AppOptions = { ...settingsFrom(loadConfig({})), ...given };
  const core = createCore(options);
  const { store, log, outbound, dispatcher, ledger } = core;
  const conversation = conversationFeature(core);
  const repair = repairFeature(core);
  const complaint = complaintFeature(core);
  const card = cardFeature(core);
  const handoff = handoffFeature(core);
  const identity = identityFeature(core, options.bindingLockMs);
  const ticketDeps = {
    repair: repair.repair,
    reminders: repair.reminders,
    followUp: complaint.followUp,
    handoff: handoff.handoff,
    cards: card.cards,
  };
  const tickets = ticketFeature(core, ticketDeps);
  const faq = faqFeature(core, identity.statements, tickets.tickets);
  const arrears = arrearsFeature(core, repair.reminders, card.cards, options.arrearsReminderDay);
  const emergency = emergencyFeature(core, repair.schedule);
  const praise = praiseFeature(core);
  // Every named effect performed by exactly one feature: a missing one does not compile.
  const effects = {
    ...conversation.effects,
    ...tickets.effects,
    ...identity.effects,
    ...repair.effects,
    ...complaint.effects,
    ...emergency.effects,
    ...arrears.effects,
    ...card.effects,
    ...praise.effects,
    ...handoff.effects,
    ...faq.effects,
  } satisfies EffectHandlers;
  const timers = { ...repair.timers, ...complaint.timers, ...arrears.timers } satisfies TimerHandlers;

  const secondOpinion = options.secondOpinion?.({
    clock: core.clock,
    log,
    emergencyKinds: new EmergencyDetector().kinds,
    clarifyBelow: CLARIFY_BELOW,
    staffTitles: Object.values(core.understander.staffTitles).flat(),
    notifyPaused: (at, minutes) =>
      store.transaction(() => outbound.notifyDesk({ key: 'staff.ops.llm_paused', params: { minutes } }, at, 'ops')),
  });
  const commands = new StaffCommands([tickets.commands, identity.commands, arrears.commands, faq.commands]);
  const bot: Bot = new Bot({
    store,
    clock: core.clock,
    understander: core.understander,
    knowledge: faq.knowledge,
    commands,
    runner: new ConversationRunner(store, new FlowEffects(effects), {
      idleCloseMs: options.idleCloseMs,
      // A matter that waited is read as if just written (the bot is built below; this runs later), by
      // whoever the sender is now: the first matter may just have verified them.
      understandLater: (text, turn): ConversationEvent => {
        const sender = identify(store, turn.sender.wechatId);
        const message = {
          id: `${turn.conversationKey}@${turn.at}`,
          from: turn.sender.wechatId,
          kind: 'text' as const,
          text,
          at: turn.at,
        };
        return bot.read(message, sender, turn.at);
      },
    }),
    binder: identity.binder,
    timers,
    outbound,
    dispatcher,
    failures: new FailedTurns(store, ledger, outbound, log),
    log,
    selfId: options.botId,
    choices: core.menus,
    ...(options.staffRoom && { staffRoom: options.staffRoom }),
    lateReplyAfterMs: options.lateReplyAfterMs,
    staleAfterMs: options.staleAfterMs,
    ...(secondOpinion && { secondOpinion }),
  });
  const flush = async () => {
    await bot.runDueTimers(core.clock.now());
    await dispatcher.flush();
  };
  const arrive = (party: string) => bot.arrive(party);
  const kf = new KfSessionEffects({
    store,
    ledger,
    outbound,
    clock: core.clock,
    arrive,
    toResident: core.toResident,
    flush,
  });
  // A staff card's button runs the same command as typing it (WeCom).
  const cardCommands = core.menus.cardCommands();
  const cards = new CardPresses({ store, commands, outbound, clock: core.clock, cardCommands, flush });
  return runningApp(core, bot, kf, cards);
}
