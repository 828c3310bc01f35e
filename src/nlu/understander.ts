import { formatIso } from '../runtime/time.js';
import { IntentClassifier } from './classifier.js';
import type { Intent, Slots, Understanding } from './intent.js';
import { loadIntentData, type IntentData } from './intent-data.js';
import { longestMatch, SlotFinder } from './slots.js';
import { isImpossibleDate, parseChineseTime, type ParsedTime } from './times.js';
import { ComplaintFactFinder } from '../complaint/complaint-facts.js';

/**
 * Understanding a resident's message: intent with confidence (and the runner-up), a yes/no/
 * correction, and the slots. One instance is built at start-up (loading jieba's dictionary and
 * training the classifier: see `npm run bench` for the cost) and shared.
 */
export class Understander {
  private readonly classifier: IntentClassifier;
  private readonly slots: SlotFinder;
  private readonly menu: Map<string, Intent>;
  private readonly complaints: ComplaintFactFinder;

  constructor(private readonly data: IntentData) {
    this.classifier = new IntentClassifier(data);
    this.slots = new SlotFinder(data);
    this.menu = new Map(Object.entries(data.menu));
    this.complaints = ComplaintFactFinder.load(Object.values(data.complaint_categories).flat());
  }

  static load(): Understander {
    return new Understander(loadIntentData());
  }

  /** `staffNames` is asked only when the message praises or complains (that is when a name matters). */
  understand(text: string, now: number, staffNames: () => readonly string[] = () => []): Understanding {
    const trimmed = text.trim();
    const impossible = isImpossibleDate(trimmed, now);
    const time = impossible ? undefined : parseChineseTime(trimmed, now);
    const { said: unitWords, ...unit } = this.slots.unit(trimmed);
    const slots: Slots = { ...this.findSlots(trimmed, time, now), ...unit, ...(impossible && { timeImpossible: true as const }) };
    const answer = this.answer(trimmed);
    const complaint = this.complaints.find(trimmed);
    // When and where are slots, not evidence of what is wanted: 下午 is not a greeting; nor is a
    // wish to be called back (不用回电话) a wish to talk to a person or to cancel.
    const topic = [...(time?.said ?? []), ...(unitWords ? [unitWords] : [])]
      .reduce((t, words) => t.split(words).join(' '), complaint.callback === undefined ? trimmed : complaint.said)
      .replace(/\s*(\p{P})\s*/gu, '$1')
      .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
      .replace(/\s+/g, ' ');
    const dissatisfied = this.data.dissatisfied.some((w) => trimmed.includes(w));
    const change = this.data.repair_change;
    const repairChange: Understanding['repairChange'] = change.cancel.some((w) => trimmed.includes(w)) ? 'cancel' : change.reschedule.some((w) => trimmed.includes(w)) ? 'reschedule' : undefined;
    const tone: Understanding['tone'] = this.data.threats.some((w) => trimmed.includes(w))
      ? 'threat'
      : this.data.insults.some((w) => trimmed.includes(w))
        ? 'insult'
        : this.data.anger.some((w) => trimmed.includes(w))
          ? 'angry'
          : undefined;
    const base = {
      slots,
      topic: topic || trimmed,
      ...(answer && { answer }),
      ...(dissatisfied && { dissatisfied: true as const }),
      ...(repairChange && { repairChange }),
      ...(tone && { tone }),
      ...(Object.keys(complaint).length > 1 && { complaint }),
      ...(this.data.pay_words.some((w) => trimmed.includes(w)) && { paying: true as const }),
      ...(this.data.opt_out.some((w) => trimmed.includes(w))
        ? { feeReply: 'opt_out' as const }
        : this.data.disputes.some((w) => trimmed.includes(w)) && { feeReply: 'dispute' as const }),
    };
    const menuChoice = this.menu.get(trimmed);
    if (menuChoice) return { intent: menuChoice, confidence: 1, menu: true, ...base };
    const [best, second] = this.classifier.rank(topic);
    if (best!.intent === 'praise' || best!.intent === 'complaint') {
      const staff = this.slots.staffName(trimmed, staffNames());
      if (staff) slots.staff = staff;
    }
    return {
      intent: best!.intent,
      confidence: Math.round(best!.confidence * 1000) / 1000,
      ...(second && { alternative: second.intent }),
      ...base,
    };
  }

  /** A correction, a no, or a yes; no before yes, because most Chinese no's contain a yes word. */
  answer(text: string): 'yes' | 'no' | 'correct' | undefined {
    const lower = text.toLowerCase();
    const { correct, no, yes } = this.data.answers;
    if (correct.some((w) => lower.includes(w))) return 'correct';
    if (no.some((w) => lower.includes(w))) return 'no';
    if (yes.some((w) => lower.includes(w))) return 'yes';
    return undefined;
  }

  private findSlots(text: string, time: ParsedTime | undefined, now: number): Slots {
    const slots: Slots = {};
    if (time) {
      slots.time = formatIso(time.at);
      if (time.at < now) slots.timePast = true;
      if (time.end !== undefined) slots.timeEnd = formatIso(time.end);
      if (!time.hasTime) slots.timeWithoutHour = true;
      if (time.dayGiven === false) slots.timeWithoutDay = true;
    }
    Object.assign(slots, this.slots.phone(text));
    const ticket = this.slots.ticket(text);
    if (ticket) slots.ticket = ticket;
    const amount = this.slots.amount(text, this.data.currency);
    if (amount) slots.amount = amount;
    const category = this.slots.repairCategory(text);
    if (category) slots.category = category;
    if (this.slots.urgent(text)) slots.urgent = true;
    const location = this.data.locations.find((l) => text.includes(l));
    if (location) slots.location = location;
    const complaint = longestMatch(text, Object.entries(this.data.complaint_categories));
    if (complaint) slots.complaintCategory = complaint;
    const frequency = this.data.frequency.find((f) => text.includes(f));
    if (frequency) slots.frequency = frequency;
    Object.assign(slots, this.slots.card(text));
    return slots;
  }
}

