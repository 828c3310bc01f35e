/** The intents of DESIGN §3 (`wuye nlu`), shared by the understanding layer and the flows. */
export const INTENTS = [
  'repair',
  'complaint',
  'arrears',
  'card',
  'progress',
  'inquiry',
  'praise',
  'human',
  'greeting',
  'cancel',
  'other',
] as const;

export type Intent = (typeof INTENTS)[number];

/** What a message says besides its intent (`wuye nlu` prints these; absent keys were not found). */
export interface Slots {
  /** Start of the time mentioned, ISO with +08:00. */
  time?: string;
  /** End of a time range (下午两点到四点). */
  timeEnd?: string;
  /** True when a day was said but no hour or period: the flow asks for the hour. */
  timeWithoutHour?: boolean;
  /** The hour is the start of a part of the day said (下午 → 14:00), not an hour the resident named. */
  timeFromPeriod?: boolean;
  /** A clock time said as a lower bound (三点以后, 4点之后). */
  timeOnwards?: true;
  /** True when only an hour or a period was said: it completes a day given earlier. */
  timeWithoutDay?: boolean;
  /** Only a part of the day was said (上午): which day is still to be asked. */
  periodOnly?: boolean;
  /** The time said is already past (昨天上午): it happened, nothing can be booked for it. */
  timePast?: true;
  /** A date that does not exist was written (2月30日); no time is given for it. */
  timeImpossible?: true;
  unit?: string;
  /** Parts of a unit given without the rest (3栋1201, 2单元): the unit is asked for in pieces. */
  building?: string;
  entrance?: string;
  room?: string;
  phone?: string;
  phoneLast4?: string;
  ticket?: string;
  /** Yuan, as written (268.50). */
  amount?: string;
  /** Repair category from data (水、电、门窗、管道、燃气、家电、公共设施). */
  category?: string;
  urgent?: boolean;
  /** Where in the home (厨房, 卫生间…), for a repair. */
  location?: string;
  /** A staff member named in the message. */
  staff?: string;
  /** Others praised in the same breath (谢谢赵敏 … 还有上次修水管的孙师傅 也很负责). */
  staffAlso?: string[];
  /** Complaint category (noise, sanitation, parking, staff_attitude, facilities, fees, safety). */
  complaintCategory?: string;
  /** How often it happens, as the resident said it (经常, 每天…). */
  frequency?: string;
  /** Card business: which card (access, parking, membership)… */
  cardType?: string;
  /** …and what is to be done with it (new, replacement, renewal, cancellation, add_plate). */
  cardBusiness?: string;
  /** Card business asked to be done ("办一张", "帮我注销"), not only asked about. */
  cardRequest?: true;
  /** Card business named (办, 办理) without a business or a request: a new card if nothing else is said. */
  cardGeneric?: true;
  /** The card is for the sender themself ("本人"). */
  cardForSelf?: true;
  /** …or for someone else (给我爸妈办两张): the holder is asked. */
  cardForOthers?: true;
  /** A car plate, upper case without spaces (浙A12345). */
  plate?: string;
  /** A person's name, when introduced as one (after a name prefix of the data). */
  name?: string;
  /** Words shaped like a person's name (a surname and a given name), where a card form may hold one. */
  nameGuess?: string;
}

