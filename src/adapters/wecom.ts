import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { CallbackRejected, type CallbackQuery, type CallbackVerifier } from './wecom-callback.js';
import type { WeComApi } from './wecom-api.js';
import { Hono } from 'hono';
import {
  RecipientUnreachable,
  type CardPressEvents,
  type KfSessionEvents,
  type Transport,
  type TransportSink,
} from '../runtime/transport.js';
import { type InboundMessage, type MessageKind, type OutboundMessage } from '../domain/messages.js';
import { answerPress, appMessage } from './wecom-cards.js';
import { HANDOFF_KEYS, KfMessageIds, KfSessions, ORIGIN, STATE, sendFailure, type KfEvent } from './wecom-kf.js';

/** 微信客服: replies are allowed for 48 hours after the customer's last message, five at most. */
const KF_WINDOW_MS = 48 * 3_600_000;
const KF_WINDOW_MESSAGES = 5;

const KINDS: Record<string, MessageKind> = {
  text: 'text',
  image: 'image',
  voice: 'voice',
  video: 'video',
  file: 'file',
  link: 'link',
  miniprogram: 'mini_program',
  location: 'other',
};

export interface WeComOptions {
  api: WeComApi;
  verifier: CallbackVerifier;
  agentId: number;
  store: Store;
  now: () => number;
  log: Logger;
  /** The callback URL's path, as configured in the WeCom admin console (WECOM_CALLBACK_PATH). */
  callbackPath: string;
}

interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  origin: number;
  msgtype: string;
  /** `menu_id`: the message is a tap on a menu button the bot sent. */
  text?: { content: string; menu_id?: string };
  event?: KfEvent;
  servicer_userid?: string;
}

/**
 * WeCom, the official way: the self-built app's callback (members, that is staff, write to the
 * app) and 微信客服 (residents on WeChat, through customer service). Callbacks are verified and
 * decrypted at once and answered within WeCom's 5 s; the messages are processed after. Sending goes
 * to `message/send` for members and `kf/send_msg` for customers, within their reply window.
 */
export class WeComTransport implements Transport {
  readonly name = 'wecom';
  /** WeCom drops what exceeds these per member, silently. */
  readonly recipientLimits = [
    { windowMs: 60_000, max: 30 },
    { windowMs: 3_600_000, max: 1000 },
  ];
  private inbound: (message: InboundMessage) => Promise<void> = async () => {};
  /** One sync at a time per customer-service account: the cursor is read and written in order. */
  private readonly syncs = new Map<string, Promise<void>>();
  private kf: KfSessionEvents | undefined;
  private cards: CardPressEvents | undefined;
  private readonly ids: KfMessageIds;
  private readonly sessions: KfSessions;

  constructor(private readonly options: WeComOptions) {
    this.ids = new KfMessageIds(options.store);
    this.sessions = new KfSessions(options.store);
  }

  async start(sink: Pick<TransportSink, 'inbound'> & Partial<Pick<TransportSink, 'kf' | 'cards'>>): Promise<void> {
    this.inbound = (message) => sink.inbound(message);
    this.kf = sink.kf;
    this.cards = sink.cards;
  }

  /** The callback URL: GET is WeCom checking it, POST a message or an event. */
  routes(): Hono {
    const routes = new Hono();
    const { log, callbackPath } = this.options;
    routes.get(callbackPath, (c) => {
      try {
        return c.text(this.verifyUrl(c.req.query()));
      } catch (error) {
        return refuse(error, log, (status) => c.text('', status));
      }
    });
    routes.post(callbackPath, async (c) => {
      const body = await c.req.text();
      try {
        // Verified and decrypted now; processed after answering, within WeCom's 5 seconds.
        this.receive(c.req.query(), body).catch((error: unknown) =>
          log.error({ err: error }, 'WeCom callback processing failed'),
        );
        return c.text('success');
      } catch (error) {
        return refuse(error, log, (status) => c.text('', status));
      }
    });
    return routes;
  }

