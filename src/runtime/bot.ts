import type { Staff, StaffName } from '../store/community-repo.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { InboundMessage } from '../domain/messages.js';
import type { ConversationEvent } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { mayAskKnowledge, understand } from '../nlu/understand.js';
import type { Understander } from '../nlu/understander.js';
import type { ModelAnswer } from '../nlu/llm/client.js';
import type { SecondOpinion } from '../nlu/llm/second-opinion.js';
import type { Binder } from '../identity/binder.js';
import type { TimerHandler, TimerHandlers } from './feature.js';
import { looksLikeCommand, type StaffCommands } from '../staff/commands.js';
import type { Store } from '../store/store.js';
import type { StoredInbound } from '../store/message-repo.js';
import type { Timer } from '../store/timer-repo.js';
import type { Clock } from '../domain/clock.js';
import type { ConversationRunner } from './conversation-runner.js';
import { identify, type Sender } from '../domain/sender.js';
import { maskPhones } from '../domain/privacy.js';
import { VERDICT_WINDOW_MS } from '../tickets/chase-effects.js';
import { KeyedQueue } from './keyed-queue.js';
import type { Outbound } from './outbound.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import type { FailedTurns } from './failed-turns.js';

export interface BotDeps {
  store: Store;
  clock: Clock;
  understander: Understander;
  /** Consultations answered with one voice: each question is matched against it as it is understood. */
  knowledge?: { match(text: string): string | undefined };
  commands: StaffCommands;
  runner: ConversationRunner;
  outbound: Outbound;
  dispatcher: OutboxDispatcher;
  /** What a resident's turn that failed still owes them: the desk told, a callback promised. */
  failures: FailedTurns;
  log: Logger;
  binder: Binder;
  /** What each feature's timers do when they fire (visit reminders, complaint follow-ups, campaigns). */
  timers: Partial<TimerHandlers>;
  /** What each menu button stands for (a tap comes back as its id). */
  choices?: { replyFor(id: string): string | undefined };
  /** The bot's own wechat id: its own messages echo back on some platforms and must be dropped. */
  selfId: string;
  /** The staff room's id: commands work there; every other room is residents' (building groups). */
  staffRoom?: string;
  /** A language model asked, before the turn's transaction, when the offline reading is unsure (WUYE_LLM_MODE). */
  secondOpinion?: SecondOpinion;
  /** A message the platform delivers this late (a backlog after re-login) is answered with an apology first… */
  lateReplyAfterMs: number;
  /** …and one this late goes to staff instead of getting a stale answer from the bot. */
  staleAfterMs: number;
}

/** A person's conversation key: private chats by person, room chats by room and person. */
export function conversationKey(message: Pick<InboundMessage, 'from' | 'room'>): string {
  return message.room ? `${message.room}/${message.from}` : message.from;
}

/**
 * The one entry point for every transport, and for tests: `handleInbound`. Order matters:
 * drop own messages → dedupe by id (the inbound row is the durable inbox) → one queue per
 * conversation → identify → staff command or resident conversation → send the outbox.
 */
export class Bot {
  private readonly queue = new KeyedQueue();
  /** Ids being processed but not yet committed: a redelivery in that instant is still a duplicate. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: BotDeps) {}

  /** Resolves once the message is processed and everything it caused has been handed to the transport. */
  async handleInbound(message: InboundMessage): Promise<void> {
    const { store, selfId } = this.deps;
    if (message.from === selfId) return;
    const stored: StoredInbound = { ...message, conversationKey: conversationKey(message) };
    if (this.inFlight.has(message.id)) return;
    if (this.queue.isIdle(stored.conversationKey)) {
      // Nothing waits ahead of it: it is recorded in the same transaction as its answer
      // (a redelivered id is found there and skipped).
      this.inFlight.add(message.id);
      try {
        await this.queue.run(stored.conversationKey, () => this.consultThenProcess(stored, 'record'));
      } finally {
        this.inFlight.delete(message.id);
      }
    } else {
      // It has to wait its turn: record it now, so a crash while it waits loses nothing.
      if (!store.messages.receive(stored)) return;
      await this.queue.run(stored.conversationKey, () => this.consultThenProcess(stored, 'recorded'));
    }
    // A turn may have set something in motion for someone else (a staff command's proposal to a resident).
    await this.runDueTimers(this.deps.clock.now());
    await this.deps.dispatcher.flush();
  }

