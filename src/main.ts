import type { ConversationEvent } from '../flows/events.js';
import { arrearsFeature } from './arrears/feature.js';
import { cardFeature } from './card/feature.js';
import { complaintFeature } from './complaint/feature.js';
import { loadConfig } from './config.js';
import { emergencyFeature } from './emergency/feature.js';
import { faqFeature } from './faq/feature.js';
import { handoffFeature } from './handoff/feature.js';
import { identityFeature } from './identity/feature.js';
import { praiseFeature } from './praise/feature.js';
import { repairFeature } from './repair/feature.js';
import { runningApp, type App } from './runtime/app.js';
import { Bot } from './runtime/bot.js';
import { conversationFeature } from './runtime/conversation-feature.js';
import { ConversationRunner } from './runtime/conversation-runner.js';
import { createCore, type CoreOptions } from './runtime/core.js';
import { settingsFrom, type AppOptions, type AppSettings } from './runtime/app-settings.js';
import { wireSecondOpinion } from './runtime/second-opinion-wiring.js';
import { FailedTurns } from './runtime/failed-turns.js';
import type { EffectHandlers, TimerHandlers } from './runtime/feature.js';
import { FlowEffects } from './runtime/flow-effects.js';
import { identify } from './domain/sender.js';
import { StaffCommands } from './staff/commands.js';
import { ticketFeature } from './tickets/feature.js';
import { ResidentRelay } from './staff/resident-relay.js';

export type { App } from './runtime/app.js';

export { settingsFrom, type AppOptions, type AppSettings } from './runtime/app-settings.js';

/** Wiring only: the core, the features (each from its own folder), and the bot that runs them. */
export function createApp(given: AppOptions): App {
  // What the caller does not set is the schema's default (src/config.ts): one place for each.
  const options: CoreOptions & AppSettings & AppOptions = { ...settingsFrom(loadConfig({})), ...given };
  const core = createCore(options);
  const { store, log, outbound, dispatcher, ledger } = core;
  const conversation = conversationFeature(core);
  const repair = repairFeature(core);
  const complaint = complaintFeature(core, repair.schedule);
  const card = cardFeature(core);
  const handoff = handoffFeature(core);
  const identity = identityFeature(core, options.bindingLockMs);
  // Staff's word to residents, from ticket commands and answers alike, waits out the quiet hours the same way.
  const relay = new ResidentRelay(store, core.levels, outbound, (at) => core.governor.quietUntil(at));
  const ticketDeps = {
    relay,
    repair: repair.repair,
    reminders: repair.reminders,
    followUp: complaint.followUp,
    handoff: handoff.handoff,
    cards: card.cards,
  };
  const tickets = ticketFeature(core, ticketDeps);
  const arrears = arrearsFeature(core, repair.reminders, card.cards, options.arrearsReminderDay);
  const faq = faqFeature(core, identity.statements, tickets.tickets, arrears.effects.agreePayment, relay);
  const emergency = emergencyFeature(core, repair.schedule);
  tickets.work.emergencyClaimed = (ticket, by, at) => emergency.emergencies.tellClaimed(ticket, by, at);
  tickets.work.worksOn = (staffId, at) => repair.schedule.worksOn(staffId, at);
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

  const secondOpinion = options.secondOpinion && wireSecondOpinion(core, options.secondOpinion);
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
        const id = `${turn.conversationKey}@${turn.at}`;
        return bot.read({ id, from: turn.sender.wechatId, kind: 'text', text, at: turn.at }, sender, turn.at);
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
  return runningApp(core, bot, commands);
}