export interface Understanding {
  intent: Intent;
  /** 0..1; below the flows' threshold they ask rather than guess. */
  confidence: number;
  slots: Slots;
  /** The runner-up intent, for a clarifying question. */
  alternative?: Intent;
  /** A yes, a no, or a correction, for a flow that just asked a question. */
  answer?: 'yes' | 'no' | 'correct';
  /** The message asks something back: a question in reply is answered, never taken for a yes. */
  question?: true;
  /** Someone's past work praised beside a new request (上次周师傅修得特别好 … 还让他来 周四上午): both heard. */
  praisesToo?: true;
  /** Only "麻烦帮我问一下" and courtesy: asks that something already said be found out, nothing new. */
  findOutOnly?: true;
  /** Back to a task left half-way (上次讲到哪了, 继续): it carries on where it was. */
  resumes?: true;
  /** A yes said first, on its own, then a question (没得问题 师傅姓啥子嘛): agreed, and something asked besides. */
  yesThenQuestion?: true;
  /** The text without its time and unit: what the message is about (a repair's description). */
  topic: string;
  /**
   * The topic without the request around it (卫生间灯不亮了 来, 纱窗破了 能来个师傅不): what staff read as the problem,
   * when it differs from the topic.
   */
  matter?: string;
  /** The message was a menu number: it names a topic, it does not describe anything. */
  menu?: true;
  /** Words of dissatisfaction with work done (没修好, 不满意). */
  dissatisfied?: true;
  /** Says finished work is fixed (修好了, 没问题了). */
  fixed?: true;
  /** Praises someone's work: names them (孙师傅) or what was good (修得很好, 很负责) — not a bare thank-you. */
  praisesWork?: true;
  /** A booked repair to be cancelled or moved (不修了, 改到周六上午). */
  repairChange?: 'cancel' | 'reschedule';
  /** Insulting words (answered calmly), a threat of harm (straight to the manager), or anger (a person takes over). */
  tone?: 'insult' | 'threat' | 'angry';
  /** Danger heard in the words (data/emergencies.zh-CN.yaml): sure, or only perhaps (a leak of unknown size). */
  emergency?: { kind: string; sure: boolean };
  /** Hurry (快点, 马上, 现在就来) or patience (不急, 明天就行): how soon someone should come. */
  urgency?: 'now' | 'later';
  /**
   * Asks after something already under way: about an open ticket, if there is one. `chase`: waiting,
   * a promise not kept (说好的…人呢, 到底还修不修); `question`: when, who, how far along (几点到, 怎么样了).
   */
  aboutTicket?: 'chase' | 'question';
  /** A second matter in the same message, as written: handled once this one is done… */
  next?: string;
  /** …and then the first matter's own words, which are what this understanding is of. */
  part?: string;
  /** All of it is about a matter that waits its turn: kept for it, not for the task under way. */
  aboutWaiting?: true;
  /** Calls off the matter that waits its turn (投诉算了 while a repair is booked): the rest is the task's. */
  dropsWaiting?: true;
  /** Cancels in so many words (取消, 算了, 不修了): only this ends a task; a vague word does not. */
  cancels?: true;
  /** The trouble is over, said by the resident (师傅来看过了 拧好了, 人出来了): an emergency need not be chased. */
  saysOver?: true;
  /** Says whether someone is inside a lift (有人 / 我女儿在里面, or 没人): the answer to "is anyone trapped?". */
  liftInside?: 'someone' | 'nobody';
  /** Tells us of something and asks that nobody be sent (别让人上来敲门, 不用派人): to note, not to act on. */
  justTelling?: true;
  /** Says a fault is still or again there (热水器还是不出热水): perhaps one already booked. */
  stillWrong?: true;
  /** Asks what of theirs is still under way (我有什么报修还没处理完的吗): the list, even when it is empty. */
  asksPending?: true;
  /** Asks on another household's behalf (他让我帮他问问, 张伟家报修的): their matters are theirs to ask after. */
  asksForOthers?: true;
  /** Does not know or remember what was asked (手机号不记得了). */
  forgot?: true;
  /** Says goodbye (再见, 没事了). */
  goodbye?: true;
  /** Courtesy that thanks and asks for nothing (谢谢, 好的谢谢): answered "you're welcome". */
  thanks?: true;
  /** Asks for a person in so many words (转人工): whatever task is under way, a person takes over. */
  wantsPerson?: true;
  /** Asks whether the bot is a machine or a person: a question to answer, not a request for one. */
  asksIfBot?: true;
  /** Asks for someone to come and look (派个人来看看): a repair whose problem is still to be asked. */
  wantsVisit?: true;
  /** Says where a time moves to (改到, 换, 能不能改…): a time it names is a new time offered. */
  movesTo?: true;
  /** A few words that ask the last question again of another case (周日呢, 那停车场的呢). */
  followsUp?: true;
  /** A time put as a question that offers it (明天上午能来吗, 明天上午有人吗). */
  offersTime?: true;
  /** Only a time and whether it will do (明天下午三点可以吗): the answer to "when?", no question of its own. */
  timeOfferOnly?: true;
  /** Nothing but a time (晚上十一点以后): the answer to "when?", never a question of its own. */
  timeAlone?: true;
  /** A time still to come for someone to come at (那今天下午四点以后来), not the one they were told. */
  namesVisitTime?: true;
  /** Asks for someone to come at a time still to come, as a question or not (明天上午能来换吗). */
  asksVisitAt?: true;
  /** Asks about the arrival itself (准时, 几点到): a time it names is not offered. */
  asksArrival?: true;
  /** Asks what something costs (多少钱, 收费). */
  asksPrice?: true;
  /** Another household's phone or contact asked for (给我下房东电话): private, never given. */
  asksOthersContact?: true;
  /** The time words of a time said for both matters (两个都明天上午): the one waiting takes them too. */
  bothAt?: string;
  /** The power at home tripped (跳闸了 全黑): what to do meanwhile is said with the booking. */
  breakerTripped?: true;
  /** A day to pay said in a clause that asks nothing (…我下周一去交), whatever else the message asks. */
  paysOnDay?: true;
  /** A card said lost or stolen (门禁卡丢了, 挂失): the desk stops it at once. */
  reportsLoss?: true;
  /** Picks an offered option by its order: "1", "第二个". */
  ordinal?: number;
  /** Leaves the time to us (都行, 你们安排, 最早, 不知道): the soonest is offered or taken. */
  anyTime?: true;
  /** Asks for the soonest in so many words (最早那个, 越快越好): the first window is taken, not offered. */
  soonest?: true;
  /** A window relative to the one offered (晚一点的, 早点那个): the later or the earlier of that day. */
  relative?: 'later' | 'earlier';
  /** Names the supervisor or the manager (你们主管是谁 让他给我打电话): a chase goes to them too. */
  asksSuperior?: 'supervisor' | 'manager';
  /** A fault in the common parts (楼道灯, 单元门): nobody needs to be at home. */
  publicArea?: true;
  /** Talks of paying (来交, 转账…): with a time, a promise to pay. */
  paying?: true;
  /**
   * About fees: disputes what is owed (交过了, 多收了), refuses to pay over the service (服务这么差 不交了), or asks not to be
   * reminded by chat.
   */
  feeReply?: 'dispute' | 'withhold' | 'opt_out';
  /** Asks the office to find something out for them (帮我问问). */
  findOut?: true;
  /** Speaks of something of the resident's own with us (我报的, 投诉, 师傅, 说好的): a chase may be about it. */
  ownMatter?: true;
  /** Asks what something costs, its deposit or the documents to bring (多少钱, 押金退不退, 要带什么). */
  asksFees?: true;
  /** Speaks of another household than the sender's own (隔壁, 我朋友家, 她手机号). */
  aboutOthers?: true;
  /** What the message tells of a complaint, wherever in it it is said (absent when nothing is). */
  complaint?: ComplaintFacts;
}

