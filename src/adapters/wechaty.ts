import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import qrcodeTerminal from 'qrcode-terminal';
import { types, WechatyBuilder, type Message, type Wechaty } from 'wechaty';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { DeliveryDeferred, type Transport, type TransportSink } from '../runtime/transport.js';
import { type InboundMessage, type MessageKind, type OutboundMessage } from '../domain/messages.js';

/** While logged out nothing can be sent: messages wait, uncounted, and go after the next login. */
const LOGGED_OUT_RETRY_MS = 30_000;
/**
 * Errors are reported to the staff room at most this often: a failing lookup is itself reported
 * as an error by Wechaty, and a report about it must not cause the next one.
 */
const ERROR_REPORT_EVERY_MS = 10 * 60_000;

/** WeChat room ids end in @chatroom; contact ids never contain an @. */
const isRoomId = (id: string) => id.includes('@');

const KINDS: Partial<Record<types.Message, MessageKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Emoticon]: 'image',
  [types.Message.Audio]: 'voice',
  [types.Message.Video]: 'video',
  [types.Message.Attachment]: 'file',
  [types.Message.Url]: 'link',
  [types.Message.MiniProgram]: 'mini_program',
  [types.Message.RedEnvelope]: 'money',
  [types.Message.Transfer]: 'money',
};
/** Kinds whose file is kept (a photo of the leak is evidence on the repair ticket). */
const KEPT: ReadonlySet<MessageKind> = new Set(['image', 'video', 'file']);

export interface WechatyTransportOptions {
  /** The core's id for the bot: a mention of the logged-in account is reported as a mention of it. */
  selfId: string;
  /** The staff room, by topic or by id; its messages are reported under this very string. */
  staffRoom?: string;
  /** Fallback for puppets that report no mention list: "@name" in the text counts as a mention. */
  botName?: string;
  /** Where photos and files residents send are stored. */
  mediaDir: string;
  log: Logger;
  now: () => number;
}

interface WechatyHandlers {
  inbound(message: InboundMessage): Promise<void>;
  /** Login, logout and errors, for the staff room (the core renders and queues the phrase). */
  ops(ref: PhraseRef): void;
}

/** The puppet from the environment (WECHATY_PUPPET, WECHATY_PUPPET_SERVICE_TOKEN…), the session kept under `name`. */
export function buildWechaty(name: string): Wechaty {
  return WechatyBuilder.build({ name });
}

/**
 * Personal WeChat (or WeCom through a puppet service) via Wechaty: the only file that imports it.
 * Inbound messages are normalized and handed to `Bot.handleInbound`, which drops duplicates;
 * outbound ones go to a contact or a room, and wait while the account is logged out.
 */
export class WechatyTransport implements Transport {
  readonly name = 'wechaty';
  private loggedIn = false;
  private lastErrorReport = -Infinity;
  /** The staff room's id once found by its topic. */
  private staffRoomId: string | undefined;

  constructor(
    private readonly wechaty: Wechaty,
    private readonly options: WechatyTransportOptions,
  ) {}

  /** Listens, then starts the puppet (the QR code to scan is logged when one is needed). */
  async start(sink: TransportSink): Promise<void> {
    this.listen({ inbound: (m) => sink.inbound(m), ops: (ref) => void sink.ops(ref) });
    await this.wechaty.start();
  }

  async stop(): Promise<void> {
    await this.wechaty.stop();
  }

