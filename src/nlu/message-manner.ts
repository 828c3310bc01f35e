/** How a message is said: its tone, its urgency, and a change it asks of a repair visit. */
import type { Understanding } from './intent.js';
import type { IntentData } from './intent-data.js';

export function repairChangeOf(text: string, data: IntentData): Understanding['repairChange'] {
  const change = data.repair_change;
  const cancels = change.cancel.some((w) => text.includes(w)) && !change.not_cancel.some((w) => text.includes(w));
  return cancels ? 'cancel' : change.reschedule.some((w) => text.includes(w)) ? 'reschedule' : undefined;
}

export function toneOf(text: string, data: IntentData): Understanding['tone'] {
  return data.threats.some((w) => text.includes(w))
    ? 'threat'
    : data.insults.some((w) => text.includes(w))
      ? 'insult'
      : data.anger.some((w) => text.includes(w))
        ? 'angry'
        : undefined;
}

export function urgencyOf(text: string, data: IntentData): 'now' | 'later' | undefined {
  return data.urgency.now.some((w) => text.includes(w))
    ? 'now'
    : data.urgency.later.some((w) => text.includes(w))
      ? 'later'
      : undefined;
}
