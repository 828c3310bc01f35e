import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { OutboundMessage } from '../domain/messages.js';

/** sync_msg `origin`: 3 the WeChat customer, 4 a system event, 5 one of our servicers in the WeCom client. */
export const ORIGIN = { customer: 3, event: 4, servicer: 5 } as const;

/** A welcome_code may be used once, within about 20 seconds of the enter_session event. */
const WELCOME_CODE_LIFE_MS = 20_000;

/**
 * 微信客服 session states (kf/service_state): 0 untouched, 1 the bot (智能助手), 2 waiting in the
 * servicers' queue, 3 with a servicer, 4 ended. In 2 and 3 a person has the conversation.
 */
export const STATE = { queue: 2, servicer: 3, ended: 4 } as const;

/** msg_send_fail `fail_type`s that only mean the reply window is closed: the message waits for the resident. */
const WINDOW_FAILS = new Set([4, 5, 6]);

/**
 * The phrases with which the bot hands a resident to a person: after one is sent, the session goes to the servicers.
 */
export const HANDOFF_KEYS = new Set([
  'reception.handoff',
  'reception.handoff_after_hours',
  'reception.handoff_angry',
  'reception.handoff_angry_after_hours',
  'reception.fallback_handoff',
]);

export interface KfEvent {
  event_type: string;
  open_kfid?: string;
  external_userid?: string;
  welcome_code?: string;
  fail_msgid?: string;
  fail_type?: number;
  change_type?: number;
  new_servicer_userid?: string;
  old_servicer_userid?: string;
}

/**
 * A message id for WeCom from the outbox row, the same on every attempt (a re-send after a crash is
 * recognised as the same message): a prefix drawn once per database, so two databases (a restored
 * copy, a second community) never collide, and the row id. At most 32 of [0-9a-zA-Z_-].
 */
export class KfMessageIds {
  private prefix: string | undefined;

  constructor(private readonly store: Store) {}

  of(message: OutboundMessage): string | undefined {
    return message.id === undefined ? undefined : `wy${this.ownPrefix()}_${message.id.toString(36)}`;
  }

  /** The outbox row a msgid of ours names; undefined for another sender's id. */
  rowOf(msgid: string): number | undefined {
    const match = /^wy([0-9a-f]{8})_([0-9a-z]+)$/.exec(msgid);
    return match && match[1] === this.ownPrefix() ? parseInt(match[2]!, 36) : undefined;
  }

  private ownPrefix(): string {
    const key = 'wecom.kf.msgid_prefix';
    this.prefix ??= this.store.platform.get(key);
    if (!this.prefix) {
      this.prefix = randomBytes(4).toString('hex');
      this.store.platform.set(key, this.prefix);
    }
    return this.prefix;
  }
}

/** The reason recorded on the outbox row for a msg_send_fail, and whether it waits for the resident. */
export function sendFailure(failType: number | undefined): { reason: string; held: boolean } {
  return { reason: `WeCom msg_send_fail fail_type ${failType ?? 0}`, held: WINDOW_FAILS.has(failType ?? 0) };
}

/** The 微信客服 state of each resident's session, kept across restarts. */
export class KfSessions {
  constructor(private readonly store: Store) {}

  state(party: string): number | undefined {
    const value = this.store.platform.get(`wecom.kf.state:${party}`);
    return value === undefined ? undefined : Number(value);
  }

  set(party: string, state: number): void {
    this.store.platform.set(`wecom.kf.state:${party}`, String(state));
  }

  /** A person has the conversation: the bot stays quiet in it. */
  withPerson(party: string): boolean {
    const state = this.state(party);
    return state === STATE.queue || state === STATE.servicer;
  }

  rememberWelcome(party: string, code: string, at: number): void {
    this.store.platform.set(`wecom.kf.welcome:${party}`, JSON.stringify({ code, at }));
  }

  /**
   * The welcome code, once, while it is alive; an expired one is forgotten (the greeting then waits for the resident).
   */
  takeWelcome(party: string, now: number): string | undefined {
    const value = this.store.platform.get(`wecom.kf.welcome:${party}`);
    if (!value) return undefined;
    this.store.platform.set(`wecom.kf.welcome:${party}`, '');
    const { code, at } = JSON.parse(value) as { code: string; at: number };
    return now - at < WELCOME_CODE_LIFE_MS ? code : undefined;
  }
}
