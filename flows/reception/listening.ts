import { and, assign, or, raise } from 'xstate';
import { say } from '../say.js';
import { acknowledgeMedia, paymentDayOf } from '../interruptions.js';
import { bookRepair, emergencyFirst, proposeMove, reception, recordPraise } from './setup.js';

/** How sure a reading of "a question" must be to pass it to the office when nothing in it asks. */
const SURE_INQUIRY = 0.7;
import { chaseOf, lastFour, orderFor, statementFor } from './reading.js';
import type { TextEvent } from '../events.js';

/**
 * Listening: what a message is about decides where it goes. Danger first; then the resident's own
 * promises and fees; changes to a booked visit; a person or a known answer; then the topics, each
 * to its flow or its ticket. Order matters: the first branch that fits wins.
 */
export const listening = reception.createStateConfig({
  on: {
    // 微信客服 entering the chat without a welcome code: the greeting and the menu, as a welcome would.
    ARRIVED: { actions: { type: 'say', params: [{ key: 'reception.greeting' }, { key: 'reception.menu' }] } },
    TEXT: [
      emergencyFirst,
      // "上次周师傅修门修得特别好 这次窗户又关不上了 还让他来": the praise is passed on, and the request heard after.
      {
        guard: ({ event }) => event.type === 'TEXT' && event.praisesToo === true,
        actions: [recordPraise, raise(({ event }) => ({ ...(event as TextEvent), praisesToo: undefined }))],
      },
      {
        guard: 'complainsFirst',
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }],
      },
      // About fees: calm words and a person for a dispute; no more chat reminders on request.
      // Asked to be left alone: acknowledged, and the conversation ends there (no idle farewell later).
      {
        guard: ({ event }) => event.feeReply === 'opt_out',
        target: 'closed',
        actions: ['resetFallbacks', { type: 'optOutOfReminders', params: {} }],
      },
      // "服务这么差 不交了": a complaint about the service first of all, whoever says it.
      {
        guard: ({ event }) => event.feeReply === 'withhold',
        actions: [
          'resetFallbacks',
          { type: 'disputeFees', params: ({ event }) => ({ text: event.text, reason: 'service' as const }) },
        ],
      },
      {
        guard: ({ event }) => event.feeReply === 'dispute' && event.identity === 'bound',
        actions: ['resetFallbacks', { type: 'disputeFees', params: ({ event }) => ({ text: event.text }) }],
      },
      // Another household's number is theirs to give (给我下房东电话): refused, with a message passed on offered.
      // …and the leak from that home told with it (隔壁1201张伟家电话多少 他家漏水到我家了) is taken up at once.
      {
        guard: ({ event }) =>
          event.asksOthersContact === true && event.type === 'TEXT' && event.emergency !== undefined,
        actions: [
          'resetFallbacks',
          say('reception.contact_refused'),
          { type: 'startFlow', params: ({ event }) => ({ flow: 'emergency', event }) },
        ],
      },
      {
        guard: ({ event }) => event.asksOthersContact === true,
        actions: ['resetFallbacks', say('reception.contact_refused')],
      },
      // Another household's repair or complaint asked after for them (隔壁1201张伟家报修的…他让我帮他问问): theirs to ask.
      {
        guard: ({ event }) => event.type === 'TEXT' && event.intent === 'progress' && event.asksForOthers === true,
        actions: ['resetFallbacks', say('reception.others_matter_refused')],
      },
      // …and asked as one of the household (我是3-2-1201的 我老公报的修什么时候来): the phone's last four first.
      {
        guard: ({ event }) =>
          event.type === 'TEXT' &&
          event.intent === 'progress' &&
          event.unitOnFile === true &&
          event.identity !== 'bound',
        target: 'binding.askPhone',
        actions: ['resetFallbacks', 'rememberUnit', 'rememberAsk', say('binding.ask_phone')],
      },
      // Arrears are one household's business: another's is refused, whoever asks and however often.
      { guard: 'asksAboutOthers', actions: ['resetFallbacks', say('arrears.others_refused'), 'rememberRefusal'] },
      // "周六上午来交": the resident's own promise to pay; with a question of policy beside it (滞纳金收不收), or about the
      // bill (停车费是不是还没交 我下周一去前台交), answered too.
      {
        guard: and([
          'promisesPayment',
          or(['knowsAnswer', ({ event }) => event.type === 'TEXT' && event.question === true]),
        ]),
        actions: [
          'resetFallbacks',
          { type: 'answerAside', params: ({ event }) => ({ event: event }) },
          { type: 'agreePayment', params: ({ event }) => paymentDayOf(event) },
        ],
      },
      {
        guard: 'promisesPayment',
        actions: ['resetFallbacks', { type: 'agreePayment', params: ({ event }) => paymentDayOf(event) }],
      },
      // A booked repair is cancelled or moved by the resident (the runtime finds which one).
      { guard: 'cancelsRepair', actions: ['resetFallbacks', { type: 'cancelRepair', params: {} }] },
      { guard: 'movesRepairTo', target: 'movingVisit', actions: ['resetFallbacks', proposeMove] },
      { guard: 'movesRepair', target: 'awaitingNewTime', actions: ['resetFallbacks', say('repair.ask_new_time')] },
      // A person asked for in so many words, whatever else the message says; asked whether we are one: answered.
      {
        guard: 'wantsPerson',
        target: 'withStaff',
        actions: [
          'resetFallbacks',
          {
            type: 'openTicket',
            params: ({ event }) =>
              orderFor(event.tone === 'angry' || event.tone === 'insult' ? 'angry' : 'human', event),
          },
        ],
      },
      { guard: 'asksIfBot', actions: ['resetFallbacks', say('reception.i_am_assistant')] },
      // The approved answer did not answer it ("帮我问问"): the question itself goes to staff.
      {
        guard: 'findsOutAnswered',
        actions: [
          'resetFallbacks',
          {
            type: 'openTicket',
            params: ({ context, event }) => orderFor('inquiry', { ...context.answered!, messageId: event.messageId }),
          },
          assign({ answered: undefined }),
        ],
      },
      // The open ticket is the context: the answer comes from its own promises.
      {
        guard: and([or(['chasesTicket', 'chasesWithoutWords']), 'namesVisitTime']),
        target: 'movingVisit',
        actions: ['resetFallbacks', proposeMove],
      },
      // "我要投诉 约了今天上午又没来": answered about the ticket, and the complaint about the service heard out too.
      {
        guard: and([
          'chasesTicket',
          // …not "那投诉那个呢" nor "前几天投诉狗叫的事 有下文没", which ask after a complaint already made.
          ({ event }) =>
            event.type === 'TEXT' &&
            event.complaint?.complaining === true &&
            event.aboutTicket === 'chase' &&
            !event.openComplaints,
        ]),
        actions: [
          'resetFallbacks',
          { type: 'chaseTicket', params: ({ event }) => chaseOf(event) },
          { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) },
        ],
      },
      {
        guard: 'chasesTicket',
        actions: ['resetFallbacks', { type: 'chaseTicket', params: ({ event }) => chaseOf(event) }],
      },
      // A time for the visit of a repair already booked, nothing new described (今天下午4点以后能来不).
      {
        guard: ({ event }) => event.type === 'TEXT' && (event.openRepairs ?? 0) > 0,
        target: 'movingVisit',
        actions: ['resetFallbacks', proposeMove],
      },
      // "…没事了 跟你们说一声 别让人上来敲门": told so we know, with nobody to be sent: noted, nothing opened.
      {
        guard: ({ event }) => event.type === 'TEXT' && event.justTelling === true && event.intent !== 'complaint',
        actions: ['resetFallbacks', say('reception.noted')],
      },
      // "装修申请要怎么弄 … 晚上7点以后给我打个电话吧": the approved answer, and the call asked for promised as well.
      {
        guard: and(['knowsAnswer', ({ event }) => event.type === 'TEXT' && event.complaint?.callback === true]),
        actions: [
          'resetFallbacks',
          { type: 'answerAside', params: ({ event }) => ({ event: event }) },
          { type: 'openTicket', params: ({ event }) => orderFor('callback', event) },
          assign({ answered: ({ event }) => event }),
        ],
      },
      // One approved answer for a known question (服务口径一致).
      {
        guard: 'knowsAnswer',
        actions: [
          'resetFallbacks',
          { type: 'answerAside', params: ({ event }) => ({ event: event }) },
          assign({ answered: ({ event }) => event }),
        ],
      },
      // "周日呢" right after an approved answer: the same question about another case; the same approved answer.
      {
        guard: 'followsUpAnswer',
        actions: ['resetFallbacks', { type: 'answerAside', params: ({ context }) => ({ event: context.answered! }) }],
      },
      // An outburst and nothing else (你们物业到底干什么吃的！！！): heard out, asked what happened, before anyone is sent.
      {
        guard: and([
          'angry',
          ({ context, event }) =>
            event.type === 'TEXT' &&
            event.intent !== 'human' &&
            event.wantsPerson !== true &&
            event.asksSuperior === undefined &&
            !event.openTickets &&
            context.fallbacks === 0,
        ]),
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }],
      },
      // Anger that asks for someone, or comes after we failed them, is met with an apology and a person.
      {
        guard: 'angry',
        target: 'withStaff',
        actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('angry', event) }],
      },
      { guard: 'onlyAgrees', actions: ['resetFallbacks', say('reception.acknowledged')] },
      // A chase with nothing open chases nothing, however sure the reading is: "说要换个新接头 明天上午能来换吗"
      // asks for a visit (a repair); "东门那块空地到底要建啥" asks about the community (a question for the office).
      {
        guard: and([{ type: 'intentIs', params: 'progress' as const }, 'nothingOpen', 'asksForVisit']),
        actions: raise(({ event }) => ({ ...(event as TextEvent), intent: 'repair' as const, confidence: 1 })),
      },
      {
        guard: and([{ type: 'intentIs', params: 'progress' as const }, 'nothingOpen', 'asksAboutCommunity']),
        actions: raise(({ event }) => ({ ...(event as TextEvent), intent: 'inquiry' as const, confidence: 1 })),
      },
      {
        guard: 'unsure',
        actions: {
          type: 'say',
          // Chasing something we have no record of (报修三次了都没人来): sorry for the wait first, then which it is.
          params: ({ event }) => [
            ...(event.aboutTicket === 'chase' && !(event.openTickets ?? 0)
              ? [{ key: 'reception.chase.sorry_unrecorded' }]
              : []),
            { key: 'reception.clarify', params: { first: event.intent, second: event.alternative! } },
          ],
        },
      },
      {
        guard: and(['lost', 'fallbackLimitReached']),
        target: 'withStaff',
        actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('not_understood', event) }],
      },
      { guard: 'lost', actions: ['countFallback', say('reception.fallback')] },
      // A card for another household is theirs to ask for: the one asking shows it is theirs first (手机后四位).
      {
        guard: 'cardForHouseholdOnFile',
        target: 'binding.askPhone',
        actions: [
          'resetFallbacks',
          'rememberUnit',
          'rememberCard',
          // What it costs and what to bring is no secret: said before the check.
          {
            type: 'explainCard',
            params: ({ event }) =>
              event.type === 'TEXT' && event.slots.cardType
                ? { card: event.slots.cardType, business: event.slots.cardBusiness ?? 'new' }
                : { card: '', business: '' },
          },
          say('binding.ask_phone'),
        ],
      },
      // "停车卡不用了 要注销": the card is what is no longer wanted, not the conversation.
      {
        guard: 'namesCardBusiness',
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'card', event }) }],
      },
      // A goodbye, or "never mind" in so many words, ends the conversation; a bare "吧" does not.
      { guard: 'saysGoodbye', target: 'closed', actions: say('reception.farewell') },
      // Praise is for someone's work; a bare thank-you is courtesy; a bad word about us is a complaint.
      { guard: 'praises', actions: ['resetFallbacks', recordPraise] },
      // Praise of us all (最近你们物业进步挺大的 继续保持) is thanked for; a bare thank-you gets "不客气".
      {
        guard: 'thanksOnly',
        actions: [
          'resetFallbacks',
          {
            type: 'say',
            params: ({ event }) => ({
              key:
                event.type === 'TEXT' && event.intent === 'praise' ? 'reception.thanks' : 'reception.you_are_welcome',
            }),
          },
        ],
      },
      { guard: { type: 'intentIs', params: 'greeting' }, actions: ['resetFallbacks', say('reception.menu')] },
      {
        guard: 'findsFault',
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }],
      },
      // A staff member asked for by name about something of theirs (帮我找一下周师傅 他说要给我带个配件): with no ticket
      // to report on, the desk finds out and gets back, and the one named is told.
      {
        guard: and([
          { type: 'intentIs', params: 'progress' as const },
          'nothingOpen',
          ({ event }) => event.type === 'TEXT' && event.slots.staff !== undefined,
        ]),
        actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('progress', event) }],
      },
      {
        guard: { type: 'intentIs', params: 'progress' },
        actions: [
          'resetFallbacks',
          assign({
            toldProblem: ({ event }) =>
              event.type === 'TEXT' && event.slots.category !== undefined
                ? { text: event.topic ?? event.text, category: event.slots.category }
                : undefined,
          }),
          {
            type: 'reportProgress',
            params: ({ event }) => orderFor('progress', event),
          },
        ],
      },
      // A complaint is heard out by its own flow (no identity needed to be heard).
      {
        guard: { type: 'intentIs', params: 'complaint' },
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }],
      },
      // A leak of unknown size: the safety line, and someone now or at a time (any household).
      {
        guard: 'dangerPerhaps',
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'emergency', event }) }],
      },
      // A repair is booked for a known household.
      { guard: 'repairNow', actions: ['resetFallbacks', bookRepair] },
      { guard: 'repairOfLocked', actions: say('binding.locked') },
      // Unit and whole phone number in one message (我是803业主 手机137…): checked at once, not asked again; the repair
      // goes on whatever the check finds.
      {
        guard: and(['repairNamingUnit', 'givesWholePhone']),
        target: 'binding.verifying',
        actions: [
          'resetFallbacks',
          'rememberUnit',
          'rememberRepair',
          {
            type: 'verifyBinding',
            params: ({ event }) => ({ unit: event.slots.unit!, last4: event.slots.phoneLast4! }),
          },
        ],
      },
      // Someone not yet verified who names their home: a repair shows them nothing, so it is booked without a check.
      { guard: 'repairNamingUnit', actions: ['resetFallbacks', bookRepair] },
      {
        guard: { type: 'intentIs', params: 'repair' },
        target: 'binding.askUnit',
        actions: ['resetFallbacks', 'rememberRepair', 'rememberUnitParts', say('binding.ask_unit_repair')],
      },
      // Arrears are one household's business: shown only to a resident bound to the unit.
      {
        guard: 'arrearsOfBound',
        actions: ['resetFallbacks', { type: 'showStatement', params: ({ event }) => statementFor(event) }],
      },
      {
        guard: 'arrearsOfLocked',
        actions: say('binding.locked'),
      },
      {
        // Unit and phone (or its last four) in one message (5-3-803 手机尾号0803 查一下物业费): checked at once.
        guard: and(['arrearsNamingUnit', or(['givesWholePhone', 'givesLastFour'])]),
        target: 'binding.verifying',
        actions: [
          'resetFallbacks',
          'rememberUnit',
          {
            type: 'verifyBinding',
            params: ({ event }) => ({ unit: event.slots.unit!, last4: lastFour(event)! }),
          },
        ],
      },
      {
        guard: 'arrearsNamingUnit',
        target: 'binding.askPhone',
        actions: ['resetFallbacks', 'rememberUnit', say('binding.ask_phone')],
      },
      {
        guard: { type: 'intentIs', params: 'arrears' },
        target: 'binding.askUnit',
        actions: ['resetFallbacks', 'rememberUnitParts', say('binding.ask_unit')],
      },
      {
        guard: { type: 'intentIs', params: 'card' },
        actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'card', event }) }],
      },
      {
        guard: { type: 'intentIs', params: 'human' },
        target: 'withStaff',
        actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('human', event) }],
      },
      // "好 麻烦帮我问一下" right after a question was passed on: it is being found out already, not asked twice.
      {
        guard: ({ event }) => event.type === 'TEXT' && event.findOutOnly === true && (event.openTickets ?? 0) > 0,
        actions: ['resetFallbacks', say('reception.finding_out')],
      },
      // A question the knowledge base cannot answer: honestly said, and a person finds out — when it is one: asked, or
      // surely an inquiry. "我刚回家一开门" is the start of something still being typed, not a question for the office.
      {
        guard: ({ event }) =>
          event.type === 'TEXT' &&
          event.intent === 'inquiry' &&
          (event.question === true || event.confidence >= SURE_INQUIRY),
        actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('inquiry', event) }],
      },
      { actions: ['countFallback', say('reception.fallback')] },
    ],
    NO_WORDS: { actions: say('input.no_words') },
    TOO_LONG: {
      actions: {
        type: 'say',
        params: ({ event }) => ({ key: 'input.too_long', params: { limit: event.limit } }),
      },
    },
    NON_TEXT: { actions: acknowledgeMedia(false) },
  },
});
