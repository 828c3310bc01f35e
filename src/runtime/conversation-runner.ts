import type { AnyMachineSnapshot } from 'xstate';
import type { ConversationEvent } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { ENTRY_FLOW, FLOWS, type FlowDefinition } from '../../flows/index.js';
import { asksBillAside, asksKnownQuestion, isAside } from '../../flows/interruptions.js';
import { mayNameTime } from '../nlu/times.js';
import type { ConversationRecord } from '../store/conversation-repo.js';
import type { Store } from '../store/store.js';
import type { Sender } from '../domain/sender.js';
import type { FlowAction, FlowEffects } from './flow-effects.js';
import { persistSnapshot, pureInitialTransition, pureTransition, reviveSnapshot } from './pure-transition.js';

export interface Turn {
  conversationKey: string;
  /** Where replies go: the person, or the room they wrote in. */
  replyTo: string;
  sender: Sender;
  event: ConversationEvent;
  at: number;
  /** The timer this turn fires; marked fired in the same transaction, so it fires once. */
  timerId?: number;
  /** Said before anything else this turn (an apology for a reply that comes late). */
  preface?: PhraseRef;
  /** A photo or file the message carried: kept, and linked to the resident's repair or complaint ticket. */
  attachment?: { messageId: string; kind: string; path: string };
}

export interface RunnerConfig {
  /** Silence after which an open conversation is closed with the farewell. */
  idleCloseMs: number;
  /** Understands a waiting matter when its turn comes (as if the resident had just written it). */
  understandLater?: (text: string, turn: Turn) => ConversationEvent;
}

/** At most this many waiting matters are taken up in one turn. */
const QUEUED_PER_TURN = 2;

/** Events that come from the resident's own message; anything else is the office speaking first. */
const isResidentSpeaking = (event: ConversationEvent) =>
  ['TEXT', 'NO_WORDS', 'TOO_LONG', 'NON_TEXT'].includes(event.type);

const idleTimerName = (conversationKey: string) => `idle:${conversationKey}`;

const EMERGENCY_FLOW = 'emergency';
/** An emergency heard for sure interrupts whatever task the conversation is in. */
const heardDanger = (event: ConversationEvent) => event.type === 'TEXT' && event.emergency?.sure === true;
const asksForPerson = (event: ConversationEvent) => event.type === 'TEXT' && event.wantsPerson === true;
/** Reception with nothing under way: free to take up a matter that waited. */
const isListening = (flow: FlowDefinition, snapshot: AnyMachineSnapshot) =>
  flow.id === ENTRY_FLOW && snapshot.status === 'active' && snapshot.matches('listening');
/** Reception waiting only for a rating or a verdict, which a resident may leave unsaid. */
const awaitsOptionalAnswer = (flow: FlowDefinition, snapshot: AnyMachineSnapshot) =>
  flow.id === ENTRY_FLOW &&
  snapshot.status === 'active' &&
  (snapshot.matches('awaitingRating') || snapshot.matches('awaitingResolution'));

/**
 * One conversation turn: load the snapshot, take the flow's pure transition, perform its effects,
 * and commit snapshot, replies, log and timers in ONE transaction — a crash leaves all or nothing.
 */
export class ConversationRunner {
  constructor(
    private readonly store: Store,
    private readonly effects: FlowEffects,
    private readonly config: RunnerConfig,
  ) {}