  /**
   * A staff command given in the web console: the same commands, roles and relays as in the chat;
   * the answer comes back as text instead of a message.
   */
  async staffAction(staff: Staff, text: string): Promise<string> {
    const { store, commands, outbound, clock } = this.deps;
    const at = clock.now();
    const answer = store.transaction(() =>
      [commands.execute(text, staff, at)].flat().map((ref) => outbound.render(ref, at).text),
    );
    await this.runDueTimers(at);
    await this.deps.dispatcher.flush();
    // Staff see a resident's phone by its last four digits, in the console as in the chat.
    return maskPhones(answer.join('\n'));
  }

  /** The resident opened the chat (WeCom's enter_session): greeted with the menu, in their conversation's turn. */
  async arrive(party: string): Promise<void> {
    const { store, clock } = this.deps;
    await this.queue.run(party, () =>
      this.guard(
        () =>
          this.deps.runner.run({
            conversationKey: party,
            replyTo: party,
            sender: identify(store, party),
            event: { type: 'ARRIVED' },
            at: clock.now(),
          }),
        () => {},
      ),
    );
    await this.deps.dispatcher.flush();
  }

  /** After a crash: answers what was received but never processed, in the order it came. */
  async recover(): Promise<number> {
    const pending = this.deps.store.messages.unprocessed();
    for (const message of pending)
      await this.queue.run(message.conversationKey, () => this.process(message, 'recorded'));
    await this.deps.dispatcher.flush();
    return pending.length;
  }

  /** Fires every durable timer due by `now`, oldest first. */
  async runDueTimers(now: number): Promise<void> {
    if (!this.deps.store.timers.mayBeDue(now)) return;
    for (let timer = this.deps.store.timers.nextDue(now); timer; timer = this.deps.store.timers.nextDue(now)) {
      await this.fireTimer(timer, now);
    }
  }

  /**
   * A conversation's timer becomes an event in it; any other is its feature's (a visit reminder, a
   * complaint's follow-up, the monthly campaign), run in its own transaction. Both go through the
   * conversation's queue when they have one, in order with its messages.
   */
  private async fireTimer(timer: Timer, now: number): Promise<void> {
    const { store, timers } = this.deps;
    const key = timer.conversationKey;
    const payload = timer.event;
    const markFired = () => store.timers.markFired(timer.id, now);
    if (payload.type === 'conversation') {
      if (!key) return void markFired();
      const turn = {
        conversationKey: key,
        replyTo: payload.replyTo,
        sender: identify(store, payload.party),
        event: payload.event,
        at: now,
        timerId: timer.id,
      };
      await this.queue.run(key, () => this.guard(() => this.deps.runner.run(turn), markFired));
    } else {
      const handler = timers[payload.type] as TimerHandler | undefined;
      if (!handler) {
        this.deps.log.error({ timer }, 'timer with no handler; dropping it');
        return void markFired();
      }
      const run = () =>
        store.transaction(() => {
          if (markFired()) handler(payload, now);
        });
      const fire = () => this.guard(run, markFired);
      if (key) await this.queue.run(key, fire);
      else fire();
    }
    await this.deps.dispatcher.flush();
  }

