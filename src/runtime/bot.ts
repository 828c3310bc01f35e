import type { Staff } from '../store/community-repo.js';
import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '../domain/messages.js';
import type { ConversationEvent } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { ModelAnswer } from '../nlu/llm/client.js';
import type { TimerHandler } from './feature.js';
import type { BotDeps } from './bot-deps.js';
import { looksLikeCommand } from '../staff/commands.js';
import type { StoredInbound } from '../store/message-repo.js';
import type { Timer } from '../store/timer-repo.js';
import { identify, type Sender } from '../domain/sender.js';
import { maskPhones } from '../domain/privacy.js';
import { KeyedQueue } from './keyed-queue.js';
import { MessageReader } from './message-reader.js';
import { consultThenProcess, type Inbox } from './second-opinion-consult.js';

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

  private readonly reader: MessageReader;

  constructor(private readonly deps: BotDeps) {
    this.reader = new MessageReader(deps);
  }

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

  /** The model, when there is one and the offline reading is unsure, is asked before the turn's transaction. */
  private consultThenProcess(message: StoredInbound, inbox: Inbox): void | Promise<void> {
    return consultThenProcess(this.deps, this.reader, message, inbox, (m, i, advice) => this.process(m, i, advice));
  }

  private process(message: StoredInbound, inbox: Inbox, advice?: ModelAnswer): void {
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
    return this.reader.read(message, sender, at, conversation, advice);
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
