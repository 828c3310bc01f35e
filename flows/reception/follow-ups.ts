import { and, assign, enqueueActions, or, raise } from 'xstate';
import { say } from '../say.js';

import { askAgain, emergencyFirst, proposeMove, reception } from './setup.js';
import { offersTime, scoresOf, type Context } from './reading.js';
import type { TextEvent } from '../events.js';

/**
 * After a ticket: questions the office asked (solved? how was the visit? may we come at another
 * time?) and what the resident adds when it went wrong. Each answer is read against its question.
 */
export const awaitingNewTime = reception.createStateConfig({
  on: {
    TEXT: [
      emergencyFirst,
      {
        guard: ({ event }) => event.slots.time !== undefined && !event.slots.timeWithoutHour,
        target: 'movingVisit',
        actions: proposeMove,
      },
      { guard: 'cancels', target: 'listening', actions: say('binding.cancelled') },
      // Anything else is a matter of its own, heard as such (no nagging for a time).
      { target: 'listening', actions: raise(({ event }) => event) },
    ],
  },
});

export const awaitingResolution = reception.createStateConfig({
  on: {
    TEXT: [
      emergencyFirst,
      {
        // Not solved: a no, words of dissatisfaction, or it is happening again (没有 还是一样).
        guard: ({ event }) =>
          event.answer === 'no' ||
          event.answer === 'correct' ||
          event.dissatisfied === true ||
          event.complaint?.answer === 'no' ||
          event.complaint?.refersBack === 'again',
        target: 'hearingMore',
        actions: [
          { type: 'resolveComplaint', params: ({ context }) => ({ ticket: context.resolution!, satisfied: false }) },
          assign({ hearingAbout: ({ context }) => context.resolution, resolution: undefined }),
        ],
      },
      {
        guard: { type: 'answered', params: 'yes' },
        target: 'listening',
        actions: [
          { type: 'resolveComplaint', params: ({ context }) => ({ ticket: context.resolution!, satisfied: true }) },
          assign({ resolution: undefined }),
        ],
      },
      // Another matter altogether (a new repair the next morning): heard as such; the question lapses.
      {
        guard: or(['startsOtherMatter', 'startsOtherMatterThanComplaint']),
        target: 'listening',
        actions: [assign({ resolution: undefined }), raise(({ event }) => event)],
      },
      {
        actions: {
          type: 'say',
          params: ({ context }) => ({ key: 'complaint.ask_resolved_again', params: { ticket: context.resolution! } }),
        },
      },
    ],
    IDLE: { guard: 'questionStillOpen' },
  },
});

/** A complaint about a neighbour said in so many words (楼上这家我必须投诉): a matter of its own, never a rating. */
const complainsOfNeighbour = (e: TextEvent) =>
  e.complaint?.neighbour === true && (e.intent === 'complaint' || e.complaint.complaining === true);

export const awaitingRating = reception.createStateConfig({
  on: {
    TEXT: [
      emergencyFirst,
      {
        guard: and(['rated', 'ratedLow']),
        target: 'hearingMore',
        actions: [
          {
            type: 'recordRating',
            params: ({ context, event }) => ({
              ticket: context.rating!,
              scores: scoresOf(event),
              unhappy: true,
              text: event.text,
              ...((event.emergency !== undefined || event.intent === 'repair' || event.intent === 'progress') && {
                stillWrong: true as const,
              }),
            }),
          },
          assign({ hearingAbout: ({ context }) => context.rating, rating: undefined }),
        ],
      },
      {
        guard: 'rated',
        target: 'listening',
        actions: enqueueActions(({ context, event, enqueue }) => {
          const said = event;
          // Praise with the rating is thanked as praise: one thank-you, not two.
          enqueue({
            type: 'recordRating',
            params: {
              ticket: context.rating!,
              scores: scoresOf(said),
              unhappy: false,
              text: said.text,
              ...(said.praisesWork && { praised: true as const }),
            },
          });
          // Praise of the one who came, with the rating or instead of it, is recorded for them too.
          if (said.praisesWork)
            enqueue({
              type: 'recordPraise',
              params: { text: said.text, ...(said.slots.staff && { staff: said.slots.staff }) },
            });
          enqueue.assign({ rating: undefined });
          // "修好了 但楼上这家我必须投诉…": the verdict given, the complaint about the neighbour is heard next;
          // "水的事弄好了 那投诉那个呢": so is the question after another of their matters.
          if (complainsOfNeighbour(said) || said.aboutTicket === 'question') enqueue.raise(said);
        }),
      },
      {
        // Another matter, or another visit asked for with its time ("说要换个新接头 明天上午能来换吗"), or a
        // complaint about a neighbour ("水是不流了 但楼上这家我必须投诉"): no verdict on this repair.
        guard: or([
          'startsOtherMatter',
          ({ event }) => event.intent === 'repair' && offersTime(event),
          ({ event }) => event.type === 'TEXT' && complainsOfNeighbour(event),
        ]),
        target: 'listening',
        actions: [assign({ rating: undefined }), raise(({ event }) => event)],
      },
      {
        actions: {
          type: 'say',
          params: ({ context }) => ({
            key: context.ratingEmergency ? 'repair.rate_emergency' : 'repair.rate_again',
            params: { ticket: context.rating! },
          }),
        },
      },
    ],
    IDLE: { guard: 'questionStillOpen' },
  },
});