  /**
   * The model, when there is one and the offline reading is unsure, is asked here: before the
   * transaction, which never waits on the network. Without one nothing is awaited, so the turn
   * still starts in the instant the message arrives.
   */
  private consultThenProcess(message: StoredInbound, inbox: 'record' | 'recorded'): void | Promise<void> {
    const { secondOpinion, store, clock } = this.deps;
    const sender = message.kind === 'text' && !looksLikeCommand(message.text) && identify(store, message.from);
    const addressed =
      !message.room || message.room === this.deps.staffRoom || message.mentions?.includes(this.deps.selfId);
    if (!secondOpinion || !sender || sender.kind === 'staff' || !addressed) return this.process(message, inbox);
    const at = clock.now();
    const conversation = message.room && message.room !== this.deps.staffRoom ? message.from : message.conversationKey;
    const offline = this.read(message, sender, at, conversation);
    const lines = store.messages
      .transcript(conversation)
      .filter((l) => l.text && l.at >= at - 2 * 3_600_000)
      .slice(-5);
    const asked = lines.at(-1)?.direction === 'out' ? lines.at(-1)!.text! : undefined;
    if (offline.type !== 'TEXT' || !secondOpinion.wouldAsk(offline, asked !== undefined))
      return this.process(message, inbox);
    // Kept in the inbox while the model thinks: a crash meanwhile loses nothing.
    if (inbox === 'record' && !store.messages.receive(message)) return;
    const names = [
      ...this.staffNames().map((s) => s.name),
      ...(sender.kind === 'resident' ? sender.residents.map((r) => r.name) : []),
    ];
    const history = lines.map((l) => ({ from: l.direction, text: l.text! }));
    return secondOpinion
      .consult({ text: message.text!, offline, ...(asked !== undefined && { asked }), history, names, now: at })
      .then((advice) => this.process(message, 'recorded', advice));
  }

  private process(message: StoredInbound, inbox: 'record' | 'recorded', advice?: ModelAnswer): void {
    const { store, clock } = this.deps;
    const at = clock.now();
    this.guard(
      () =>
        store.transaction(() => {
          if (inbox === 'record') {
            if (!store.messages.receive(message, at)) return; // seen before: a redelivery
          } else store.messages.markProcessed(message, at); // answered in this same commit
          // They wrote: what could not reach them before (a closed reply window) goes now, ahead of the answer.
          store.outbox.release(message.from, at);
          this.route(message, at, advice);
        }),
      (incident) => this.deps.failures.followUp(message, message.room ?? message.from, incident, at),
    );
  }

  private route(message: StoredInbound, at: number, advice?: ModelAnswer): void {
    const { store, outbound } = this.deps;
    const sender = identify(store, message.from);
    const replyTo = message.room ?? message.from;
    const isCommand = message.kind === 'text' && looksLikeCommand(message.text);
    const age = message.sentAt === undefined ? 0 : at - message.sentAt;
    const inResidentsRoom = message.room !== undefined && message.room !== this.deps.staffRoom;
    if (message.room && !isCommand && !message.mentions?.includes(this.deps.selfId)) {
      // Room chatter not addressed to the bot: logged, not answered.
    } else if (sender.kind === 'staff') {
      const answer = isCommand
        ? this.deps.commands.execute(message.text!, sender.staff, at)
        : { key: 'staff.hint', params: { name: sender.staff.name } };
      // Staff answers name residents and their matters: in a residents' group they go to the staff member privately.
      this.replyOutsideFlow(message, inResidentsRoom ? message.from : replyTo, at, answer, true);
    } else if (isCommand) {
      this.replyOutsideFlow(message, replyTo, at, { key: 'reception.staff_command_refused' });
    } else if (age > this.deps.staleAfterMs) {
      // A day late (a backlog after re-login): whatever the bot would say now is stale; a person answers.
      outbound.notifyStaff(
        sender,
        { key: 'staff.stale_message', params: { text: message.text ?? `[${message.kind}]` } },
        at,
      );
    } else {
      // A building group is no place for anyone's personal matters: the conversation moves to a private chat.
      if (inResidentsRoom) outbound.say(message.room!, message.conversationKey, { key: 'room.moved_to_private' }, at);
      const late = age > this.deps.lateReplyAfterMs;
      // A tap on a menu button counts as the reply it stands for, never guessed at; one no menu has, the menu again.
      const reply = message.choice === undefined ? message.text : this.deps.choices?.replyFor(message.choice);
      if (message.choice !== undefined && reply === undefined) {
        return this.replyOutsideFlow(message, replyTo, at, [{ key: 'tap.unknown' }, { key: 'reception.menu' }]);
      }
      const read = { ...message, ...(reply !== undefined && { text: reply }) };
      const event = this.read(read, sender, at, inResidentsRoom ? message.from : message.conversationKey, advice);
      this.deps.runner.run({
        conversationKey: inResidentsRoom ? message.from : message.conversationKey,
        replyTo: inResidentsRoom ? message.from : replyTo,
        sender,
        event,
        at,
        ...(late && { preface: { key: 'input.late_apology' } }),
        ...(message.attachment && {
          attachment: { messageId: message.id, kind: message.kind, path: message.attachment },
        }),
      });
    }
  }

