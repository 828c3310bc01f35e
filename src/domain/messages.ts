/** What a message is, once a transport has normalized it. */
export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'link' | 'mini_program' | 'money' | 'other';

/** `money`: a red packet or a transfer, which the office never takes by chat. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  'text',
  'image',
  'voice',
  'video',
  'file',
  'link',
  'mini_program',
  'money',
  'other',
];

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
  /**
   * When the sender sent it, if the platform says: a message re-delivered late is answered with an apology, or, very
   * late, by staff.
   */
  sentAt?: number;
  /** Where the transport stored a photo, video or file it carried (kept as evidence on the ticket). */
  attachment?: string;
  /** The button the person tapped (a WeCom menu click), when the message is a tap rather than typed. */
  choice?: string;
}

/** A button offered with a message: what a tap sends back, and what it reads. */
export interface Choice {
  id: string;
  label: string;
}

/**
 * What a platform that shows more than text may show with a message (WeCom, the simulator); the
 * text alone says the same, for every other platform.
 */
export interface RichContent {
  /** The phrase keys the message was made from. */
  keys: string[];
  /** Choices offered: shown as buttons between `head` and `tail` instead of the numbered text. */
  menu?: { head: string; choices: Choice[]; tail?: string };
  /**
   * A staff notice that asks someone to act on a ticket: a card with a button per command (`id`: the
   * command's name). Rows written before cards had words carry no title and buttons: they go as text.
   */
  card?: { ticket: string; commands: string[]; title?: string; buttons?: Choice[] };
}

export interface OutboundMessage {
  /** A wechat id or a room id. */
  to: string;
  text: string;
  at: number;
  /** The outbox row's id: the same on every attempt, so a platform can recognise a re-send. */
  id?: number;
  rich?: RichContent;
}
