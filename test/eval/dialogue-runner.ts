import { formatIso, parseDuration, parseIso } from '../../src/domain/time.js';
import type { Staff } from '../../src/store/community-repo.js';
import { TICKET_PREFIX } from '../../src/store/ticket-repo.js';
import { createTestApp } from '../fakes/test-app.js';
import type { SecondOpinionFactory } from '../../src/nlu/llm/load.js';
import type { Dialogue, Step } from './dialogue-schema.js';
import { Driver } from './driver.js';
import { createGivens, GivenError, planGivens } from './givens.js';
import { judgeOutcome, judgeStep, type Judging, type Miss, type StepRecord } from './judge.js';
import { Observer, type Sent } from './observer.js';
import { freshStore, sharedUnderstander } from './shared-loaders.js';
import { Vocabulary } from './vocabulary.js';
import { describeTicket, StaffDirectory, ticketsAfter } from './world.js';

export interface DialogueResult {
  dialogue: Dialogue;
  misses: Miss[];
  records: StepRecord[];
  /**
   * The harness could not play it (a given the bot would not produce, a time going backwards): no verdict on the bot.
   */
  harnessError?: string;
  /** The tickets the givens made, as they stood at the start. */
  givenTickets?: string[];
  /** Names nobody on staff has: the dialogue is at fault. */
  malformed?: string[];
}

/** An `at` this far behind the clock is the dialogue's mistake, not typing time. */
const AT_TOLERANCE_MS = 5 * 60_000;

const PLACEHOLDER = /\{([RCKH])\}/g;

/**
 * Plays each dialogue through the whole runtime in-process, on its own in-memory copy of the
 * sample community, and judges it. One runner serves a whole set: the loaders are shared.
 */
export class DialogueRunner {
  /** `secondOpinion`: a language model beside the offline reading (`eval:dialogues --understander`). */
  constructor(
    private readonly vocabulary = Vocabulary.load(),
    private readonly secondOpinion?: SecondOpinionFactory,
  ) {}

  async run(dialogue: Dialogue): Promise<DialogueResult> {
    const store = freshStore();
    try {
      return await this.play(dialogue, store);
    } finally {
      store.db.close();
    }
  }

  private async play(dialogue: Dialogue, store: ReturnType<typeof freshStore>): Promise<DialogueResult> {
    const records: StepRecord[] = [];
    const directory = new StaffDirectory(store);
    const unknown = unknownStaff(dialogue, directory);
    if (unknown.length > 0) return { dialogue, misses: [], records, malformed: unknown };
    const startMs = parseIso(dialogue.start);
    const first = Math.min(startMs, ...planGivens(dialogue).map((a) => a.at));
    const app = createTestApp({
      store,
      understander: sharedUnderstander(),
      now: formatIso(first),
      ...(this.secondOpinion && { secondOpinion: this.secondOpinion }),
    });
    const driver = new Driver(app, new Observer(app), dialogue.resident, directory);
    try {
      await createGivens(driver, dialogue);
    } catch (error) {
      const why = error instanceof GivenError ? error.message : `creating the givens threw ${String(error)}`;
      return { dialogue, misses: [], records, harnessError: `given not created: ${why}` };
    }
    const judging: Judging = {
      dialogue,
      store,
      vocabulary: this.vocabulary,
      directory,
      firstStepTicketId: ticketsAfter(store).at(-1)?.id ?? 0,
      firstStepCommitmentId: store.commitments.all().reduce((max, c) => Math.max(max, c.id), 0),
      startMs,
    };
    const misses: Miss[] = [];
    const givenTickets = ticketsAfter(store).map(
      (t) =>
        `${describeTicket(t)}${t.ownerId ? `, owned by ${store.community.staffById(t.ownerId)?.name ?? t.ownerId}` : ''}`,
    );
    for (const [i, step] of dialogue.steps.entries()) {
      if ('at' in step && parseIso(step.at) < driver.now() - AT_TOLERANCE_MS) {
        return {
          dialogue,
          misses,
          records,
          givenTickets,
          harnessError: `step ${i + 1}: at ${step.at} is before the clock (${formatIso(driver.now())})`,
        };
      }
      const record = await playStep(driver, step, i + 1);
      records.push(record);
      misses.push(...judgeStep(judging, record, driver.keysToResident));
    }
    misses.push(...judgeOutcome(judging, records));
    return { dialogue, misses, records, givenTickets };
  }
}

