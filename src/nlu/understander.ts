import type { StaffName } from '../store/community-repo.js';
import type { IntentClassifier, Ranked } from './classifier.js';
import type { Intent, Slots, Understanding } from './intent.js';
import { readIntentData, type IntentData } from './intent-data.js';
import { intentClassifier } from './intent-model.js';
import { repairChangeOf, toneOf, urgencyOf } from './message-manner.js';
import { MessageSlots } from './message-slots.js';
import { answerOf, asks, isReply, ordinalOf } from './reply-words.js';
import { SlotFinder } from './slots.js';
import { isImpossibleDate, mayNameTime, onlyReplyWords, parseChineseTime } from './times.js';
import { longestFirst } from './time-words.js';
import { Variants } from './variants.js';
import { Courtesy } from './courtesy.js';
import { Simplifier } from './traditional.js';
import { towardsWaiting } from './waiting-matter.js';
import { ComplaintFactFinder } from '../complaint/complaint-facts.js';
import { EmergencyDetector, type EmergencyReading } from './emergency.js';
import { EmergencyModel } from './emergency-model.js';
import { splitHomes, splitTopics } from './topics.js';
import { escapeRegExp } from '../domain/regexp.js';

/** Beside its parting words, a goodbye says at most this many characters more (那先这样吧 我去忙了). */
const GOODBYE_REST = 8;
/** What is left of a message once its greetings are gone must be this long to be its matter. */
const MATTER_MIN_LENGTH = 3;
/** How sure a guess can be when it stands beside a yes or a no and none of its intent's keywords is said. */
const GUESS_BESIDE_ANSWER = 0.6;
const NAMED_BUSINESS: ReadonlySet<Intent> = new Set(['arrears', 'card', 'human', 'praise', 'cancel']);

/** Readings kept for texts said again (你好, 谢谢, 物业电话多少…); past it the oldest goes. */
const READINGS_KEPT = 5_000;

/** A reading kept for its text, with the staff names it was read against when a name mattered. */
type Kept = { reading: Understanding; names: readonly StaffName[] | undefined };

/** Intents whose staff member named matters: praise and complaints of them, a person asked for or chased. */
const NAMES_STAFF: ReadonlySet<Intent> = new Set<Intent>(['praise', 'complaint', 'progress', 'human']);
/** Tasks whose words are told to staff and repeated back. */
const TASKS_TOLD: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint']);

/**
 * Understanding a resident's message: intent with confidence (and the runner-up), a yes/no/
 * correction, and the slots. One instance is built at start-up (loading jieba's dictionary and
 * training the classifier: see `npm run bench` for the cost) and shared.
 */
export class Understander {
  /** data.topics.if_again, compiled once. */
  private ifAgain: RegExp[] | undefined;
  private readonly classifier: IntentClassifier;
  private readonly slots: SlotFinder;
  private readonly menu: Map<string, Intent>;
  private readonly complaints: ComplaintFactFinder;
  private readonly greetings: RegExp;
  /** A hello before the matter (你好，我家厨房水龙头…): no part of what is told to staff or repeated back. */
  private readonly leadingGreeting: RegExp;
  private readonly acknowledgement: RegExp;
  /** What a request to find out may say beside it and still ask nothing else (麻烦, 帮我, 谢谢), longest first. */
  private readonly findOutWords: readonly string[];
  /** Parting words and manners, longest first: what a goodbye may hold besides a few words more. */
  private readonly partingWords: readonly string[];
  private readonly emergencies = new EmergencyDetector(undefined, () => EmergencyModel.load());
  private readonly othersPatterns: RegExp[];
  private readonly messageSlots: MessageSlots;
  private readonly simplifier: Simplifier;
  private readonly courtesy: Courtesy;
  /**
   * Readings by text, of texts that name no time: such a reading depends on the words alone (and the
   * staff names, when it asked for them: `staffNames` returns the same list until the roster changes).
   */
  private readonly kept = new Map<string, Kept>();
  /** Set while reading a text when any part of it may name a time: then the reading depends on the clock. */
  private clockRead = false;

  /** `intentsText`: the file `data` was read from, to use the classifier trained at build time when it matches. */
  constructor(
    private readonly data: IntentData,
    intentsText?: string,
    private readonly variants: Variants = Variants.load(),
  ) {
    this.classifier = intentClassifier(data, intentsText);
    this.simplifier = new Simplifier(variants.keepTraditional);
    this.courtesy = new Courtesy(data);
    this.slots = new SlotFinder(data);
    this.messageSlots = new MessageSlots(data, this.slots);
    this.menu = new Map(Object.entries(data.menu));
    this.complaints = ComplaintFactFinder.load();
    this.othersPatterns = data.others_household_patterns.map((p) => new RegExp(p, 'u'));
    const greetings = [...(data.intents.greeting?.keywords ?? [])].sort((a, b) => b.length - a.length);
    const anyGreeting = greetings.map(escapeRegExp).join('|') || '(?!)';
    this.greetings = new RegExp(anyGreeting, 'gi');
    this.leadingGreeting = new RegExp(`^(?:${anyGreeting})[\\s\\p{P}]+`, 'iu');
    this.acknowledgement = leadingAcknowledgement(data.courtesy.words);
    const { find_out, bare_request, courtesy } = data;
    this.findOutWords = [...find_out, ...bare_request, ...courtesy.words, ...courtesy.thanks, ...courtesy.fillers]
      .map((w) => w.toLowerCase())
      .sort((a, b) => b.length - a.length);
    this.partingWords = [...data.goodbye_words, ...courtesy.thanks, ...courtesy.words]
      .map((w) => w.toLowerCase())
      .sort((a, b) => b.length - a.length);
  }