/** What a message tells of a complaint (data/complaints.zh-CN.yaml); each list as the resident said it. */
export interface ComplaintFacts {
  /** The text without a call-back wish: what goes into the complaint, in the resident's words. */
  said: string;
  /** It says what happened, beyond where, when, how often and the words of complaining. */
  describes?: true;
  where?: string[];
  when?: string[];
  /** How long it has gone on (快一个月了, 这个月开始): it answers when and how often both. */
  since?: string[];
  often?: string[];
  /** Where names another household (楼上1302, 隔壁): its fault, not the resident's own. */
  neighbour?: true;
  /** It keeps happening again and again (经常, 这个月第四次), not only goes on (一直). */
  repeated?: true;
  /** A day gone by is named (昨晚, 上周四下午) and nothing says it keeps happening: it happened once. */
  once?: true;
  /** A call back wanted (给我回个电话) or not (不用回电话). */
  callback?: boolean;
  /** The repair category of a fault it names (门锁坏了 → 门窗): technicians hear of the complaint too. */
  fault?: string;
  /** Who was asked to call back (你们经理给我回个电话). */
  callbackBy?: 'manager' | 'supervisor';
  /** A short yes or no (要的, 不用了), for the question just asked. */
  answer?: 'yes' | 'no';
  /** Says in so many words that it is a complaint (投诉, 反映一下). */
  complaining?: true;
  /** Takes the complaint back (不投诉了): nothing else ends it. */
  withdraws?: true;
  /** "Just write down what I said": filed without being read back, once everything is known. */
  fileNow?: true;
  /** Refers to an earlier complaint: adds to it (补充一下), or it is happening again (又, 没用). */
  refersBack?: 'adds' | 'again';
  /** A question asked in reply: whether they will be named, how long it takes, or another. */
  question?: 'anonymity' | 'how_long' | 'other';
}
