import type { Logger } from '../../log.js';
import type { Clock } from '../../domain/clock.js';
import type { Slots, Understanding } from '../intent.js';
import { askModel, ModelFailure, type ModelAnswer } from './client.js';
import { CallGuard, OPEN_FOR_MS } from './guard.js';
import { Masker, type NameWords } from './mask.js';
import { buildMessages, loadLlmWords, type LlmWords, type PromptInput, type PromptTurn } from './prompt.js';
import type { LlmSettings } from './settings.js';

/** Turns of the conversation sent with the message: enough to read a short reply, no more. */
const HISTORY_TURNS = 4;

/** The slots a time fills, all of them read by the offline time parser. */
const TIME_SLOTS = [
  'time',
  'timeEnd',
  'timeWithoutHour',
  'timeFromPeriod',
  'timeWithoutDay',
  'periodOnly',
  'timePast',
] as const;

/** Reads the time in a span of the message, with the offline time parser. */
export type TimeReader = (span: string) => Slots;

/** What of an understanding the model's opinion is weighed against. */
export type Weighed = Pick<
  Understanding,
  'intent' | 'confidence' | 'alternative' | 'answer' | 'question' | 'menu' | 'emergency' | 'slots' | 'next'
>;

/** One message to get a second opinion on, with what the bot knows around it (nothing of it is sent unmasked). */
export interface Consultation {
  /** The resident's message as received. */
  text: string;
  /** The offline reading of it. */
  offline: Weighed;
  /** What the office asked last, when the last word in the conversation was the office's. */
  asked?: string;
  /** The conversation's latest turns before this message, oldest first. */
  history: PromptTurn[];
  /** Names to mask: staff, the sender's household, a name the message introduces. */
  names: readonly string[];
  now: number;
}

export interface SecondOpinionDeps {
  clock: Clock;
  log: Logger;
  /** The desk is told once when the model stops answering and the bot stops asking it. */
  notifyPaused: (at: number, minutes: number) => void;
  /** The emergency kinds the detector knows: a kind the model invents is no answer. */
  emergencyKinds: readonly string[];
  /** Below this confidence reception asks which topic is meant (flows/reception/reading.ts): the model is asked too. */
  clarifyBelow: number;
  nameWords: Omit<NameWords, 'titles' | 'prefixes'> & { staffTitles: readonly string[] };
  words?: LlmWords;
  fetch?: typeof fetch;
}

/**
 * A language model as a second opinion on what a resident means. In `fallback` mode it is asked
 * only where the offline reading is weakest; in `always` mode on every message. It is asked before
 * the turn's transaction (`consult`, async, bounded by the timeout) and its answer is weighed inside
 * it (`decide`, pure). It only classifies: no word of it reaches a resident.
 */
export class SecondOpinion {
  private readonly guard: CallGuard<ModelAnswer>;
  private readonly words: LlmWords;
  private readonly nameWords: NameWords;

  constructor(
    private readonly settings: LlmSettings,
    private readonly deps: SecondOpinionDeps,
  ) {
    this.words = deps.words ?? loadLlmWords();
    const { staffTitles, ...surnames } = deps.nameWords;
    const titles = [...new Set([...this.words.name_titles, ...staffTitles])];
    this.nameWords = { ...surnames, titles, prefixes: this.words.name_prefixes };
    this.guard = new CallGuard(settings.dailyCalls, (at) => deps.notifyPaused(at, OPEN_FOR_MS / 60_000));
  }

  /**
   * Whether the model is worth asking: below the clarify band, a reply to a question that the
   * offline reading cannot tell yes or no from, two matters in one message, danger only perhaps heard.
   */
  wouldAsk(offline: Weighed, asked: boolean): boolean {
    if (this.settings.mode === 'off') return false;
    if (this.settings.mode === 'always') return true;
    if (offline.emergency?.sure) return false;
    const unreadReply =
      asked && offline.answer === undefined && !offline.question && !offline.slots.time && offline.intent === 'other';
    const unsure = !offline.menu && offline.confidence < this.deps.clarifyBelow;
    return unsure || unreadReply || offline.next !== undefined || offline.emergency?.sure === false;
  }

