/** What a message is, once a transport has normalized it. */
export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'link' | 'other';

export const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'image', 'voice', 'video', 'file', 'link', 'other'];

export interface InboundMessage {
  /** The platform's message id; a repeated id is processed once. */
  id: string;
  /** Sender's wechat id. */
  from: string;
  /** Room (group chat) id when the message was said in a room. */
  room?: string;
  /** Ids mentioned (@) in a room message. */
  mentions?: string[];
  kind: MessageKind;
  text?: string;
  /** Receipt time, ms since the epoch. */
  at: number;
}

export interface OutboundMessage {
  /** A wechat id or a room id. */
  to: string;
  text: string;
  at: number;
}

/**
 * One per platform (console, JSON lines, Wechaty, WeCom, web). The core sees only this; it never
 * imports a platform SDK. Inbound messages are pushed into `Bot.handleInbound` by the adapter.
 */
export interface Transport {
  readonly name: string;
  /** Delivers one message; throws when the platform refused it, so the outbox can retry. */
  send(message: OutboundMessage): Promise<void>;
}
