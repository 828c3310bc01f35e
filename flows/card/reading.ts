import type { CardApplication, ConversationEvent, KnownApplicant, TextEvent } from '../events.js';

/** What the card flow reads from a message and keeps between messages; pure functions, no state. */

export type Field = 'card' | 'business' | 'name' | 'unit' | 'plate' | 'phone';

export interface Context extends Partial<CardApplication> {
  /** The card and business whose fee standard was explained: a correction of either explains again. */
  explainedFor?: string;
  messageId?: string;
  /** What the office knows of a bound resident (from the fee standard's answer). */
  known?: KnownApplicant;
  /** Room numbers said along the way ("1102那套"): one of the resident's own units, once known. */
  rooms?: string[];
  /** Only asked what it costs: answered and offered, no form unless they want one. */
  inquiring?: true;
  /** The question came with another matter: answered, and that matter comes next rather than an offer. */
  moreToCome?: true;
  /** Said to be for someone else: the holder is asked, not taken to be the resident. */
  forOthers?: true;
}

export const needsPlate = (c: Context) => c.card === 'parking';
/** A name as a resident types it: a few letters, no digits (a unit or phone is not a name). */
const NAME = /^[\p{L}·\s]{2,20}$/u;
/** A room number on its own: three or four digits, not part of a phone, a plate or a longer number. */
const ROOM = /(?<![\dA-Za-z])\d{3,4}(?![\dA-Za-z])/g;

/** Only a name, as the answer to "办卡人是？": no yes or no, no question, nothing about the card. */
const isBareName = (e: TextEvent) =>
  NAME.test(e.text.trim()) &&
  e.answer === undefined &&
  !e.question &&
  !e.asksFees &&
  !e.slots.cardForSelf &&
  !e.slots.cardType &&
  !e.slots.cardBusiness &&
  !e.slots.cardRequest &&
  !e.slots.cardGeneric;

/** A name as it might be, or a room number, given as asked after the fee ("陈静 1102 电话就是登记那个"). */
export const offersFormData = (e: TextEvent) => hasFormData(e) || e.slots.nameGuess !== undefined || ROOM.test(e.text);

/** The form's own fields in a message: then it is filling the form, whatever else its words say. */
export const hasFormData = (e: TextEvent) => Boolean(e.slots.phone || e.slots.unit || e.slots.plate || e.slots.name);

/**
 * The card holder's name: introduced, bare when asked for, shaped like one among other fields, or "本人" when offered.
 */
function nameIn(context: Context, event: TextEvent, asking?: Field): string | undefined {
  const s = event.slots;
  if (s.name) return s.name;
  const askingName = asking === 'name';
  if (s.nameGuess && (askingName || hasFormData(event) || s.cardForOthers)) return s.nameGuess;
  if (askingName && isBareName(event)) return event.text.trim();
  if (askingName && context.known?.name && (s.cardForSelf || event.answer === 'yes')) return context.known.name;
  // "给我自己补": the holder is the resident the office knows, whatever was being asked.
  if (s.cardForSelf && !s.cardForOthers && context.known?.name && !context.name) return context.known.name;
  return undefined;
}

/** Once chosen, the business changes only when another is named: "那办吧" asks for this one. */
function businessIn(context: Context, s: TextEvent['slots']): string | undefined {
  if (s.cardBusiness) return s.cardBusiness;
  if (context.business) return undefined;
  // A plate with a parking card is a plate added, unless a card is asked for (想办一张停车卡 车牌苏E88888: a new one).
  if (s.plate && !s.cardRequest && (s.cardType ?? context.card) === 'parking') return 'add_plate';
  return s.cardRequest || s.cardGeneric ? 'new' : undefined;
}

/** What a message fills in; `asking` takes a bare answer (a name has no other mark). */
export function learned(context: Context, event: TextEvent, asking?: Field): Partial<Context> {
  const s = event.slots;
  const name = nameIn(context, event, asking);
  const business = businessIn(context, s);
  const rooms = [...event.text.matchAll(ROOM)].map((m) => m[0]);
  const unit = s.unit ?? roomOf(context.known, rooms);
  return {
    ...(s.cardType && { card: s.cardType }),
    ...(business && { business }),
    ...(name && { name }),
    ...(unit && { unit }),
    ...(s.plate && { plate: s.plate }),
    ...(s.cardForOthers && { forOthers: true as const }),
    // "给我妈办的" after the resident was taken to be the holder: that assumption goes, and the name is asked.
    ...(s.cardForOthers &&
      !name &&
      context.name !== undefined &&
      context.name === context.known?.name && { name: undefined }),
    ...(s.phone && { phone: s.phone }),
    ...(rooms.length > 0 && { rooms: [...(context.rooms ?? []), ...rooms] }),
    ...(event.messageId && !context.messageId && { messageId: event.messageId }),
  };
}

/** The one of the resident's own units a room number names ("1102那套"). */
function roomOf(known: KnownApplicant | undefined, rooms: readonly string[] = []): string | undefined {
  const named = (known?.units ?? []).filter((u) => rooms.includes(u.split('-').at(-1)!));
  return named.length === 1 ? named[0] : undefined;
}

/** The household's unit when the resident has one, else the one of theirs they named. */
export const ownUnit = (known: KnownApplicant, rooms?: readonly string[]) =>
  known.units.length === 1 ? known.units[0] : roomOf(known, rooms);

const FIELDS = ['card', 'business', 'name', 'unit', 'plate', 'phone'] as const;
export const changes = (context: Context, event: TextEvent, asking?: Field) => {
  const found = learned(context, event, asking);
  return FIELDS.some((k) => found[k] !== undefined && context[k] !== found[k]);
};

/** A question about what this business costs or needs, not a change to the form. */
export const asksFees = (context: Context, event: ConversationEvent, asking?: Field) =>
  event.type === 'TEXT' &&
  event.asksFees === true &&
  context.card !== undefined &&
  context.business !== undefined &&
  !changes(context, event, asking);