  /** The model's answer, validated and with its placeholders put back; undefined whenever there is none. */
  async consult(c: Consultation): Promise<ModelAnswer | undefined> {
    if (!this.wouldAsk(c.offline, c.asked !== undefined)) return undefined;
    const introduced = [c.offline.slots.name, c.offline.slots.nameGuess].filter((n) => n !== undefined);
    const masker = new Masker(this.nameWords, [...c.names, ...introduced]);
    const input: PromptInput = {
      message: masker.mask(c.text),
      ...(c.asked !== undefined && { asked: masker.mask(c.asked) }),
      history: c.history.slice(-HISTORY_TURNS).map((t) => ({ from: t.from, text: masker.mask(t.text) })),
    };
    const key = JSON.stringify([input.message, input.asked ?? '']);
    const hit = this.guard.cached(key);
    if (hit) return this.unmasked(hit, masker);
    const refused = this.guard.admit(c.now);
    if (refused) {
      this.deps.log.info({ llm: refused }, 'language model not asked');
      return undefined;
    }
    const { baseUrl, apiKey, model, timeoutMs } = this.settings;
    try {
      const endpoint = { baseUrl: baseUrl!, model: model!, timeoutMs, ...(apiKey && { apiKey }) };
      const answer = await askModel(endpoint, buildMessages(this.words, input), this.deps.fetch);
      const kind = answer.emergency?.kind;
      if (kind !== undefined && !this.deps.emergencyKinds.includes(kind)) {
        throw new ModelFailure('malformed', `no emergency kind ${kind}`);
      }
      this.guard.succeeded(key, answer);
      return this.unmasked(answer, masker);
    } catch (error) {
      const reason = error instanceof ModelFailure ? error.reason : 'network';
      // Counts of what was masked, never the words: the log must not hold what the request did not.
      const detail = (error as Error).message;
      this.deps.log.warn({ llm: reason, detail, masked: masker.masked }, 'language model failed: offline reading kept');
      this.guard.failed(this.deps.clock.now());
      return undefined;
    }
  }

  /** Weighs the model's answer against the offline reading (see `decide`), inside the turn's transaction. */
  decide<U extends Weighed>(offline: U, advice: ModelAnswer | undefined, text: string, readTime: TimeReader): U {
    return decide(offline, advice, text, readTime, this.deps.clarifyBelow);
  }

  get breaker(): 'closed' | 'open' {
    return this.guard.state;
  }

  get callsToday(): number {
    return this.guard.calls;
  }

  private unmasked(answer: ModelAnswer, masker: Masker): ModelAnswer {
    return answer.time_span ? { ...answer, time_span: masker.unmask(answer.time_span) } : answer;
  }
}

/**
 * The offline reading and the model's, weighed. Danger: the stricter wins, and the model never
 * lowers it. The matter: the model's, where it is surer than the offline reading and sure enough
 * not to be asked about (a menu pick or a rule's certainty is never overridden). A yes or a no: the
 * model's, where the offline reading heard neither. A time: read by the offline parser from the
 * words the model points at, and only if those words are in the message. Nothing else is taken.
 */
export function decide<U extends Weighed>(
  offline: U,
  advice: ModelAnswer | undefined,
  text: string,
  readTime: TimeReader,
  clarifyBelow: number,
): U {
  if (!advice) return offline;
  let u: U = { ...offline, slots: { ...offline.slots } };
  const heard = advice.emergency;
  if (heard && (!u.emergency || (!u.emergency.sure && heard.sure))) {
    u.emergency = { kind: heard.sure || !u.emergency ? heard.kind : u.emergency.kind, sure: heard.sure };
    if (heard.sure) u.slots.urgent = true;
  }
  const surer = advice.confidence > u.confidence && advice.confidence >= clarifyBelow;
  if (!u.menu && surer) {
    const alternative = advice.intent !== u.intent ? u.intent : u.alternative;
    u = { ...u, intent: advice.intent, confidence: advice.confidence, ...(alternative && { alternative }) };
  }
  if (advice.answer && u.answer === undefined && !u.question) u.answer = advice.answer;
  const span = advice.time_span?.trim();
  if (span && !u.slots.time && text.includes(span)) {
    const read = readTime(span);
    for (const key of TIME_SLOTS) if (read[key] !== undefined) Object.assign(u.slots, { [key]: read[key] });
  }
  return u;
}