  run(turn: Turn): void {
    this.store.transaction(() => {
      if (turn.timerId !== undefined && !this.store.timers.markFired(turn.timerId, turn.at)) return;
      const record = this.store.conversations.get(turn.conversationKey);
      const isOpen = record?.status === 'open';
      let event = turn.event;
      // A timer for a conversation that already ended has nothing left to do.
      if (event.type === 'IDLE' && !isOpen) return;

      const effects: FlowAction[] = [];
      if (turn.preface) this.effects.perform([{ type: 'say', params: turn.preface }], turn);
      if (turn.attachment)
        this.store.attachments.keep({
          ...turn.attachment,
          party: turn.sender.wechatId,
          conversationKey: turn.conversationKey,
          at: turn.at,
        });
      let flow = FLOWS[record?.flow ?? ENTRY_FLOW];
      let snapshot: AnyMachineSnapshot;
      let startedAt = record?.startedAt ?? turn.at;
      if (isOpen && flow && flow.version === record.machineVersion) {
        snapshot = reviveSnapshot(flow.machine, record.snapshot as Record<string, unknown>);
      } else {
        flow = FLOWS[ENTRY_FLOW]!;
        startedAt = turn.at;
        const chasing = event.type === 'TEXT' && (event.openTickets ?? 0) > 0 && event.aboutTicket !== undefined;
        const danger = event.type === 'TEXT' && event.emergency !== undefined;
        snapshot = this.start(flow, effects, {
          restarted: isOpen,
          proactive: !isResidentSpeaking(event),
          chasing,
          danger,
        });
        this.armIdle(turn, turn.at + this.config.idleCloseMs);
      }
      if (event.type === 'IDLE' && isOpen) {
        // The idle timer is armed once and moved only when it fires early: no timer write per message.
        const idleAt = record.updatedAt + this.silenceAfter(snapshot);
        if (idleAt > turn.at) return this.armIdle(turn, idleAt);
        event = { type: 'IDLE', lateMs: turn.at - idleAt, silentMs: turn.at - record.updatedAt };
      }

      // Danger comes before any task, and so does a request for a person: the task lets go of what it
      // holds, and reception turns to the emergency or hands over.
      if ((heardDanger(event) || asksForPerson(event)) && flow.id !== ENTRY_FLOW && flow.id !== EMERGENCY_FLOW) {
        snapshot = this.step(flow, snapshot, { type: 'SUSPEND', ...(heardDanger(event) && { danger: true }) }, effects);
        flow = FLOWS[ENTRY_FLOW]!;
        snapshot = this.start(flow, effects, { restarted: false, proactive: true });
      }

      const queued = [...(isOpen ? record.queued : [])];
      if (event.type === 'TEXT' && event.dropsWaiting === true && queued.length > 0) {
        queued.pop();
        this.effects.perform([{ type: 'say', params: { key: 'reception.waiting_dropped' } }], turn);
      }
      const aboutWaiting =
        event.type === 'TEXT' && event.aboutWaiting === true && queued.length > 0 && !isListening(flow, snapshot);
      // Asked again, the waiting question with an approved answer (办公室几点上班), or a verified household's bill
      // (先看欠费), is answered now, by the task under way as an aside, and waits no more; anything else about the
      // matter that waits is kept for it, and the task goes on undisturbed.
      // So is a waiting matter raised again when only a rating is asked for: it is taken up now.
      const answeredNow =
        aboutWaiting &&
        (awaitsOptionalAnswer(flow, snapshot) ||
          asksKnownQuestion(event) ||
          (isAside(event) && event.identity === 'bound'));
      if (answeredNow) queued.pop();
      // The waiting question asked again in other words (今天开门吗 … 办公室几点关门) and answered: it waits no more.
      else if (event.type === 'TEXT' && asksKnownQuestion(event) && queued.length > 0 && this.config.understandLater) {
        const waiting = this.config.understandLater(queued[queued.length - 1]!, turn);
        if (waiting.type === 'TEXT' && waiting.faq === event.faq) queued.pop();
      }
      // A yes first (对 两个都要修) answers the task under way; the waiting matter keeps its turn.
      const forLater = aboutWaiting && !answeredNow && !(event.type === 'TEXT' && event.answer === 'yes');
      // "两个都明天上午": the time said for both is the waiting matter's too, unless it has its own.
      const last = queued.length - 1;
      if (event.type === 'TEXT' && event.bothAt && last >= 0 && !mayNameTime(queued[last]!))
        queued[last] += ` ${event.bothAt}`;
      if (forLater)
        this.effects.perform([...effects, { type: 'say', params: { key: 'reception.noted_for_later' } }], turn);
      else ({ flow, snapshot } = this.advance({ flow, snapshot }, event, turn, effects));
      // A second matter of the same message waits its turn, and is taken up once reception is free.
      // More about a matter already waiting (its details given early) joins it, rather than becoming a third.
      if (event.type === 'TEXT' && event.next && (!event.aboutWaiting || forLater)) {
        if (queued.length > 0) queued[queued.length - 1] += ` ${event.next}`;
        else {
          // A third matter after the second (马统堵了 顺便问下我家欠多少 还有停车月卡多少钱): each in its turn.
          for (let next: string | undefined = event.next, n = 0; next && n < QUEUED_PER_TURN; n++) {
            queued.push(next);
            // A known question beside a task (补办门禁卡要多少钱？还有你们周六上班不) waits for nothing: the task
            // answers it as an aside now, and asks its own question again.
            const aside: ConversationEvent | undefined =
              this.config.understandLater && !isListening(flow, snapshot)
                ? this.config.understandLater(next, turn)
                : undefined;
            // So does a verified household's bill asked beside it (续费 顺便看看我还欠啥): shown now, the task goes on.
            // During an emergency only those two (那停车费呢): answered with where it stands; anything else waits.
            const billAside =
              aside?.type === 'TEXT' &&
              aside.identity === 'bound' &&
              (flow.id === EMERGENCY_FLOW ? asksBillAside(aside) : isAside(aside));
            next = undefined;
            if (aside && (asksKnownQuestion(aside) || billAside)) {
              queued.pop();
              ({ flow, snapshot } = this.advance({ flow, snapshot }, aside, turn, []));
              if (aside.type === 'TEXT') next = aside.next;
            }
          }
        }
      }
      for (
        let n = 0;
        n < QUEUED_PER_TURN && queued.length > 0 && this.config.understandLater && isListening(flow, snapshot);
        n++
      ) {
        this.effects.perform([{ type: 'say', params: { key: 'reception.next_topic' } }], turn);
        ({ flow, snapshot } = this.advance(
          { flow, snapshot },
          this.config.understandLater(queued.shift()!, turn),
          turn,
          [],
        ));
      }
      const closed = snapshot.status === 'done';
      this.save(turn, flow, snapshot, closed, startedAt, record, closed ? [] : queued);
      if (closed) return this.store.timers.cancel(idleTimerName(turn.conversationKey));
      const silence = this.silenceAfter(snapshot);
      // Silence the flow chose to wait out (a person is handling it): look again after another spell; and a question
      // that cannot wait the usual hours for its answer (is anyone inside the lift?) is looked at sooner.
      if (event.type === 'IDLE' || silence < this.config.idleCloseMs) this.armIdle(turn, turn.at + silence);
    });
  }

