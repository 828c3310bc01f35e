/** What a message is, once a transport has normalized it. */
export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'link' | 'mini_program' | 'money' | 'other';

/** `money`: a red packet or a transfer, which the office never takes by chat. */
export const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'image', 'voice', 'video', 'file', 'link', 'mini_program', 'money', 'other'];

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
  /** When the sender sent it, if the platform says: a message re-delivered late is answered with an apology, or, very late, by staff. */
  sentAt?: number;
  /** Where the transport stored a photo, video or file it carried (kept as evidence on the ticket). */
  attachment?: string;
}

export interface OutboundMessage {
  /** A wechat id or a room id. */
  to: string;
  text: string;
  at: number;
}
