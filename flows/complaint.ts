import { say } from './say.js';
import { acknowledgeMedia } from './interruptions.js';
import { emptyHeard } from './complaint-heard.js';
import { complaint, file } from './complaint/setup.js';
import { lookingBack, opening } from './complaint/opening.js';
import { asking, confirming, hearing } from './complaint/hearing.js';
import { following, withManager } from './complaint/following.js';

/**
 * Complaints (接受投诉), heard out the way a trusted service desk hears them: first an empathy
 * phrase for the kind of complaint; every fact the resident tells, in any message, is taken
 * (complaint-heard.ts) and only what is still missing is asked, one question at a time; then it is
 * read back and, on yes, filed (ticket C…, a reply promise, a call-back promise if wanted).
 *
 * - Answers are read against the question asked: 要/不用 answer the call-back question; a question
 *   in reply is answered and ours asked again; only an explicit withdrawal (不投诉了) ends it; at the
 *   read-back a no (不用) means it is not filed, a correction is taken and read back again.
 * - A complaint about an earlier one still open (又吵了, 补充一下) goes onto that ticket.
 * - A threat of harm or self-harm: the manager at once, and the conversation stays with them.
 * - Silence: a complaint whose facts are known is filed (the resident is told when the office may
 *   speak); otherwise the conversation closes (without a word at night).
 *
 * The states are in flows/complaint/: opening (the first message, an earlier complaint), hearing
 * (the questions, the read-back) and following (the manager, an earlier complaint added to).
 */

export const COMPLAINT_VERSION = 4;

export const complaintMachine = complaint.createMachine({
  id: 'complaint',
  context: {
    ...emptyHeard(),
    threat: false,
    fileNow: false,
    aboutOpenMatter: false,
  },
  initial: 'starting',
  on: {
    // An emergency came in: it comes first; what is known of the complaint is filed, not dropped — unless all that was
    // told is one line with nothing of when or how often (楼道里好多水, then 水管爆了): the emergency's own first words.
    SUSPEND: [
      {
        guard: ({ context, event }) =>
          event.type === 'SUSPEND' &&
          event.danger === true &&
          context.what.length <= 1 &&
          context.when.length === 0 &&
          context.often.length === 0 &&
          context.since.length === 0 &&
          context.callback === undefined,
        target: '.abandoned',
      },
      { guard: 'heardEnough', target: '.done', actions: file('away') },
      { target: '.abandoned' },
    ],
    NON_TEXT: { actions: acknowledgeMedia(true) },
    // Nothing a resident starts is dropped: what is known is filed; they are told when we may speak.
    IDLE: [
      { guard: 'heardEnough', target: '.done', actions: file('away') },
      { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } },
    ],
  },
  states: {
    starting: { on: { START: 'opening' } },
    opening,
    lookingBack,
    hearing,
    asking,
    confirming,
    withManager,
    following,
    cancelled: { entry: say('complaint.cancelled'), always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