  /** How long silence is waited out in this state: the usual hours, or less where a state says (`silenceAfterMs`). */
  private silenceAfter(snapshot: AnyMachineSnapshot): number {
    const shorter = Object.values(snapshot.getMeta() as Record<string, { silenceAfterMs?: number } | undefined>)
      .map((meta) => meta?.silenceAfterMs)
      .filter((ms): ms is number => ms !== undefined);
    return Math.min(this.config.idleCloseMs, ...shorter);
  }

  /**
   * Steps the flow and performs its effects. Effects may answer the flow in the same turn (a
   * binding check), and a flow may hand the conversation to another (reception → repair booking);
   * a task flow that finishes hands it back to reception. Bounded: it cannot loop.
   */
  private advance(
    state: { flow: FlowDefinition; snapshot: AnyMachineSnapshot },
    event: ConversationEvent,
    turn: Turn,
    effects: FlowAction[],
  ) {
    let { flow, snapshot } = state;
    snapshot = this.step(flow, snapshot, event, effects);
    let pending = effects;
    for (let round = 0; round < 4 && pending.length > 0; round++) {
      const next: FlowAction[] = [];
      const handoff = pending.find((a) => a.type === 'startFlow')?.params as
        { flow: string; event: ConversationEvent } | undefined;
      const answers = this.effects.perform(
        pending.filter((a) => a.type !== 'startFlow'),
        turn,
      );
      for (const answer of answers) snapshot = this.step(flow, snapshot, answer, next);
      if (handoff && FLOWS[handoff.flow]) {
        flow = FLOWS[handoff.flow]!;
        snapshot = this.step(flow, this.start(flow, next, { restarted: false, proactive: true }), handoff.event, next);
      }
      // A task flow that ends because nobody answered ends the conversation with it.
      if (flow.id !== ENTRY_FLOW && snapshot.status === 'done' && event.type !== 'IDLE') {
        flow = FLOWS[ENTRY_FLOW]!;
        snapshot = this.start(flow, next, { restarted: false, proactive: true });
      }
      pending = next;
    }
    return { flow, snapshot };
  }

  private armIdle(turn: Turn, at: number): void {
    this.store.timers.arm(
      idleTimerName(turn.conversationKey),
      turn.conversationKey,
      {
        type: 'conversation',
        party: turn.sender.wechatId,
        replyTo: turn.replyTo,
        // lateMs is worked out when it fires, from the conversation's last activity.
        event: { type: 'IDLE', lateMs: 0 },
      },
      at,
    );
  }

  private start(
    flow: FlowDefinition,
    effects: FlowAction[],
    how: { restarted: boolean; proactive: boolean; chasing?: boolean; danger?: boolean },
  ): AnyMachineSnapshot {
    const [initial, initialEffects] = pureInitialTransition(flow.machine);
    effects.push(...initialEffects);
    const start: ConversationEvent = {
      type: 'START',
      ...(how.restarted && { restarted: true }),
      ...(how.proactive && { proactive: true }),
      ...(how.chasing && { chasing: true }),
      ...(how.danger && { danger: true }),
    };
    return this.step(flow, initial, start, effects);
  }

  private step(
    flow: FlowDefinition,
    snapshot: AnyMachineSnapshot,
    event: ConversationEvent,
    effects: FlowAction[],
  ): AnyMachineSnapshot {
    const [next, actions] = pureTransition(flow.machine, snapshot, event);
    effects.push(...actions);
    return next;
  }

  private save(
    turn: Turn,
    flow: FlowDefinition,
    snapshot: AnyMachineSnapshot,
    closed: boolean,
    startedAt: number,
    previous: ConversationRecord | undefined,
    queued: string[],
  ): void {
    this.store.conversations.save({
      key: turn.conversationKey,
      party: previous?.party ?? turn.sender.wechatId,
      replyTo: turn.replyTo,
      flow: flow.id,
      machineVersion: flow.version,
      snapshot: persistSnapshot(flow.machine, snapshot),
      status: closed ? 'closed' : 'open',
      startedAt,
      updatedAt: turn.at,
      queued,
    });
  }
}
