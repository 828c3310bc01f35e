/** The second opinion: a language model asked before the turn about a message the offline reading is unsure of. */
import { looksLikeCommand } from '../staff/commands.js';
import type { StoredInbound } from '../store/message-repo.js';
import type { ModelAnswer } from '../nlu/llm/client.js';
import { identify } from '../domain/sender.js';
import type { BotDeps } from './bot-deps.js';
import type { MessageReader } from './message-reader.js';

/** Whether the message is in the inbox yet ('recorded') or is to be recorded with its answer ('record'). */
export type Inbox = 'record' | 'recorded';

/**
 * The model, when there is one and the offline reading is unsure, is asked here: before the
 * transaction, which never waits on the network. Without one nothing is awaited, so the turn
 * still starts in the instant the message arrives.
 */
export function consultThenProcess(
  deps: Pick<BotDeps, 'secondOpinion' | 'store' | 'clock' | 'staffRoom' | 'selfId'>,
  reader: MessageReader,
  message: StoredInbound,
  inbox: Inbox,
  process: (message: StoredInbound, inbox: Inbox, advice?: ModelAnswer) => void,
): void | Promise<void> {
  const { secondOpinion, store, clock } = deps;
  if (!secondOpinion) return process(message, inbox);
  const sender = message.kind === 'text' && !looksLikeCommand(message.text) && identify(store, message.from);
  const addressed = !message.room || message.room === deps.staffRoom || message.mentions?.includes(deps.selfId);
  if (!sender || sender.kind === 'staff' || !addressed) return process(message, inbox);
  const at = clock.now();
  const conversation = message.room && message.room !== deps.staffRoom ? message.from : message.conversationKey;
  const offline = reader.read(message, sender, at, conversation);
  const lines = store.messages
    .transcript(conversation)
    .filter((l) => l.text && l.at >= at - 2 * 3_600_000)
    .slice(-5);
  const asked = lines.at(-1)?.direction === 'out' ? lines.at(-1)!.text! : undefined;
  if (offline.type !== 'TEXT' || !secondOpinion.wouldAsk(offline, asked !== undefined)) return process(message, inbox);
  // Kept in the inbox while the model thinks: a crash meanwhile loses nothing.
  if (inbox === 'record' && !store.messages.receive(message)) return;
  const names = [
    ...reader.staffNames().map((s) => s.name),
    ...(sender.kind === 'resident' ? sender.residents.map((r) => r.name) : []),
  ];
  const history = lines.map((l) => ({ from: l.direction, text: l.text! }));
  return secondOpinion
    .consult({ text: message.text!, offline, ...(asked !== undefined && { asked }), history, names, now: at })
    .then((advice) => process(message, 'recorded', advice));
}