  /** GET on the callback path: WeCom checking the URL. Throws CallbackRejected. */
  verifyUrl(query: CallbackQuery): string {
    return this.options.verifier.verifyUrl(query);
  }

  /**
   * POST on the callback path. Verification and decryption happen now (a bad request throws
   * CallbackRejected before anything is done); the returned promise is the processing, which the
   * HTTP handler does not wait for.
   */
  receive(query: CallbackQuery, body: string): Promise<void> {
    const fields = this.options.verifier.openMessage(query, body);
    if (fields.MsgType === 'event' && fields.Event === 'kf_msg_or_event')
      return this.syncKf(fields.OpenKfId ?? '', fields.Token ?? '');
    if (fields.MsgType === 'event' && fields.Event === 'template_card_event') {
      const { api, agentId, log } = this.options;
      return answerPress(fields, { api, agentId, handlers: this.cards, log });
    }
    if (fields.MsgType === 'event' || !fields.MsgId || !fields.FromUserName) return Promise.resolve();
    const kind = KINDS[fields.MsgType ?? ''] ?? 'other';
    return this.inbound({
      id: `wecom:${fields.MsgId}`,
      from: fields.FromUserName,
      kind,
      ...(kind === 'text' && { text: fields.Content ?? '' }),
      at: this.options.now(),
      sentAt: Number(fields.CreateTime) * 1000,
    });
  }

  async send(message: OutboundMessage): Promise<void> {
    const { api, store } = this.options;
    const customer = store.platform.kfCustomer(message.to);
    if (!customer) {
      // Staff: a notice that asks them to act goes as a card, its task id the outbox row's (as a msgid).
      await api.call('/cgi-bin/message/send', appMessage(message, this.options.agentId, this.ids.of(message)));
      return;
    }
    const msgid = this.ids.of(message);
    const body = { ...(msgid && { msgid }), ...kfContent(message) };
    // The welcome code answers the resident's arrival once, outside the reply window.
    const code = this.sessions.takeWelcome(message.to, this.options.now());
    if (code) {
      await api.call('/cgi-bin/kf/send_msg_on_event', { code, ...body });
      return;
    }
    const windowClosed =
      this.options.now() - customer.lastInboundAt > KF_WINDOW_MS || customer.sentSince >= KF_WINDOW_MESSAGES;
    if (windowClosed)
      throw new RecipientUnreachable('customer-service reply window closed', customer.lastInboundAt > 0);
    await api.call('/cgi-bin/kf/send_msg', { touser: message.to, open_kfid: customer.openKfId, ...body });
    store.platform.kfSent(message.to);
    if (message.rich?.keys.some((k) => HANDOFF_KEYS.has(k))) await this.toServicers(message.to, customer.openKfId);
  }

  /** The bot has handed the resident to a person: the session goes to the servicers' queue in the WeCom client. */
  private async toServicers(party: string, openKfId: string): Promise<void> {
    try {
      await this.options.api.call('/cgi-bin/kf/service_state/trans', {
        open_kfid: openKfId,
        external_userid: party,
        service_state: STATE.queue,
      });
      this.sessions.set(party, STATE.queue);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log.warn({ party, reason }, 'WeCom refused to hand the session to the servicers');
      // Not awaited: it queues a notice for the dispatcher that is sending this very message.
      void this.kf?.handoffRefused(party, reason);
    }
  }

  /** Reads what arrived since the stored cursor, hands each customer message on, and stores the cursor page by page. */
  private syncKf(openKfId: string, token: string): Promise<void> {
    const previous = this.syncs.get(openKfId) ?? Promise.resolve();
    const next = previous
      .then(() => this.readKf(openKfId, token))
      .catch((error: unknown) => this.options.log.error({ err: error, openKfId }, 'kf sync failed'));
    this.syncs.set(openKfId, next);
    return next;
  }

