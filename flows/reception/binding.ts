import { and, assign, raise } from 'xstate';
import { say } from '../say.js';
import { unitIdOf } from '../unit-id.js';
import { emergencyFirst, reception, verifyLastFour } from './setup.js';
import { unitParts, type Context } from './reading.js';
import type { Slots } from '../../src/nlu/intent.js';
import type { ConversationEvent, TextEvent } from '../events.js';

const pickTime = (s: Slots): Partial<Slots> => ({
  time: s.time,
  timeEnd: s.timeEnd,
  timeWithoutHour: s.timeWithoutHour,
  timeFromPeriod: s.timeFromPeriod,
  timeWithoutDay: s.timeWithoutDay,
  periodOnly: s.periodOnly,
  timePast: s.timePast,
});

/** A room number said with a no or a correction, other than the room given (不对 是803): the unit it makes. */
function roomCorrected(context: Context, event: ConversationEvent): string | undefined {
  if (event.type !== 'TEXT' || (event.answer !== 'no' && event.answer !== 'correct') || !context.bindingUnit) return;
  const [building, entrance, room] = context.bindingUnit.split('-');
  // Four digits with a leading zero (0803) are the phone's, never a room.
  const other = event.text.match(/(?<!\d)[1-9]\d{2,3}(?!\d)/gu)?.find((n) => n !== room);
  return other ? `${building}-${entrance}-${other}` : undefined;
}

/** The repair waiting on the check, booked at the home given — with a time or a phone said beside it, if one was. */
const pendingRepairAt = (pending: TextEvent, unit: string, said?: Slots) => ({
  flow: 'repair',
  event: {
    ...pending,
    slots: {
      ...pending.slots,
      unit,
      ...(said?.time !== undefined && pickTime(said)),
      ...(said?.phone !== undefined && { phone: said.phone }),
    },
  },
});

/** A message telling what is broken (空调, 不制热), not the home asked for. */
const describesRepair = (event: ConversationEvent) =>
  event.type === 'TEXT' &&
  event.slots.unit === undefined &&
  (event.slots.category !== undefined || (event.intent === 'repair' && event.confidence >= 0.8));

/** The repair waiting on the check, with more of what is broken told in pieces. */
const withMoreOfProblem = (pending: TextEvent, event: TextEvent): TextEvent => {
  const told = pending.slots.category !== undefined ? `${pending.topic ?? pending.text} ` : '';
  return {
    ...pending,
    topic: `${told}${event.topic ?? event.text}`.trim(),
    slots: { ...pending.slots, ...(event.slots.category && { category: event.slots.category }) },
  };
};

/**
 * Binding (核实身份): a household's business is shown only to a resident bound to it, by unit and the
 * last four digits of the registered phone; a repair waiting for it is booked right after.
 */