async function playStep(driver: Driver, step: Step, index: number): Promise<StepRecord> {
  const { store } = driver.app;
  const ticketsBefore = ticketsAfter(store).at(-1)?.id ?? 0;
  const failedBefore = store.events.ofTypes(['turn_failed']).length;
  const record: StepRecord = { index, step, toResident: [], toStaff: [], toAuthor: [], newTickets: [], errors: [] };
  let sent: Sent[] = [];
  let actor: Staff | undefined;
  try {
    if ('say' in step) sent = await driver.say(step.say);
    else if ('send' in step) sent = await driver.send(step.send);
    else if ('advance' in step) sent = await driver.advanceTo(driver.now() + parseDuration(step.advance));
    else if ('at' in step) sent = await driver.advanceTo(parseIso(step.at));
    else {
      actor = driver.directory.byName(step.staff.who)!;
      const missing = [...step.staff.text.matchAll(PLACEHOLDER)]
        .map((m) => m[1]!)
        .filter((letter) => !newestTicket(driver, letter));
      if (missing.length > 0)
        record.unplayable = `no ${missing.map((l) => `${l}…`).join(' or ')} ticket in this dialogue for ${missing.map((l) => `{${l}}`).join(' ')}`;
      else
        sent = await driver.command(
          actor,
          step.staff.text.replace(PLACEHOLDER, (_, letter: string) => newestTicket(driver, letter)!),
        );
    }
  } catch (error) {
    record.errors.push(`threw ${String(error)}`);
    sent = driver.collect();
  }
  record.toResident = driver.toResident(sent);
  for (const m of sent) {
    const staff = driver.directory.byWechat(m.to);
    // A staff member's own command answered is not news to them.
    if (staff && staff.id === actor?.id) record.toAuthor.push(m);
    else if (staff) record.toStaff.push({ sent: m, staff });
  }
  record.newTickets = ticketsAfter(store, ticketsBefore);
  const failed = store.events.ofTypes(['turn_failed']).slice(failedBefore);
  record.errors.push(
    ...failed.map((ev) => `a turn failed: ${(ev.data as { error?: string } | undefined)?.error ?? '?'}`),
  );
  return record;
}

/** {R} {C} {K} {H}: the newest ticket of that type in this dialogue, givens' included. */
function newestTicket(driver: Driver, letter: string): string | undefined {
  return ticketsAfter(driver.app.store)
    .filter((t) => TICKET_PREFIX[t.type] === letter)
    .at(-1)?.number;
}

/** Staff named in the dialogue whom the community does not have (a step's author must be a person, not a role). */
function unknownStaff(dialogue: Dialogue, directory: StaffDirectory): string[] {
  const expects = dialogue.steps.map((s) => s.expect ?? {});
  const o = dialogue.outcome ?? {};
  const authors = dialogue.steps.flatMap((s) => ('staff' in s ? [s.staff.who] : []));
  const named = [
    ...expects.flatMap((e) => [...(e.staff_told ?? []), ...(e.staff_not_told ?? [])]),
    ...(o.staff_told ?? []),
    ...(o.staff_not_told ?? []),
    ...(o.praise_for && o.praise_for !== 'nobody' ? [o.praise_for] : []),
  ];
  return [
    ...[...new Set(authors)]
      .filter((n) => !directory.byName(n))
      .map((n) => `staff step by "${n}", who is not on staff`),
    ...[...new Set(named)]
      .filter((n) => !directory.knows(n))
      .map((n) => `"${n}" is neither a role nor anyone on staff`),
  ];
}