  static load(): Understander {
    const { data, text } = readIntentData();
    return new Understander(data, text);
  }

  /** What residents call each role after a surname (孙师傅, 吴主管): data/intents.zh-CN.yaml `staff_titles`. */
  get staffTitles(): IntentData['staff_titles'] {
    return this.data.staff_titles;
  }

  /** Words that ask what something costs (data/intents.zh-CN.yaml `cost_words`). */
  get costWords(): readonly string[] {
    return this.data.cost_words;
  }

  /** Words that point a chase at a kind of ticket (data/intents.zh-CN.yaml `ticket_hints`). */
  get ticketHints(): IntentData['ticket_hints'] {
    return this.data.ticket_hints;
  }

  /**
   * `staffNames` is asked only when the message praises or complains (that is when a name matters).
   * A message with two matters is understood as its first, with the rest in `next`; danger and a
   * chase about an open ticket are never split.
   */
  understand(
    said: string,
    now: number,
    staffNames: () => readonly StaffName[] = () => [],
    waiting?: string,
  ): Understanding {
    // A matter waiting in the conversation changes the reading: read afresh.
    if (waiting !== undefined) return this.read(said, now, staffNames, waiting);
    const kept = this.kept.get(said);
    if (kept && (kept.names === undefined || kept.names === staffNames())) return structuredClone(kept.reading);
    let names: readonly StaffName[] | undefined;
    this.clockRead = false;
    const reading = this.read(said, now, () => (names = staffNames()), undefined);
    if (!this.clockRead) {
      if (this.kept.size >= READINGS_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(said, { reading: structuredClone(reading), names });
    }
    return reading;
  }

  private read(
    said: string,
    now: number,
    staffNames: () => readonly StaffName[],
    waiting: string | undefined,
  ): Understanding {
    const read = this.readParts(said, now, staffNames, waiting);
    // A hello before a task (你好，我家厨房水龙头…) is no part of what staff are told or is repeated back.
    const reading = TASKS_TOLD.has(read.intent)
      ? {
          ...read,
          topic: read.topic.replace(this.leadingGreeting, '') || read.topic,
          ...(read.matter && { matter: read.matter.replace(this.leadingGreeting, '') || read.matter }),
        }
      : read;
    // "师傅来看过了 … 拧好了 那停车卡续费呢": the trouble is over, whichever part of the message says so.
    const { over, not_over: notOver } = this.data.emergency_over;
    const isOver = over.some((w) => said.includes(w)) && !notOver.some((w) => said.includes(w));
    return isOver ? { ...reading, saysOver: true } : reading;
  }

  private readParts(
    said: string,
    now: number,
    staffNames: () => readonly StaffName[],
    waiting: string | undefined,
  ): Understanding {
    // 師傅, 電閘: the data is written in simplified characters.
    const text = this.simplifier.simplified(said);
    // "那明天上午 再放我鸽子我就投诉你们": the threat is how it is said; the rest is the matter, heard as angry.
    const ifAgain = (this.ifAgain ??= this.data.topics.if_again.map((p) => new RegExp(p, 'u'))).find((p) =>
      p.test(text),
    );
    const rest = ifAgain ? text.replace(ifAgain, ' ').trim() : '';
    if (rest.length >= 2) return { ...this.readParts(rest, now, staffNames, waiting), tone: 'angry' };
    const whole = this.understandOne(text, now, staffNames);
    if (whole.aboutTicket) return whole;
    if (whole.emergency) return this.emergencyAndAnother(text, whole, now, staffNames);
    // "…菜也涨价了 … 对了说正事 厨房灯管坏了": the chat before the matter is no matter of its own.
    const realMatter = this.data.topics.real_matter.find((w) => text.includes(w));
    if (realMatter) {
      const matter = text.slice(text.lastIndexOf(realMatter) + realMatter.length).trim();
      if (matter.length >= 2) return this.readParts(matter, now, staffNames, waiting);
    }
    // A repair in each of two homes: two matters, the time said for both given to the first as well (…都明天上午来吧).
    const homes = whole.intent === 'repair' ? splitHomes(text.trim(), this.classifier) : undefined;
    if (homes) {
      const said = parseChineseTime(homes.rest, now)?.said ?? [];
      const first =
        said.length > 0 && !parseChineseTime(homes.first, now) ? `${homes.first} ${said.join('')}` : homes.first;
      return { ...this.understandOne(first, now, staffNames), next: homes.rest, part: homes.first };
    }
    const split = splitTopics(text.trim(), this.data.topics, this.classifier);
    // "物业费晚交的话 滞纳金收不收" is one question about a rule; "我欠多少 滞纳金收不收" is two matters.
    const conditional = !split || this.data.condition_words.some((w) => split.first.includes(w));
    if (
      conditional &&
      this.data.policy_questions.some((w) => text.includes(w)) &&
      whole.intent !== 'repair' &&
      whole.intent !== 'complaint' &&
      // "我想再办一张停车卡 怎么收费": the card business is wanted, and its flow tells the fee first.
      !whole.slots.cardBusiness &&
      !whole.slots.cardRequest
    ) {
      return { ...whole, intent: 'inquiry', confidence: 1 };
    }
    if (split) {
      const first = this.understandOne(split.first, now, staffNames);
      // "你们物业是吃干饭的吗？？东门外那个烧烤摊天天半夜还在吵": the outburst is how the matter is said, not a
      // question of its own — the matter, heard as angry.
      if (first.tone && (first.intent === 'inquiry' || first.intent === 'other') && !first.slots.category)
        return { ...this.readParts(split.rest, now, staffNames, waiting), tone: first.tone };
      // "那个修门的小伙子 好像姓周 人特别好 …": who did a job, then praise of them — one matter, the praise.
      if (
        whole.intent === 'praise' &&
        whole.slots.staff &&
        first.intent === 'repair' &&
        first.slots.time === undefined &&
        !first.wantsVisit &&
        this.understandOne(split.rest, now, staffNames).intent === 'praise'
      )
        return whole;
      return { ...first, next: split.rest, part: split.first };
    }
    return waiting
      ? towardsWaiting(text.trim(), whole, waiting, staffNames, this.data, this.classifier, (part, names) =>
          this.understandOne(part, now, names),
        )
      : whole;
  }

  /**
   * A danger told with another matter (厨房水管漏水了 顺便问下我还欠多少物业费): the danger is handled first and the
   * other matter waits its turn, as with any two matters — but only when the danger reads the same without it.
   */
  private emergencyAndAnother(
    text: string,
    whole: Understanding,
    now: number,
    staffNames: () => readonly StaffName[],
  ): Understanding {
    const split = splitTopics(text.trim(), this.data.topics, this.classifier);
    if (!split) return whole;
    const first = this.understandOne(split.first, now, staffNames);
    const sameDanger =
      first.emergency?.kind === whole.emergency?.kind && first.emergency?.sure === whole.emergency?.sure;
    if (!sameDanger || this.understandOne(split.rest, now, staffNames).emergency) return whole;
    return { ...first, next: split.rest, part: split.first };
  }

  private understandOne(text: string, now: number, staffNames: () => readonly StaffName[]): Understanding {
    const trimmed = text.trim();
    // Typos and dialect in common words (马统 → 马桶, 屋头 → 家里): what the classifier and the slot finders read.
    const plain = this.variants.rewrite(trimmed);
    const { said: unitSaid, ...unit } = this.slots.unit(plain);
    // A home's address is a slot, not what the message is about; a building alone (5号楼电梯) is where it happens.
    const unitWords = unit.room ? unitSaid : undefined;
    // A unit's numbers are not a date (3栋2单元12号 is no 12th of the month).
    const withoutUnit = unitWords ? plain.replace(unitWords, ' ') : plain;
    // Only a time read here makes the reading depend on `now` (below: the time, and a time's flags).
    if (mayNameTime(withoutUnit)) this.clockRead = true;
    const impossible = isImpossibleDate(withoutUnit, now);
    const time = impossible
      ? undefined
      : (this.messageSlots.timeMovedTo(withoutUnit, now) ?? parseChineseTime(withoutUnit, now));
    const slots: Slots = {
      ...this.messageSlots.find(plain, time, now),
      ...unit,
      ...(impossible && { timeImpossible: true as const }),
    };
    const answer = this.answer(trimmed);
    // Complaint facts are read from the words as meant (typos put right), like every other slot.
    const found = this.complaints.find(plain);
    // A fault named (单元门锁坏了): the trade that mends it, for the technicians to hear of it with the complaint.
    const fault = slots.category && this.data.fault_words.some((w) => plain.includes(w)) ? slots.category : undefined;
    const complaint = fault ? { ...found, fault } : found;
    // Read in the resident's words and in common ones too (总开关要关伐 → …要关吗).
    const question = this.asks(trimmed) || this.asks(plain);
    const findOut = this.data.find_out.some((w) => trimmed.includes(w));
    // When and where are slots, not evidence of what is wanted: 下午 is not a greeting; nor is a
    // wish to be called back (不用回电话) a wish to talk to a person or to cancel.
    const topic = [...(time?.said ?? []), ...(unitWords ? [unitWords] : [])]
      .reduce((t, words) => t.split(words).join(' '), complaint.callback === undefined ? plain : complaint.said)
      .replace(/\s*(\p{P})\s*/gu, '$1')
      .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
      .replace(/\s+/g, ' ');
    const dissatisfied = this.data.dissatisfied.some((w) => plain.includes(w));
    // "手机号改成139…": a number changed, not a visit moved.
    const changesNumber = slots.phone !== undefined && time === undefined;
    const repairChange = changesNumber ? undefined : repairChangeOf(trimmed, this.data);
    const tone = toneOf(trimmed, this.data);
    const emergency = this.heardDanger(trimmed, plain);
    // `wuye nlu` has always said urgent for a danger heard for sure.
    if (emergency?.sure) slots.urgent = true;
    const urgency = urgencyOf(trimmed, this.data);
    const { chase, question: asksAfter } = this.data.about_ticket;
    const lower = trimmed.toLowerCase();
    const has = (words: readonly string[], within = lower) => words.some((w) => within.includes(w.toLowerCase()));
    const change = this.data.repair_change;
    // A time and only whether it will do (明天下午三点可以吗, 今天下午行不行).
    const onlyOffersTime = time !== undefined && change.time_offer_tails.includes(topic.replace(/[\s\p{P}]/gu, ''));
    const left = topic.replace(/[\s\p{P}]/gu, '');
    // Nothing but the time and its tails (今天下午两点以后吧 这次): longest tails first, every one taken out.
    const timeAlone =
      time !== undefined && longestFirst(change.time_alone_tails).reduce((t, w) => t.split(w).join(''), left) === '';
    // "都十点半了": the clock now, said of the wait, is no time wanted.
    const clockNow =
      time !== undefined &&
      time.said.some((said) =>
        change.clock_now.some((w) =>
          change.clock_now_tails.some((t) => lower.includes(`${w}${said.toLowerCase()}${t}`)),
        ),
      );
    const visitAt =
      time !== undefined &&
      !clockNow &&
      time.at >= now &&
      !has(change.arrival_questions) &&
      // Someone coming, said (明天上午能来吗), or a time offered and nothing else (今天下午行不行).
      (has(change.come) || (has(change.time_offers) && onlyOffersTime)) &&
      !has(change.believed);
    // "要不要", "不要紧": a no word inside them is no cancel; nor is "不用回电话", a wish about a call back.
    const withoutNotNo = this.data.answers.not_no.reduce((t, w) => t.split(w).join(' '), complaint.said.toLowerCase());
    const asksIfBot =
      question &&
      has(this.data.bot_question) &&
      !(has(this.data.person_words) && (has(this.data.anger) || has(this.data.insults)));
    // "算了 你现在给我登记 明天上午来": what is let go of comes before a visit asked for; the visit is the request.
    const lastCancel = Math.max(...this.data.cancel_words.map((w) => withoutNotNo.lastIndexOf(w.toLowerCase())));
    const visitAfterCancel =
      visitAt && time.said.length > 0 && lastCancel >= 0 && lastCancel < lower.indexOf(time.said[0]!.toLowerCase());
    const flags = {
      ...((has(this.data.cancel_words, withoutNotNo) || isReply(lower, this.data.cancel_replies, this.data)) &&
        !question &&
        !visitAfterCancel && { cancels: true as const }),
      ...(((has(this.data.goodbye_words) && this.saysLittleElse(lower)) ||
        isReply(lower, this.data.goodbye_replies, this.data)) &&
        !question && { goodbye: true as const }),
      ...(has(this.data.forgot_words) && { forgot: true as const }),
      ...(has(this.data.resume) && { resumes: true as const }),
      ...(has(this.data.just_telling) && !question && { justTelling: true as const }),
      ...(has(this.data.still_wrong) && { stillWrong: true as const }),
      ...(has(this.data.asks_for_others) && { asksForOthers: true as const }),
      ...(has(this.data.asks_pending) && { asksPending: true as const }),
      ...this.liftInside(lower),
      // "你们这破机器人 有没有活人": an angry demand for a person, not a question whether we are one.
      ...(((has(this.data.person_words) && (!asksIfBot || has(this.data.anger) || has(this.data.insults))) ||
        this.data.person_alone.includes(lastClause(lower))) && { wantsPerson: true as const }),
      ...(asksIfBot && { asksIfBot: true as const }),
      ...(has(this.data.visit_wanted) && { wantsVisit: true as const }),
      ...(has(this.data.repair_change.moved_to) && { movesTo: true as const }),
      ...(time && has(this.data.repair_change.time_offers) && { offersTime: true as const }),
      ...(onlyOffersTime && { timeOfferOnly: true as const }),
      ...(timeAlone && { timeAlone: true as const }),
      ...(this.followsUp(trimmed) && { followsUp: true as const }),
      // Someone wanted at a time still to come, asked (明天上午能来换吗) or told; told with its day, or at a clock time,
      // it names the time for them to come (那今天下午四点以后来), not the time they were told (说好的下午来).
      ...(visitAt && { asksVisitAt: true as const }),
      ...(visitAt && (time.dayGiven === true || !time.fromPeriod) && !question && { namesVisitTime: true as const }),
      ...(has(this.data.repair_change.arrival_questions) && { asksArrival: true as const }),
      ...(has(this.data.any_time) && { anyTime: true as const }),
      ...(has(this.data.any_time) && has(this.data.soonest) && { soonest: true as const }),
      ...(has(this.data.relative_window.later)
        ? { relative: 'later' as const }
        : has(this.data.relative_window.earlier) && { relative: 'earlier' as const }),
      // A one-character title (总) is too common a character to name anyone by itself.
      ...(has(this.data.staff_titles.manager.filter((w) => w.length > 1))
        ? { asksSuperior: 'manager' as const }
        : // "再不来我就打12345投诉了": taking it outside the office goes to the supervisor, asked or not.
          (has(this.data.staff_titles.supervisor.filter((w) => w.length > 1)) || has(this.data.outside_complaint)) && {
            asksSuperior: 'supervisor' as const,
          }),
      ...(has(this.data.cost_words) && { asksPrice: true as const }),
      ...(has(this.data.breaker_words) && { breakerTripped: true as const }),
      ...((slots.cardType !== undefined || slots.cardBusiness !== undefined) &&
        has(this.data.card_loss_words) && { reportsLoss: true as const }),
      ...((has(this.data.others_contact) || this.asksHomesContact(lower, unit.room !== undefined)) && {
        asksOthersContact: true as const,
      }),
      // A common place named with one's own home ("我家门口") is no fault of the common parts.
      ...(has(this.data.public_places) && !has(this.data.at_home) && { publicArea: true as const }),
      ...(ordinalOf(trimmed, this.data.ordinals) !== undefined && { ordinal: ordinalOf(trimmed, this.data.ordinals)! }),
    };
    // "一分钱没多收" praises; it disputes nothing.
    const disputeText = this.data.disputes_not.reduce((t, w) => t.split(w).join(' '), trimmed);
    // Hours asked of the office (几点到几点) are no question about a visit.
    const afterWords = this.data.about_ticket.not.reduce((t, w) => t.split(w).join(' '), trimmed);
    const aboutTicket = chase.some((w) => afterWords.includes(w))
      ? 'chase'
      : asksAfter.some((w) => afterWords.includes(w))
        ? 'question'
        : undefined;
    const ownBusiness = this.data.others_household_not.reduce((t, w) => t.split(w).join(' '), trimmed);
    const base = {
      slots,
      ...flags,
      ...(time && this.forBoth(trimmed, time.said) && { bothAt: time.said.join('') }),
      ...(aboutTicket && { aboutTicket: aboutTicket as 'chase' | 'question' }),
      ...(emergency && { emergency }),
      ...(urgency && { urgency }),
      topic: topic || plain,
      ...this.matterOf(topic),
      ...(answer && { answer }),
      ...(question && { question: true as const }),
      // "可以 是周师傅来吗 上次他修得挺好": a yes said first, whatever follows the question.
      ...(question &&
        (answer === 'yes' || answer === undefined) &&
        this.yesFirst(trimmed) && {
          yesThenQuestion: true as const,
        }),
      ...(dissatisfied && { dissatisfied: true as const }),
      ...(!dissatisfied && this.data.fixed.some((w) => trimmed.includes(w)) && { fixed: true as const }),
      ...(repairChange && { repairChange }),
      ...(tone && { tone }),
      ...(Object.keys(complaint).length > 1 && { complaint }),
      ...(this.data.opt_out.some((w) => trimmed.includes(w))
        ? { feeReply: 'opt_out' as const }
        : this.data.withhold.some((w) => trimmed.includes(w))
          ? { feeReply: 'withhold' as const }
          : this.data.disputes.some((w) => disputeText.includes(w)) && { feeReply: 'dispute' as const }),
      ...(findOut && { findOut: true as const }),
      ...(findOut && this.onlyFindOut(plain) && { findOutOnly: true as const }),
      ...(this.data.own_matter.some((w) => trimmed.includes(w)) && { ownMatter: true as const }),
      ...(this.data.fee_question.some((w) => plain.includes(w)) && { asksFees: true as const }),
      ...((this.data.others_household.some((w) => ownBusiness.includes(w)) ||
        this.othersPatterns.some((r) => r.test(ownBusiness))) && { aboutOthers: true as const }),
    };
    // "下礼拜三交": a bare 交 with a day says when they will pay.
    const talksOfPaying =
      this.data.pay_words.some((w) => trimmed.includes(w)) ||
      (time !== undefined && this.data.pay_with_time.some((w) => trimmed.includes(w)));
    // "能耗分摊那35.2是啥费啊 物业费那806.4我下周一去交": a day to pay said in a clause that asks nothing.
    const paysOnDay =
      time !== undefined &&
      talksOfPaying &&
      trimmed.split(/[\s，,。！!？?；;]+/u).some(
        (clause) =>
          time.said.some((said) => clause.includes(said)) &&
          // Paying said in so many words (去交, 转账): a bare 交 may be 交流会.
          this.data.pay_words.some((w) => clause.includes(w)) &&
          !this.asks(clause),
      );
    const menuChoice = this.menu.get(trimmed);
    if (menuChoice)
      return {
        intent: menuChoice,
        confidence: 1,
        menu: true,
        ...base,
        ...(talksOfPaying && { paying: true as const }),
        ...(paysOnDay && { paysOnDay: true as const }),
      };
    const courtesy = !dissatisfied && !question ? this.courtesy.of(plain) : undefined;
    if (courtesy)
      return { intent: 'greeting', confidence: 1, ...base, ...(courtesy === 'thanks' && { thanks: true as const }) };
    // "不用回电话" and nothing else: no call wanted, nothing asked for (a complaint under way reads it as its answer).
    if (complaint.callback === false && !complaint.said.replace(/[\s\p{P}]+/gu, ''))
      return { intent: 'greeting', confidence: 1, ...base };
    const asked = this.bareKeyword(plain);
    if (asked) return { intent: asked, confidence: 1, ...base };
    // "投诉。。。地库的灯坏了快一个月了": the business named first, on its own, is what the rest is told as.
    const lead = plain.split(/[\s\p{P}]+/u).find((w) => w !== '');
    const ledBy = lead && lead.length < plain.length ? this.data.leading_business[lead] : undefined;
    if (ledBy) return { intent: ledBy, confidence: 1, ...base };
    const outright = Object.entries(this.data.said_outright).find(([w]) => plain.includes(w))?.[1];
    if (outright && !base.cancels) return { intent: outright, confidence: 1, ...base };
    // "麻烦帮我问问" and nothing more: a question to pass on, whatever else the classifier hears in 麻烦.
    if (base.findOutOnly) return { intent: 'inquiry', confidence: 1, ...base };
    // A reply that only gives a time (那就两点吧) names no matter: it is no cancel and no new request.
    const [best, second] =
      time && onlyReplyWords(topic)
        ? [{ intent: 'other' as const, confidence: 1 }]
        : this.rank(topic || plain, dissatisfied);
    const praiseWords = this.data.praise_work.some((w) => trimmed.includes(w));
    // Named in praise or blame, or asked for (帮我找一下周师傅 … 问问他啥时候送来).
    if (NAMES_STAFF.has(best!.intent) || praiseWords) {
      // Named as written, or as the typo stands for (孙师付 is 孙师傅).
      const staff = this.slots.staffName(trimmed, staffNames()) ?? this.slots.staffName(plain, staffNames());
      if (staff) slots.staff = staff;
      // Praise of several at once: each is thanked and told.
      const also = praiseWords && staff ? this.slots.staffNames(trimmed, staffNames()).filter((n) => n !== staff) : [];
      if (also.length > 0) slots.staffAlso = also;
    }
    // "我有什么报修还没处理完的吗": what of theirs is under way, not a question for the office to find out.
    if (base.asksPending && (best!.intent === 'inquiry' || best!.intent === 'other'))
      return { intent: 'progress', confidence: 1, alternative: best!.intent, ...base };
    // "你们保洁把我放在门口的鞋柜当垃圾扔了 我要你们赔": amends demanded for what staff did is a complaint, whatever
    // thing it names.
    if (
      this.data.demands_amends.some((w) => trimmed.includes(w)) &&
      (best!.intent === 'complaint' || second?.intent === 'complaint')
    )
      return {
        intent: 'complaint',
        confidence: 1,
        alternative: best!.intent === 'complaint' ? second?.intent : best!.intent,
        ...base,
      };
    // "你们效率真高啊 报修一个礼拜了都没人来 真是要好好表扬你们哦": praise beside a chase is sarcasm — the chase.
    const sarcastic = base.aboutTicket === 'chase' && (praiseWords || best!.intent === 'praise');
    if (sarcastic) return { intent: 'progress', confidence: 1, alternative: 'complaint', ...base };
    const praisesWork = !base.dissatisfied && (praiseWords || (best!.intent === 'praise' && slots.staff !== undefined));
    // "上次周师傅修门修得特别好 这次窗户又关不上了 周四上午还让他来": past work praised by name beside a new
    // request with its time: the praise is heard too (what is wrong now is no complaint about that work).
    if (praiseWords && slots.staff !== undefined && slots.time !== undefined && Date.parse(slots.time) > now)
      Object.assign(base, { praisesToo: true as const });
    // "派个人来看看": someone to come and look is a repair, whatever the problem turns out to be.
    // Not a neighbour's doing (楼上噪音很大 晚上能来看看吗): someone to come and hear it is a complaint.
    const visit =
      base.wantsVisit &&
      !base.aboutTicket &&
      !complaint.neighbour &&
      ['human', 'other', 'greeting', 'progress', 'inquiry'].includes(best!.intent);
    // "好 周六上午去前台交": a time to pay said after a bill is about paying, whatever "好" reads as.
    // So is "明天转给你们": a transfer to the office, not a person asked for.
    if (
      talksOfPaying &&
      slots.time &&
      (['praise', 'other', 'greeting'].includes(best!.intent) || (best!.intent === 'human' && !base.wantsPerson))
    )
      return { intent: 'arrears', confidence: 1, ...base, paying: true };
    // "地漏返臭 熏死人了 明天下午四点以后有人在家": a fault at home with a time for someone to come is a repair.
    const inPublicPlace = this.data.public_places.some((w) => trimmed.includes(w));
    const atHome =
      slots.location !== undefined &&
      slots.frequency === undefined &&
      !complaint.repeated &&
      !complaint.complaining &&
      !inPublicPlace;
    // So is a fault of something at home asked to be seen at a time (抽油烟机噪音大得很 晚上七点以后能来不).
    // (asked in so many words: 能来不; "我十一点回来喊了半天" tells of a night, it asks nobody to come).
    const visitAsked = base.asksVisitAt === true && base.offersTime === true && !inPublicPlace;
    const wantsFixing =
      best!.intent === 'complaint' &&
      (atHome || visitAsked) &&
      slots.category !== undefined &&
      slots.time !== undefined &&
      !slots.timePast &&
      !complaint.neighbour;
    if (wantsFixing) return { intent: 'repair', confidence: 1, alternative: 'complaint', ...base };
    // "房东让我直接找物业 卧室暖气片不热": the office sought for a fault at home, no person asked for by name.
    if (best!.intent === 'human' && !base.wantsPerson && atHome && slots.category !== undefined && !slots.staff)
      return { intent: 'repair', confidence: 1, alternative: 'human', ...base };
    // "电梯这个月第四次坏了": a common part that keeps failing is a complaint about its upkeep, not one more repair.
    const keepsFailing =
      complaint.repeated === true &&
      base.publicArea === true &&
      !base.emergency &&
      !atHome &&
      (!slots.time || Date.parse(slots.time) <= now);
    if (keepsFailing && (best!.intent === 'complaint' || best!.intent === 'repair'))
      return { intent: 'complaint', confidence: 1, alternative: 'repair', ...base };
    // A fault with a time for someone to come, or the time left to us (周五哪个时间都行): no doubt it is a repair.
    const visitWanted =
      slots.category !== undefined && ((slots.time !== undefined && !slots.timePast) || base.anyTime === true);
    const repairLikeliest =
      best!.intent === 'repair' ||
      (second?.intent === 'repair' && !question && ['human', 'other', 'progress', 'inquiry'].includes(best!.intent));
    // "热水器点不着火 这周六上午能安排吗": a fault and a time asked for in question form is still the booking.
    const bookingAsked =
      question &&
      second?.intent === 'repair' &&
      ['progress', 'inquiry'].includes(best!.intent) &&
      base.offersTime === true;
    if ((repairLikeliest || bookingAsked) && visitWanted && (!question || bookingAsked) && !complaint.neighbour)
      return {
        intent: 'repair',
        confidence: 1,
        alternative: best!.intent === 'repair' ? second?.intent : best!.intent,
        ...base,
      };
    // "周师傅今天来修门锁 又快又好": a visit told of with praise of the work is praise, not a chase.
    // "前台的赵敏小姑娘挺好的 上次办停车卡…都是她帮着弄的 点个赞": someone's past work praised by name is praise,
    // whatever business it mentions; a new request (a time for someone to come) stays the request.
    const futureTime = slots.time !== undefined && !slots.timePast && Date.parse(slots.time) > now;
    if (praisesWork && slots.staff !== undefined && !futureTime && !base.wantsVisit && best!.intent !== 'praise')
      return { intent: 'praise', confidence: 1, alternative: best!.intent, ...base, praisesWork: true };
    if (praisesWork && best!.intent === 'progress' && !base.aboutTicket)
      return { intent: 'praise', confidence: 1, alternative: 'progress', ...base, praisesWork: true };
    // "对 两个一起弄": a yes beside a few words the model can only guess at is that yes. Business with us is named
    // in its own words (物业费, 门禁卡, 人工); a fault or a grievance often is not, so those stay as they are.
    const guessBesideAnswer =
      answer !== undefined &&
      NAMED_BUSINESS.has(best!.intent) &&
      !this.classifier.keywordIntentsIn(topic || plain).has(best!.intent);
    const confidence = guessBesideAnswer ? Math.min(best!.confidence, GUESS_BESIDE_ANSWER) : best!.confidence;
    return {
      intent: visit ? 'repair' : best!.intent,
      confidence: visit ? 1 : Math.round(confidence * 1000) / 1000,
      ...(second && { alternative: second.intent }),
      ...base,
      // Paying told in passing in a complaint or a repair (我去交停车费时…, 提交上) promises nothing.
      ...(talksOfPaying && best!.intent !== 'complaint' && best!.intent !== 'repair' && { paying: true as const }),
      ...(paysOnDay && best!.intent !== 'complaint' && best!.intent !== 'repair' && { paysOnDay: true as const }),
      ...(praisesWork && { praisesWork: true as const }),
    };
  }

  /** Whether someone is said to be inside a lift (有人, 我女儿在里面) or nobody is (没人): read for the question asked. */
  private liftInside(lower: string): { liftInside?: 'someone' | 'nobody' } {
    const inside = this.data.lift_inside;
    // 按了铃没人说话: nobody answering is not nobody inside.
    const said = inside.not_nobody.reduce((t, w) => t.split(w).join(' '), lower);
    // Nobody first: 没有人 holds 有人.
    if (inside.nobody.some((w) => said.includes(w)) || isReply(lower, inside.nobody_replies, this.data))
      return { liftInside: 'nobody' };
    if (inside.someone.some((w) => lower.includes(w)) || isReply(lower, inside.someone_replies, this.data))
      return { liftInside: 'someone' };
    return {};
  }

  /**
   * A goodbye is a message of parting words and manners; "没事了" inside a long account (煮粥糊锅了 … 没事了 跟你们说一声
   * 楼道里可能也有味) tells how things stand, and is answered as such.
   */
  private saysLittleElse(lower: string): boolean {
    const rest = this.partingWords.reduce((t, w) => t.split(w).join(''), lower).replace(/[\s\p{P}\p{S}]+/gu, '');
    return rest.length <= GOODBYE_REST;
  }

  private rank(said: string, dissatisfied: boolean): Ranked[] {
    // "好的 我家水管漏了": the acknowledgement of what was said before is not part of the new matter.
    const afterAck = said.replace(this.acknowledgement, '');
    // "还有一个 哎呀想不起来了": a matter forgotten is no matter to read.
    const kept = this.data.forgotten.reduce((t, w) => t.split(w).join(' '), afterAck);
    const topic = kept !== said && kept.replace(/[\s\p{P}\p{S}]+/gu, '').length >= MATTER_MIN_LENGTH ? kept : said;
    let ranked = this.classifier.rank(topic);
    // A greeting before a matter is manners, not the matter (你好，在吗，我家厨房漏水了).
    if (ranked[0]?.intent === 'greeting') {
      const rest = topic.replace(this.greetings, '').replace(/[\s\p{P}\p{S}]+/gu, '');
      const matter = rest.length >= MATTER_MIN_LENGTH ? this.classifier.rank(rest) : [];
      if (matter[0] && matter[0].intent !== 'other' && matter[0].intent !== 'greeting') ranked = matter;
    }
    // A negative judgement is never praise, whatever words it shares with thanks (服务这么差).
    if (dissatisfied) ranked = without(ranked, 'praise');
    // "再不来我就投诉了", "到底还修不修了": words that are never calling anything off.
    return this.data.repair_change.not_cancel.some((w) => topic.includes(w)) ? without(ranked, 'cancel') : ranked;
  }

  /** The first clause alone is a plain yes that asks nothing (没问题 / 行 …, then the question). */
  private yesFirst(text: string): boolean {
    const [first = '', ...rest] = text.split(/[\s，,。！!；;]+/u).filter(Boolean);
    return rest.length > 0 && this.answer(first) === 'yes' && !this.asks(first);
  }

  /** The topic without the request at its end (灯不亮了 来 → 灯不亮了), when something is left of it. */
  private matterOf(topic: string): { matter?: string } {
    let matter = topic;
    for (let cut = true; cut;) {
      const tail = this.data.request_tails.find((t) => matter.endsWith(t) && matter.length - t.length >= 2);
      cut = tail !== undefined;
      if (tail) matter = matter.slice(0, -tail.length).replace(/[\s\p{P}]+$/u, '');
    }
    return matter !== topic && matter ? { matter } : {};
  }

  /** A correction, a no, or a yes (see `answerOf`). */
  /** Whether a text names anything a kind of danger is about (电梯, 火, 水…). */
  namesDanger(text: string): boolean {
    return this.emergencies.namesDanger(this.simplifier.simplified(text));
  }

  /**
   * The danger the rules hear in a text alone (pieces of a message put together), without the rest of its reading or
   * the model: pieces are only trusted when a rule is sure.
   */
  dangerByRules(text: string): EmergencyReading | undefined {
    const trimmed = this.simplifier.simplified(text).trim();
    return this.readByRules(trimmed, this.variants.rewrite(trimmed));
  }

  /** The rules' reading of the words put right (`plain`), and as written when those differ. */
  private readByRules(trimmed: string, plain: string): EmergencyReading | undefined {
    // Most messages have no typo or dialect word to put right: their words are read once.
    return strongerOf(this.emergencies.read(plain), plain === trimmed ? undefined : this.emergencies.read(trimmed));
  }

  /**
   * Danger is heard in the resident's words with typos and dialect put right (`plain`: 点梯 → 电梯; 配电香冒火心 is arcing
   * at a fuse box, not a fire), and in their own words when those say more. Pinyin or English put into words keeps its
   * spaces (电梯 huai le 我 被关在 里面), and so do characters typed one at a time (楼 道 里 有 烟): read without them too.
   */
  private heardDanger(trimmed: string, plain: string): EmergencyReading | undefined {
    const joined =
      /[a-z]/i.test(plain) || typedApart(plain) ? this.emergencies.read(plain.replace(/\s+/g, '')) : undefined;
    return strongerOf(this.readByRules(trimmed, plain), joined) ?? this.emergencies.heardByModel(plain);
  }

  answer(text: string): 'yes' | 'no' | 'correct' | undefined {
    return answerOf(text, this.data);
  }

  /** Whether the message asks something (a question in reply is not an answer). */
  /** The one intent whose keyword is all that is asked for (我要报修), if any. */
  private bareKeyword(text: string): Intent | undefined {
    const rest = this.data.bare_request
      .reduce((t, w) => t.split(w).join(''), text.toLowerCase())
      .replace(/[\s\p{P}\p{S}]+/gu, '');
    const owners = new Set(this.classifier.keywordOwners(rest));
    return owners.size === 1 ? [...owners][0] : undefined;
  }

  /** Whether a message asks us to find out and says nothing else (好的 麻烦帮我问问). */
  private onlyFindOut(text: string): boolean {
    const rest = this.findOutWords
      .reduce((t, w) => t.split(w).join(''), text.toLowerCase())
      .replace(/[\s\p{P}\p{S}]+/gu, '');
    return rest.length < MATTER_MIN_LENGTH;
  }

  /** A few words ending as a follow-up question does (周日呢): `follow_up` in data/intents.zh-CN.yaml. */
  private followsUp(text: string): boolean {
    const words = text.replace(/[\s\p{P}]+$/u, '');
    const { endings, longest } = this.data.follow_up;
    return [...words].length <= longest && endings.some((e) => words.endsWith(e));
  }

  asks(text: string): boolean {
    return asks(text, this.data);
  }

  /** A time said for both matters: 两个都 anywhere, or 都 right before the time (都明天上午). */
  private forBoth(text: string, said: readonly string[]): boolean {
    const { both, both_before_time: before } = this.data.topics;
    return both.some((w) => text.includes(w)) || said.some((s) => before.some((w) => text.includes(`${w}${s}`)));
  }

  /** "3-2-1202李娜的电话多少": a home named with its number asked for, not the office's nor a change of one's own. */
  private asksHomesContact(text: string, homeNamed: boolean): boolean {
    const { contact, office, own_change: ownChange } = this.data.homes_contact;
    return (
      homeNamed &&
      contact.some((w) => text.includes(w)) &&
      !office.some((w) => text.includes(w)) &&
      !ownChange.some((w) => text.includes(w))
    );
  }

  /** A change the office may not have decided, asked about (听说明年要涨 涨多少): today's standard is no answer. */
  asksUndecided(text: string): boolean {
    const { when, change } = this.data.undecided_change;
    return when.some((w) => text.includes(w)) && change.some((w) => text.includes(w));
  }
}

/** Typed a character at a time, a space after each (楼 道 里 有 烟), as some elderly residents do. */
function typedApart(text: string): boolean {
  const pieces = text.trim().split(/\s+/u);
  return pieces.length >= 3 && pieces.filter((p) => [...p].length === 1).length * 2 >= pieces.length;
}

function strongerOf(a: EmergencyReading | undefined, b: EmergencyReading | undefined): EmergencyReading | undefined {
  if (!a) return b;
  return !a.sure && b?.sure ? b : a;
}

/**
 * Acknowledgements at the start of a message (好的，/ 嗯 / 收到): a one-character or Latin one only when a
 * pause follows it, since 中 or 好 also begin words (中央空调, 好冷) and 88 begins a building.
 */
function leadingAcknowledgement(words: readonly string[]): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const alone = (w: string) => [...w].length < 2 || /^[\x20-\x7e]+$/.test(w);
  const long = sorted.filter((w) => !alone(w)).map(escapeRegExp);
  const short = sorted.filter(alone).map(escapeRegExp);
  const pause = '[\\s\\p{P}\\p{S}]';
  const one = [
    long.length > 0 && `(?:${long.join('|')})${pause}*`,
    short.length > 0 && `(?:${short.join('|')})${pause}+`,
  ]
    .filter(Boolean)
    .join('|');
  return new RegExp(`^(?:${one || '(?!)'})+`, 'iu');
}

/** The ranking with one intent left out, the others' shares scaled back up to a whole. */
function without(ranked: Ranked[], intent: Intent): Ranked[] {
  const share = ranked.find((r) => r.intent === intent)?.confidence ?? 0;
  const rest = ranked.filter((r) => r.intent !== intent);
  if (share === 0 || rest.length === 0) return ranked;
  return share < 1 ? rest.map((r) => ({ ...r, confidence: r.confidence / (1 - share) })) : rest;
}

/** The last words of a message, its punctuation and spaces aside (烦死了 人工！ → 人工). */
function lastClause(text: string): string {
  return (
    text
      .split(/[\s\p{P}]+/u)
      .filter(Boolean)
      .at(-1) ?? ''
  );
}