  private async readKf(openKfId: string, token: string): Promise<void> {
    const { api, store } = this.options;
    const key = `wecom.kf.cursor:${openKfId}`;
    for (;;) {
      const cursor = store.platform.get(key);
      const reply = await api.call('/cgi-bin/kf/sync_msg', {
        ...(cursor && { cursor }),
        token,
        limit: 1000,
        open_kfid: openKfId,
      });
      for (const m of (reply.msg_list as KfMessage[] | undefined) ?? []) await this.readOne(m);
      // Stored only once the page is handled: a crash re-reads it, and the inbox drops what it already has.
      if (typeof reply.next_cursor === 'string') store.platform.set(key, reply.next_cursor);
      if (!reply.has_more) return;
    }
  }

  private async readOne(m: KfMessage): Promise<void> {
    const { store } = this.options;
    if (m.origin === ORIGIN.event && m.event) return this.onEvent(m.event);
    if (m.origin === ORIGIN.servicer) {
      // A person answers the resident in the WeCom client: the bot keeps out of it.
      this.sessions.set(m.external_userid, STATE.servicer);
      return this.kf?.servicerReplied(m.external_userid, m.servicer_userid ?? '');
    }
    if (m.origin !== ORIGIN.customer) return;
    store.platform.kfHeard(m.external_userid, m.open_kfid, m.send_time * 1000);
    if (this.sessions.withPerson(m.external_userid)) return this.kf?.heardWithPerson(m.external_userid);
    const kind = KINDS[m.msgtype] ?? 'other';
    await this.inbound({
      id: `wecom-kf:${m.msgid}`,
      from: m.external_userid,
      kind,
      ...(kind === 'text' && { text: m.text?.content ?? '' }),
      ...(m.text?.menu_id !== undefined && { choice: m.text.menu_id }),
      at: this.options.now(),
      sentAt: m.send_time * 1000,
    });
  }

  private async onEvent(event: KfEvent): Promise<void> {
    const party = event.external_userid;
    if (!party) return;
    if (event.event_type === 'enter_session') {
      this.options.store.platform.kfEntered(party, event.open_kfid ?? '');
      if (!event.welcome_code) return; // welcomed lately, or they wrote: WeCom allows no welcome now
      this.sessions.rememberWelcome(party, event.welcome_code, this.options.now());
      return this.kf?.arrived(party);
    }
    if (event.event_type === 'msg_send_fail') {
      const row = event.fail_msgid ? this.ids.rowOf(event.fail_msgid) : undefined;
      if (row === undefined) return;
      const { reason, held } = sendFailure(event.fail_type);
      return this.kf?.sendFailed(row, reason, held);
    }
    if (event.event_type === 'session_status_change') {
      // 1 taken from the queue, 2 transferred, 4 taken up again: a servicer has it. 3: ended, back to the bot.
      if (event.change_type === 3) {
        this.sessions.set(party, STATE.ended);
        return this.kf?.sessionEnded(party);
      }
      this.sessions.set(party, STATE.servicer);
    }
  }
}

/** The message body for 微信客服: a menu of buttons where the message offers choices, else text. */
function kfContent(message: OutboundMessage): Record<string, unknown> {
  const menu = message.rich?.menu;
  if (!menu) return { msgtype: 'text', text: { content: message.text } };
  const list = menu.choices.map((c) => ({ type: 'click', click: { id: c.id, content: c.label } }));
  return {
    msgtype: 'msgmenu',
    msgmenu: { head_content: menu.head, list, ...(menu.tail && { tail_content: menu.tail }) },
  };
}

function refuse<T>(error: unknown, log: Logger, answer: (status: 400 | 403 | 409) => T): T {
  if (!(error instanceof CallbackRejected)) throw error;
  log.warn({ status: error.status, reason: error.message }, 'WeCom callback refused');
  return answer(error.status);
}