  /** A message understood in its context: who sent it, and whether anything of theirs is under way. */
  read(
    message: InboundMessage,
    sender: Sender,
    at: number,
    conversation?: string,
    advice?: ModelAnswer,
  ): ConversationEvent {
    // A matter waiting its turn in this conversation: what the resident adds about it goes to it.
    const waiting = conversation ? this.deps.store.conversations.get(conversation)?.queued[0] : undefined;
    let event = understand(
      message,
      this.deps.understander,
      at,
      () => this.staffNames(),
      this.identityOf(sender, at),
      this.deps.knowledge,
      waiting,
    );
    // The model's opinion, asked before this transaction, weighed now; a time it points at is read here.
    if (advice && event.type === 'TEXT' && this.deps.secondOpinion) {
      event = this.deps.secondOpinion.decide(
        event,
        advice,
        message.text ?? '',
        (span) => this.deps.understander.understand(span, at).slots,
      );
      if (!event.faq && this.deps.knowledge && mayAskKnowledge(event))
        event.faq = this.deps.knowledge.match(event.text);
      if (event.faq === undefined) delete event.faq;
    }
    // Someone with several homes: a repair asks which one.
    if (event.type === 'TEXT' && sender.kind === 'resident') {
      const units = [...new Set(sender.residents.map((r) => r.unitId))];
      if (units.length > 1) event.units = units;
    }
    // Asking after something under way: whether anything is open decides what it is about.
    if (event.type === 'TEXT' && (event.aboutTicket || event.intent === 'progress' || event.complaint?.refersBack)) {
      const recent =
        event.aboutTicket === 'chase'
          ? this.deps.store.tickets.doneForParty(sender.wechatId, at - VERDICT_WINDOW_MS).length
          : 0;
      event.openTickets = this.deps.store.tickets.openForParty(sender.wechatId).length + recent;
      // "灯坏了 啥时候能来整一下", "业委会什么时候换届": with nothing under way, a when-question is the
      // matter itself, not a chase.
      const matter = event.alternative === 'repair' || event.alternative === 'inquiry' ? event.alternative : undefined;
      if (event.openTickets === 0 && event.intent === 'progress' && !event.aboutTicket && matter) event.intent = matter;
    }
    return event;
  }

  private identityOf(sender: Sender, at: number): 'bound' | 'unbound' | 'locked' {
    if (sender.kind === 'resident') return 'bound';
    return this.deps.binder.isLocked(sender.wechatId, at) ? 'locked' : 'unbound';
  }

  /** Names a resident may mention in praise or a complaint. */
  private staffNames(): StaffName[] {
    return this.deps.store.community.staffNames();
  }

  /**
   * A reply that no flow owns (staff commands, refusals, apologies), committed with the message and its processed mark.
   */
  private replyOutsideFlow(
    message: StoredInbound,
    to: string,
    at: number,
    content: PhraseRef | PhraseRef[],
    forStaff = false,
  ): void {
    const { store, outbound } = this.deps;
    store.transaction(() => {
      store.messages.receive(message, at);
      outbound.say(to, message.conversationKey, content, at, { forStaff });
      store.messages.markProcessed(message, at);
    });
  }

  /**
   * A bug in one turn must not stop the bot or replay forever: log it, mark the input done, and
   * leave the audit trail for a person to follow up.
   */
  private guard(work: () => void, giveUp: (incident: string) => void): void {
    try {
      work();
    } catch (error) {
      const incident = randomUUID();
      this.deps.log.error({ err: error, incident }, 'turn failed');
      this.deps.store.events.record({
        at: this.deps.clock.now(),
        actor: 'bot',
        type: 'turn_failed',
        ref: incident,
        data: { error: String(error) },
      });
      giveUp(incident);
    }
  }
}