// After a low rating or an unsolved complaint, what the resident adds is more of what went
// wrong: it goes to the supervisor now handling it, until they raise another matter.

export const hearingMore = reception.createStateConfig({
  on: {
    TEXT: [
      emergencyFirst,
      {
        guard: 'startsOtherMatter',
        target: 'listening',
        actions: [assign({ hearingAbout: undefined }), raise(({ event }) => event)],
      },
      // "不用了", "主管就别打电话了 我上班呢": the call offered is declined — said back, and nobody calls.
      {
        guard: 'declinesCall',
        target: 'listening',
        actions: [
          { type: 'declineCall', params: ({ context }) => ({ ticket: context.hearingAbout! }) },
          assign({ hearingAbout: undefined }),
        ],
      },
      { guard: 'onlyAcknowledges', target: 'listening', actions: assign({ hearingAbout: undefined }) },
      // "明天上午再来看看吧", or only a time (明天下午两点), after the repair was found wanting: a return visit for it,
      // read back first.
      {
        guard: and([
          'hearsAboutRepair',
          or(['asksForVisit', ({ event }) => event.type === 'TEXT' && offersTime(event) && event.question !== true]),
        ]),
        target: 'movingVisit',
        actions: [assign({ hearingAbout: undefined }), proposeMove],
      },
      {
        actions: {
          type: 'passOn',
          params: ({ context, event }) => ({ ticket: context.hearingAbout!, text: event.text }),
        },
      },
    ],
    NON_TEXT: {
      actions: {
        type: 'passOn',
        params: ({ context, event }) => ({ ticket: context.hearingAbout!, text: `[${event.kind}]` }),
      },
    },
  },
});

/** A part of the day said alone (上午 → 09:00) spans this long from its start. */
const PERIOD_SPAN_MS = 4 * 3_600_000;

const namesProposedTime = (context: Context, event: TextEvent) => {
  const { from, to } = context.proposal ?? {};
  const said = event.slots.time === undefined ? Number.NaN : Date.parse(event.slots.time);
  if (!offersTime(event) || from === undefined || to === undefined) return false;
  // "不行 周六下午我们要出门" names the proposed afternoon to refuse it.
  if (event.answer === 'no' || event.answer === 'correct') return false;
  // "4号下午我4点半要去接孩子 几点能弄完啊" asks something of the time; "4号下午3点可以吗" offers it.
  if (event.question === true && event.offersTime !== true) return false;
  // "17号上午可以的" for 10:00–12:00 that day: the morning named holds the proposed window.
  const periodHolds = event.slots.timeFromPeriod === true && from >= said && from < said + PERIOD_SPAN_MS;
  return periodHolds || (said >= from && said < Math.max(to, from + 1));
};

export const awaitingReschedule = reception.createStateConfig({
  on: {
    TEXT: [
      emergencyFirst,
      {
        // A yes, or the proposed time named back ("4号下午可以 我在家").
        guard: ({ context, event }) => event.answer === 'yes' || namesProposedTime(context, event),
        target: 'listening',
        actions: [
          { type: 'acceptReschedule', params: ({ context }) => context.proposal! },
          {
            type: 'say',
            params: ({ context }) => ({
              key: 'reschedule.accepted',
              params: { ticket: context.proposal!.ticket },
              times: { time: context.proposal!.commitmentId },
            }),
          },
          'forgetProposal',
        ],
      },
      {
        // "周四我上班 能不能改周六上午", "那周六上午呢": a time of their own instead — the proposal declined,
        // the visit moved there. "师傅能准时到吗 我11点要出门" names a time but offers none.
        guard: ({ event }) =>
          event.answer !== 'yes' &&
          offersTime(event) &&
          (event.question !== true ||
            event.offersTime === true ||
            event.movesTo === true ||
            // "不能还是按原来11号上午吗": asked to come then.
            event.asksVisitAt === true ||
            event.repairChange === 'reschedule'),
        target: 'movingVisit',
        actions: [
          {
            type: 'declineReschedule',
            params: ({ context }) => ({ ...context.proposal!, reason: 'declined' as const }),
          },
          proposeMove,
          'forgetProposal',
        ],
      },
      {
        // 不行, or 改一下: the proposed time is not accepted; the old one stands, and they may give another.
        guard: ({ event }) => event.answer === 'no' || event.answer === 'correct' || event.cancels === true,
        target: 'awaitingNewTime',
        actions: [
          {
            type: 'declineReschedule',
            params: ({ context }) => ({ ...context.proposal!, reason: 'declined' as const }),
          },
          {
            type: 'say',
            params: ({ context }) => ({ key: 'reschedule.declined', params: { ticket: context.proposal!.ticket } }),
          },
          'forgetProposal',
        ],
      },
      { actions: askAgain },
    ],
    NO_WORDS: { actions: askAgain },
    NON_TEXT: { actions: askAgain },
    TOO_LONG: { actions: askAgain },
    IDLE: [
      { guard: 'questionStillOpen' },
      {
        target: 'closed',
        actions: [
          {
            type: 'declineReschedule',
            params: ({ context }) => ({ ...context.proposal!, reason: 'no_answer' as const }),
          },
          'forgetProposal',
        ],
      },
    ],
  },
});
