import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Transport } from './adapters/transport.js';
import { EscalationLadder } from './ledger/escalation.js';
import { Ledger } from './ledger/ledger.js';
import { ServiceLevels } from './ledger/service-levels.js';
import { Understander } from './nlu/understander.js';
import { Binder } from './identity/binder.js';
import { Statements } from './identity/statements.js';
import { FeeStandards } from './fees/fee-standards.js';
import { RepairEffects } from './repair/repair-effects.js';
import { Schedule } from './repair/schedule.js';
import { VisitReminders } from './repair/visit-reminders.js';
import { ComplaintEffects } from './complaint/complaint-effects.js';
import { ComplaintFollowUp } from './complaint/complaint-follow-up.js';
import { ComplaintLinks } from './complaint/complaint-links.js';
import { PaymentPromises } from './arrears/payment-promises.js';
import { Receipts } from './arrears/receipts.js';
import { ArrearsCampaign } from './arrears/campaign.js';
import { ScheduledCampaign } from './arrears/scheduled-campaign.js';
import { PhraseCatalog } from './phrases/catalog.js';
import { Menus } from './phrases/menus.js';
import { KfSessionEffects } from './handoff/kf-session.js';
import { Bot } from './runtime/bot.js';
import { identify } from './runtime/identity.js';
import type { SteerableClock } from './runtime/clock.js';
import { ConversationRunner } from './runtime/conversation-runner.js';
import { FlowEffects } from './runtime/flow-effects.js';
import { FailedTurns } from './runtime/failed-turns.js';
import { Outbound } from './runtime/outbound.js';
import { OutboxDispatcher } from './runtime/outbox-dispatcher.js';
import { Scheduler } from './runtime/scheduler.js';
import { OutboundGovernor } from './runtime/governor.js';
import { StaffCommands } from './staff/commands.js';
import { ListCommands } from './staff/list-commands.js';
import { TicketCommands } from './staff/ticket-commands.js';
import { IdentityCommands } from './staff/identity-commands.js';
import { PaymentCommands } from './staff/payment-commands.js';
import { ConsultationCommands } from './staff/consultation-commands.js';
import { CardEffects } from './card/card-effects.js';
import { EmergencyEffects } from './emergency/emergency-effects.js';
import { ChaseEffects } from './tickets/chase-effects.js';
import { EmergencyDetector } from './nlu/emergency.js';
import { HandoffEffects } from './handoff/handoff-effects.js';
import { PraiseEffects } from './praise/praise-effects.js';
import { KnowledgeBase } from './faq/knowledge-base.js';
import type { Store } from './store/store.js';
import type { Ticket } from './store/ticket-repo.js';
import type { ConversationEvent, PhraseRef } from '../flows/events.js';

export interface AppOptions {
  store: Store;
  clock: SteerableClock;
  transport: Transport;
  log: Logger;
  botId: string;
  idleCloseMs: number;
  staffRoom?: string;
  levels?: ServiceLevels;
  /** Pace and quiet hours for messages the office sends first. */
  governor?: { perMinute: number; perHour: number; perDay: number; quiet: Array<{ start: string; end: string }> };
  /** Day of the month for the arrears reminders; 0 or absent: none scheduled. */
  arrearsReminderDay?: number;
  /** Jitter source for the governor (fixed in tests). */
  random?: () => number;
  /** How long binding stays locked for a wechat id after three failed tries. */
  bindingLockMs?: number;
  /** Built once and shared (loading the segmenter's dictionary takes a moment). */
  understander?: Understander;
  /** A message delivered this late gets an apology first; this late, it goes to staff (a backlog after re-login). */
  lateReplyAfterMs?: number;
  staleAfterMs?: number;
}

export interface App {
  bot: Bot;
  scheduler: Scheduler;
  dispatcher: OutboxDispatcher;
  ladder: EscalationLadder;
  outbound: Outbound;
  store: Store;
  clock: SteerableClock;
  levels: ServiceLevels;
  /** Runs everything due (timers, the ladder) and retries due sends: on a tick, or after a clock move. */
  tick(): Promise<void>;
  /** Moves the clock forward, firing every deadline on the way, in order. */
  advanceTo(target: number): Promise<void>;
  /** A word about the bot itself (logged in, logged out, an error) for the staff room, or the desk. */
  notifyOps(ref: PhraseRef): Promise<void>;
  /** What the office does about 微信客服's session events (WeCom). */
  kf: KfSessionEffects;
}