export const binding = reception.createStateConfig({
  initial: 'askUnit',
  states: {
    askUnit: {
      on: {
        TEXT: [
          emergencyFirst,
          { guard: 'cancels', target: '#reception.listening', actions: ['forgetBinding', say('binding.cancelled')] },
          {
            guard: 'speaksOfOthers',
            target: '#reception.listening',
            actions: ['forgetBinding', say('arrears.others_refused'), 'rememberRefusal'],
          },
          // "5栋3单元803 手机尾号0803": both at once, checked at once. A whole number given with the home a repair
          // is for (6-2-402 电话15011112222) is how to reach them, not a check.
          {
            guard: and([
              'namesUnit',
              ({ context, event }) =>
                event.slots.phoneLast4 !== undefined &&
                !(context.pendingRepair !== undefined && event.slots.phone !== undefined),
            ]),
            target: 'verifying',
            actions: [
              'rememberUnit',
              {
                type: 'verifyBinding',
                params: ({ context, event }) => ({
                  unit: event.slots.unit ?? unitIdOf(unitParts(context, event))!,
                  last4: event.slots.phoneLast4!,
                }),
              },
            ],
          },
          // The home a repair is for: booked without a check (it shows nothing of the household).
          {
            guard: and(['repairPending', 'namesUnit']),
            target: '#reception.listening',
            actions: [
              // A time said with the home ("2栋3单元901 明天下午") is the time wanted.
              {
                type: 'startFlow',
                params: ({ context, event }) =>
                  pendingRepairAt(
                    context.pendingRepair!,
                    event.slots.unit ?? unitIdOf(unitParts(context, event))!,
                    event.slots,
                  ),
              },
              'forgetBinding',
            ],
          },
          { guard: 'namesUnit', target: 'askPhone', actions: ['rememberUnit', say('binding.ask_phone')] },
          { guard: 'givesUnitPart', actions: ['rememberUnitParts', say('binding.ask_unit_again')] },
          // "空调" … "不制热" while the home is asked for: what is broken, kept for the repair waiting on it.
          {
            guard: and(['repairPending', ({ event }) => describesRepair(event)]),
            actions: [
              assign({ pendingRepair: ({ context, event }) => withMoreOfProblem(context.pendingRepair!, event) }),
              say('binding.ask_unit_again'),
            ],
          },
          // After a failed check, four digits alone correct the phone for the unit just tried (打错了 0803): one more
          // attempt.
          {
            guard: and(['triedUnit', 'givesLastFour']),
            target: 'verifying',
            actions: verifyLastFour,
          },
          // "直接告诉我欠多少就行了" after a failed check, with no digits: the bill stays with the verified household.
          {
            guard: and(['triedUnit', { type: 'intentIs', params: 'arrears' as const }]),
            actions: say('arrears.not_your_unit'),
          },
          { actions: say('binding.ask_unit_again') },
        ],
      },
    },
    askPhone: {
      on: {
        TEXT: [
          emergencyFirst,
          { guard: 'cancels', target: '#reception.listening', actions: ['forgetBinding', say('binding.cancelled')] },
          // "我不知道他手机号 我是他朋友", "房东电话我不知道": not this household, so not the same question again — a
          // polite no.
          {
            guard: ({ event }) =>
              event.type === 'TEXT' && (event.aboutOthers === true || event.asksOthersContact === true),
            target: '#reception.listening',
            actions: ['forgetBinding', say('arrears.others_refused'), 'rememberRefusal'],
          },
          // "不对 是803 不是308": the room put right, the same building and entrance; the digits are still asked.
          {
            guard: ({ context, event }) => roomCorrected(context, event) !== undefined,
            actions: [
              assign({ bindingUnit: ({ context, event }) => roomCorrected(context, event) }),
              say('binding.ask_phone'),
            ],
          },
          {
            guard: 'givesLastFour',
            target: 'verifying',
            actions: verifyLastFour,
          },
          // "手机号不记得了 你直接告诉我欠多少": nothing is shown unchecked; the desk can check them in person, and the
          // four digits, found later ("问到了 0803"), still check them here.
          {
            guard: ({ event }) => event.type === 'TEXT' && event.forgot === true,
            actions: say('binding.cannot_check'),
          },
          { actions: say('binding.ask_phone_again') },
        ],
      },
    },
    verifying: {
      on: {
        BINDING_RESULT: [
          {
            guard: and(['bindingOk', 'repairPending']),
            target: '#reception.listening',
            actions: [
              say('binding.done'),
              {
                type: 'startFlow',
                params: ({ context }) => ({
                  flow: 'repair',
                  event: { ...context.pendingRepair!, identity: 'bound' as const },
                }),
              },
              'forgetBinding',
            ],
          },
          {
            guard: and(['bindingOk', 'askPending']),
            target: '#reception.listening',
            actions: [
              say('binding.done'),
              raise(({ context }) => ({ ...context.pendingAsk!, identity: 'bound' as const, unitOnFile: undefined })),
              'forgetBinding',
            ],
          },
          {
            guard: and(['bindingOk', 'cardPending']),
            target: '#reception.listening',
            actions: [
              say('binding.done'),
              {
                type: 'startFlow',
                params: ({ context }) => ({
                  flow: 'card',
                  event: { ...context.pendingCard!, identity: 'bound' as const },
                }),
              },
              'forgetBinding',
            ],
          },
          {
            guard: 'bindingOk',
            target: '#reception.listening',
            actions: [say('binding.done'), { type: 'showStatement', params: {} }, 'forgetBinding'],
          },
          { guard: 'bindingLocked', target: '#reception.listening', actions: [say('binding.locked'), 'forgetBinding'] },
          // The right digits for a household bound to another WeChat (家人换了微信): not rebound, but the card is
          // ordered — it shows nothing private, the desk has been told, and it is handed over against an ID.
          {
            guard: and(['cardPending', 'bindingContested']),
            target: '#reception.listening',
            actions: [
              {
                type: 'startFlow',
                params: ({ context }) => ({ flow: 'card', event: { ...context.pendingCard!, unitOnFile: undefined } }),
              },
              'forgetBinding',
            ],
          },
          // A repair waits on no check: booked for the home given, whatever the check found.
          {
            guard: 'repairPending',
            target: '#reception.listening',
            actions: [
              {
                type: 'startFlow',
                params: ({ context }) => pendingRepairAt(context.pendingRepair!, context.bindingUnit!),
              },
              'forgetBinding',
            ],
          },
          // Someone else's household (the right digits from another wechat id) is never rebound from the chat: the desk
          // is told and verifies. The claimant hears what a miss hears, so the digits are never confirmed to a guesser.
          { target: 'askUnit', actions: [say('binding.failed'), assign({ bindingParts: undefined })] },
        ],
      },
    },
  },
  on: {
    NO_WORDS: { actions: say('binding.ask_unit_again') },
    NON_TEXT: { actions: say('input.non_text') },
    TOO_LONG: { actions: say('binding.ask_unit_again') },
  },
});
