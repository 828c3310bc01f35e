import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { CallbackQuery, CallbackVerifier } from './wecom-callback.js';
import type { WeComApi } from './wecom-api.js';
import { RecipientUnreachable, type Transport } from '../runtime/transport.js';
import { type InboundMessage, type MessageKind, type OutboundMessage } from '../domain/messages.js';

/** 微信客服: replies are allowed for 48 hours after the customer's last message, five at most. */
const KF_WINDOW_MS = 48 * 3_600_000;
const KF_WINDOW_MESSAGES = 5;
/** sync_msg: origin 3 is a message from the WeChat customer (4: system events, 5: our own servicer). */
const FROM_CUSTOMER = 3;

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
}

interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  origin: number;
  msgtype: string;
  text?: { content: string };
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

  constructor(private readonly options: WeComOptions) {}

  connect(handlers: { inbound(message: InboundMessage): Promise<void> }): void {
    this.inbound = handlers.inbound;
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
    if (fields.MsgType === 'event' && fields.Event === 'kf_msg_or_event') return this.syncKf(fields.OpenKfId ?? '', fields.Token ?? '');
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
      await api.call('/cgi-bin/message/send', { touser: message.to, msgtype: 'text', agentid: this.options.agentId, text: { content: message.text } });
      return;
    }
    const windowClosed = this.options.now() - customer.lastInboundAt > KF_WINDOW_MS || customer.sentSince >= KF_WINDOW_MESSAGES;
    if (windowClosed) throw new RecipientUnreachable('customer-service reply window closed');
    await api.call('/cgi-bin/kf/send_msg', { touser: message.to, open_kfid: customer.openKfId, msgtype: 'text', text: { content: message.text } });
    store.platform.kfSent(message.to);
  }

  /** Reads what arrived since the stored cursor, hands each customer message on, and stores the cursor page by page. */
  private syncKf(openKfId: string, token: string): Promise<void> {
    const previous = this.syncs.get(openKfId) ?? Promise.resolve();
    const next = previous.then(() => this.readKf(openKfId, token)).catch((error: unknown) => this.options.log.error({ err: error, openKfId }, 'kf sync failed'));
    this.syncs.set(openKfId, next);
    return next;
  }

  private async readKf(openKfId: string, token: string): Promise<void> {
    const { api, store } = this.options;
    const key = `wecom.kf.cursor:${openKfId}`;
    for (;;) {
      const cursor = store.platform.get(key);
      const reply = await api.call('/cgi-bin/kf/sync_msg', { ...(cursor && { cursor }), token, limit: 1000, open_kfid: openKfId });
      for (const m of (reply.msg_list as KfMessage[] | undefined) ?? []) {
        if (m.origin !== FROM_CUSTOMER) continue;
        store.platform.kfHeard(m.external_userid, m.open_kfid, m.send_time * 1000);
        const kind = KINDS[m.msgtype] ?? 'other';
        await this.inbound({
          id: `wecom-kf:${m.msgid}`,
          from: m.external_userid,
          kind,
          ...(kind === 'text' && { text: m.text?.content ?? '' }),
          at: this.options.now(),
          sentAt: m.send_time * 1000,
        });
      }
      // Stored only once the page is handled: a crash re-reads it, and the inbox drops what it already has.
      if (typeof reply.next_cursor === 'string') store.platform.set(key, reply.next_cursor);
      if (!reply.has_more) return;
    }
  }
}