/** The settings of `createApp` that come from the configuration, the same for every command that runs the bot. */
export function settingsFrom(config: Config): Omit<AppOptions, 'store' | 'clock' | 'transport' | 'log'> {
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

/** Wiring only: builds the runtime around a store, a clock and a transport. */
export function createApp(options: AppOptions): App {
  const { store, clock, transport, log } = options;
  const phrases = PhraseCatalog.load();
  const levels = options.levels ?? ServiceLevels.load();
  const menus = Menus.load();
  const outbound = new Outbound(store, phrases, { workHours: levels, ...(options.staffRoom && { staffRoom: options.staffRoom }) }, menus);
  const ledger = new Ledger(store, levels);
  const governor = new OutboundGovernor(
    { jitterMs: 5_000, ...(options.governor ?? { perMinute: 20, perHour: 1000, perDay: 500, quiet: [{ start: '21:00', end: '08:30' }, { start: '12:00', end: '14:00' }] }) },
    { sentSince: (from) => store.outbox.proactiveSentSince(from), sendTimesSince: (from) => store.outbox.proactiveSendTimesSince(from) },
    options.random,
  );
  const dispatcher = new OutboxDispatcher(store, transport, clock, log, governor, (recipient, at) =>
    outbound.notifyStaff(identify(store, recipient), { key: 'staff.delivery_held' }, at),
  );
  const ladder = new EscalationLadder(store, ledger, outbound, log);
  const binder = new Binder(store, options.bindingLockMs ?? 6 * 3_600_000);
  const reminders = new VisitReminders(store, outbound, governor);
  const fees = FeeStandards.load();
  const followUp = new ComplaintFollowUp(store, ledger, outbound, governor);
  const complaintLinks = new ComplaintLinks(store, ledger, outbound, followUp);

  /**
   * An event for a resident's conversation (a rating asked, a time proposed, a handoff ended),
   * delivered durably (a timer due now) after this turn. It changes what the conversation waits
   * for, so it is not held back: the resident's next words must meet the new state.
   */
  const toResident = (ticket: Ticket, event: ConversationEvent, name: string, at: number) =>
    store.timers.arm(name, ticket.conversationKey, { type: 'conversation', party: ticket.party, replyTo: ticket.replyTo, event }, at);

  const scheduledCampaign = options.arrearsReminderDay
    ? new ScheduledCampaign(store, new ArrearsCampaign(store, outbound), options.arrearsReminderDay)
    : undefined;
  scheduledCampaign?.ensureArmed(clock.now());

  const understander = options.understander ?? Understander.load();
  const cards = new CardEffects(store, ledger, outbound, fees);
  const schedule = new Schedule(store);
  const repair = new RepairEffects(store, ledger, outbound, schedule, reminders, fees, understander.costWords);
  const knowledge = KnowledgeBase.open(store, fees);
  const effects = new FlowEffects({
    store,
    ledger,
    levels,
    outbound,
    binder,
    statements: new Statements(store, outbound, fees),
    fees,
    repair,
    chases: new ChaseEffects(store, ledger, outbound, understander.ticketHints, (ticket, text, scope) =>
      ticket.type === 'complaint'
        ? followUp.resolve({ ticket: ticket.number, satisfied: false }, scope)
        : repair.recordRating({ ticket: ticket.number, scores: [], unhappy: true, text }, scope),
    ),
    emergencies: new EmergencyEffects(store, ledger, outbound, schedule, new EmergencyDetector()),
    reminders,
    complaints: new ComplaintEffects(store, ledger, outbound, followUp, complaintLinks, understander.staffTitles),
    complaintLinks,
    followUp,
    payments: new PaymentPromises(store, outbound, reminders, ledger, levels),
    cards,
    handoff: new HandoffEffects(store, ledger, outbound),
    praise: new PraiseEffects(store, outbound),
    knowledge,
    quietHours: governor,
  });

  const bot: Bot = new Bot({
    store,
    clock,
    understander,
    knowledge,
    commands: new StaffCommands(
      new TicketCommands(store, ledger, outbound, toResident, followUp, cards, (at) => governor.quietUntil(at)),
      new ConsultationCommands(store, ledger, outbound, knowledge),
      new ListCommands(store, ledger, outbound),
      new IdentityCommands(binder),
      new PaymentCommands(store, new Receipts(store, outbound), cards),
    ),
    runner: new ConversationRunner(store, effects, {
      idleCloseMs: options.idleCloseMs,
      // A matter that waited is read as if just written (the bot is built below; this runs later), by
      // whoever the sender is now: the first matter may just have verified them.
      understandLater: (text, turn): ConversationEvent => {
        const sender = identify(store, turn.sender.wechatId);
        return bot.read({ id: `${turn.conversationKey}@${turn.at}`, from: turn.sender.wechatId, kind: 'text', text, at: turn.at }, sender, turn.at);
      },
    }),
    binder,
    reminders,
    complaints: followUp,
    ...(scheduledCampaign && { campaigns: scheduledCampaign }),
    outbound,
    dispatcher,
    failures: new FailedTurns(store, ledger, outbound, log),
    log,
    selfId: options.botId,
    choices: menus,
    ...(options.staffRoom && { staffRoom: options.staffRoom }),
    ...(options.lateReplyAfterMs !== undefined && { lateReplyAfterMs: options.lateReplyAfterMs }),
    ...(options.staleAfterMs !== undefined && { staleAfterMs: options.staleAfterMs }),
  });

  const within = (limit: number, t: number | undefined) => (t !== undefined && t <= limit ? t : undefined);
  const scheduler = new Scheduler([
    // Messages waiting for a retry or for the end of quiet hours leave at their time, in order with the rest.
    { nextDueAt: (limit) => within(limit, store.outbox.nextWaitingAfter(clock.now())), runDue: () => dispatcher.flush() },
    { nextDueAt: (limit) => within(limit, store.timers.earliestDueAt()), runDue: (now) => bot.runDueTimers(now) },
    {
      nextDueAt: (limit) => within(limit, ladder.nextDueAt()),
      runDue: async (now) => {
        ladder.runDue(now);
        await dispatcher.flush();
      },
    },
  ]);
  const kf = new KfSessionEffects({
    store,
    ledger,
    outbound,
    clock,
    arrive: (party) => bot.arrive(party),
    toResident,
    flush: async () => {
      await bot.runDueTimers(clock.now());
      await dispatcher.flush();
    },
  });
  return {
    kf,
    bot,
    scheduler,
    dispatcher,
    ladder,
    outbound,
    store,
    clock,
    levels,
    async tick() {
      await scheduler.runDue(clock.now());
      await dispatcher.flush();
    },
    async notifyOps(ref) {
      const at = clock.now();
      store.transaction(() => outbound.notifyDesk(ref, at, 'ops'));
      await dispatcher.flush();
    },
    async advanceTo(target) {
      await dispatcher.flush(); // what is due now leaves now, before the clock moves
      await scheduler.advanceTo(clock, target);
      await dispatcher.flush();
    },
  };
}
