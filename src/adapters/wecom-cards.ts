import type { Logger } from '../log.js';
import type { OutboundMessage } from '../domain/messages.js';
import type { WeComApi } from './wecom-api.js';
import type { CardPressEvents } from '../runtime/transport.js';

/**
 * The `message/send` body for a member (staff). A notice that asks them to act on a ticket goes as a
 * button-interaction card: the notice's text, a button per command (key `command:ticket`), and a
 * task id derived from the outbox row, so a re-send is the same card (WeCom refuses a task id twice).
 * Anything else, or a card without words (an old row) or without a row, goes as text.
 */
export function appMessage(
  message: OutboundMessage,
  agentId: number,
  taskId: string | undefined,
): Record<string, unknown> {
  const card = message.rich?.card;
  const base = { touser: message.to, agentid: agentId };
  if (!card?.buttons?.length || !card.title || taskId === undefined) {
    return { ...base, msgtype: 'text', text: { content: message.text } };
  }
  const template_card = {
    card_type: 'button_interaction',
    main_title: { title: card.title },
    sub_title_text: message.text,
    task_id: taskId,
    // At most six buttons on a card; the data names four at most.
    button_list: card.buttons.slice(0, 6).map((b) => ({ type: 0, text: b.label, key: `${b.id}:${card.ticket}` })),
  };
  return { ...base, msgtype: 'template_card', template_card };
}

/**
 * template_card_event: a member pressed a button. The runtime runs the command; the card is then
 * updated for that member with the outcome in place of the buttons (`replace_name`), using the
 * event's single-use `response_code`. Without a handler (not connected yet) nothing is done.
 */
export async function answerPress(
  fields: Record<string, string>,
  deps: { api: WeComApi; agentId: number; handlers: CardPressEvents | undefined; log: Logger },
): Promise<void> {
  const from = fields.FromUserName;
  const key = fields.EventKey;
  if (!deps.handlers || !from || !key) return;
  try {
    const outcome = await deps.handlers.pressed(from, key);
    if (!fields.ResponseCode) return;
    await deps.api.call('/cgi-bin/message/update_template_card', {
      userids: [from],
      agentid: deps.agentId,
      response_code: fields.ResponseCode,
      button: { replace_name: outcome },
    });
  } catch (error) {
    deps.log.error({ err: error, from, key, taskId: fields.TaskId }, 'card press failed');
  }
}