  private listen(handlers: WechatyHandlers): void {
    const { log } = this.options;
    this.wechaty
      .on('scan', (qrcode, status) => {
        if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
        log.info(
          { status, link: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` },
          'scan the QR code to log in',
        );
        qrcodeTerminal.generate(qrcode, { small: true });
      })
      .on('login', (user) => {
        this.loggedIn = true;
        log.info({ user: user.name() }, 'logged in');
        handlers.ops({ key: 'staff.ops.login', params: { name: user.name() } });
      })
      .on('logout', (user, reason) => {
        this.loggedIn = false;
        log.warn({ user: user.name(), reason }, 'logged out');
        handlers.ops({ key: 'staff.ops.logout', params: { name: user.name() } });
      })
      .on('error', (error) => {
        log.error({ err: error }, 'wechaty error');
        const now = this.options.now();
        if (now - this.lastErrorReport < ERROR_REPORT_EVERY_MS) return;
        this.lastErrorReport = now;
        handlers.ops({ key: 'staff.ops.error', params: { error: error.message.slice(0, 200) } });
      })
      .on('message', (message) => {
        this.normalize(message)
          .then((inbound) => inbound && handlers.inbound(inbound))
          .catch((error: unknown) => log.error({ err: error, id: message.id }, 'inbound message failed'));
      });
  }

  async send(message: OutboundMessage): Promise<void> {
    if (!this.loggedIn) throw new DeliveryDeferred(message.at + LOGGED_OUT_RETRY_MS, 'logged out');
    const target = await this.find(message.to);
    if (!target) throw new Error(`no contact or room ${message.to}`);
    await target.say(message.text);
  }

  /** The message as the core sees it; undefined for the bot's own. */
  private async normalize(message: Message): Promise<InboundMessage | undefined> {
    if (message.self()) return undefined;
    const talker = message.talker();
    const room = message.room();
    const kind = KINDS[message.type()] ?? 'other';
    const inbound: InboundMessage = {
      id: message.id,
      from: talker.id,
      kind,
      at: this.options.now(),
      sentAt: message.date().getTime(),
    };
    if (kind === 'text') inbound.text = message.text();
    if (room) {
      inbound.room = this.isStaffRoom(room.id, await room.topic()) ? this.options.staffRoom! : room.id;
      if (await this.mentionsBot(message)) inbound.mentions = [this.options.selfId];
    }
    if (KEPT.has(kind)) {
      const stored = await this.keepFile(message);
      if (stored) inbound.attachment = stored;
    }
    return inbound;
  }

  private async mentionsBot(message: Message): Promise<boolean> {
    const self = this.wechaty.currentUser;
    const mentioned = await message.mentionList().catch(() => []);
    if (mentioned.some((c) => c.id === self.id)) return true;
    // Some puppets leave the list empty: "@name" in the text is the mention then.
    const names = [this.options.botName, self.name()].filter((n): n is string => Boolean(n));
    return names.some((name) => message.text().includes(`@${name}`));
  }

  private isStaffRoom(id: string, topic: string): boolean {
    return this.options.staffRoom !== undefined && (id === this.options.staffRoom || topic === this.options.staffRoom);
  }

  /** Stored under the message id, so a re-delivered message overwrites rather than duplicates. */
  private async keepFile(message: Message): Promise<string | undefined> {
    try {
      const file = await message.toFileBox();
      await mkdir(this.options.mediaDir, { recursive: true, mode: 0o700 });
      const target = path.join(this.options.mediaDir, `${message.id}${path.extname(file.name) || ''}`);
      await file.toFile(target, true);
      await chmod(target, 0o600); // photos of people's homes, like the database: this user only
      return target;
    } catch (error) {
      this.options.log.warn({ err: error, id: message.id }, 'could not keep the file of a message');
      return undefined;
    }
  }

  /**
   * A room or a contact by id; the staff room by its topic unless it was configured by id. Puppets throw for an unknown
   * id.
   */
  private async find(to: string) {
    const quietly = <T>(lookup: Promise<T>) => lookup.catch(() => undefined);
    if (to === this.options.staffRoom && !isRoomId(to)) {
      const room = this.staffRoomId
        ? await quietly(this.wechaty.Room.find({ id: this.staffRoomId }))
        : await quietly(this.wechaty.Room.find({ topic: to }));
      this.staffRoomId = room?.id;
      return room;
    }
    return isRoomId(to) ? quietly(this.wechaty.Room.find({ id: to })) : quietly(this.wechaty.Contact.find({ id: to }));
  }
}
