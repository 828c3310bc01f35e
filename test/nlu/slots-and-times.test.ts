import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { formatIso, parseIso } from '../../src/domain/time.js';

const nlu = Understander.load();
const NOW = parseIso('2026-11-26T09:00:00+08:00'); // a Thursday; the suite runs under TZ=America/New_York
const slots = (text: string, now = NOW) =>
  nlu.understand(text, now, () => [
    { name: '孙强', role: 'technician' },
    { name: '赵敏', role: 'service' },
  ]).slots;

describe('times residents write (chrono-node zh.hans, patched)', () => {
  const cases: Array<[string, string, string?]> = [
    ['明儿下午三点能来不', '2026-11-27T15:00:00+08:00'],
    ['后天上午', '2026-11-28T09:00:00+08:00'],
    ['这周末', '2026-11-28T09:00:00+08:00'],
    ['下周末', '2026-12-05T09:00:00+08:00'],
    ['月底前', '2026-11-30T09:00:00+08:00'],
    ['下个月五号', '2026-12-05T09:00:00+08:00'],
    ['下个月15号下午', '2026-12-15T14:00:00+08:00'],
    ['下午两点到四点', '2026-11-26T14:00:00+08:00', '2026-11-26T16:00:00+08:00'],
    ['中午', '2026-11-26T12:00:00+08:00'],
    ['傍晚', '2026-11-26T18:00:00+08:00'],
    ['明天晚上', '2026-11-27T19:00:00+08:00'],
    ['明早', '2026-11-27T09:00:00+08:00'],
    ['礼拜六下午', '2026-11-28T14:00:00+08:00'],
    ['1小时后', '2026-11-26T10:00:00+08:00'],
    ['半小时以后', '2026-11-26T09:30:00+08:00'],
    ['3点', '2026-11-26T15:00:00+08:00'],
    // The half of the day is the one chosen, not the first one named.
    ['上午不行 下午两点', '2026-11-26T14:00:00+08:00'],
    ['下午吧 两点', '2026-11-26T14:00:00+08:00'],
    ['上午我要送娃 改下午吧 两点那个', '2026-11-26T14:00:00+08:00'],
    // The later part of a period said (晚一点) is its later service hour; the morning has only one.
    ['下午吧 晚一点的', '2026-11-26T16:00:00+08:00'],
    ['明天下午晚点来', '2026-11-27T16:00:00+08:00'],
    ['明天上午晚一点', '2026-11-27T09:00:00+08:00'],
  ];
  for (const [text, start, end] of cases) {
    it(`${text} → ${start}${end ? ` to ${end}` : ''}`, () => {
      const s = slots(text);
      expect(s.time).toBe(start);
      if (end) expect(s.timeEnd).toBe(end);
    });
  }

  it('moves a bare time already past today to tomorrow, but keeps one said with 今天', () => {
    const evening = parseIso('2026-11-26T20:00:00+08:00');
    expect(slots('下午3点', evening).time).toBe('2026-11-27T15:00:00+08:00');
    expect(slots('今天下午3点', evening).time).toBe('2026-11-26T15:00:00+08:00');
  });

  it('marks a day said without an hour', () => {
    expect(slots('明天')).toMatchObject({ time: '2026-11-27T09:00:00+08:00', timeWithoutHour: true });
  });
});

describe('dates as residents write them', () => {
  const SUNDAY = parseIso('2026-12-06T20:30:00+08:00');
  const MONDAY = parseIso('2026-11-30T09:00:00+08:00');
  const WEDNESDAY = parseIso('2026-12-02T15:00:00+08:00');
  const THURSDAY = parseIso('2026-12-03T17:30:00+08:00');
  const cases: Array<[string, number, string, string?]> = [
    // Weeks start on Monday: on a Sunday, next week starts tomorrow.
    ['下周一上午', SUNDAY, '2026-12-07T09:00:00+08:00'],
    ['下礼拜三上午', SUNDAY, '2026-12-09T09:00:00+08:00'],
    ['下个星期二下午2点', SUNDAY, '2026-12-08T14:00:00+08:00'],
    ['这周六上午', WEDNESDAY, '2026-12-05T09:00:00+08:00'],
    ['这周六上午', SUNDAY, '2026-12-12T09:00:00+08:00'],
    ['下周六上午', WEDNESDAY, '2026-12-12T09:00:00+08:00'],
    ['下下周一上午', WEDNESDAY, '2026-12-14T09:00:00+08:00'],
    ['这礼拜天上午能来吗', THURSDAY, '2026-12-06T09:00:00+08:00'],
    ['下周末上午', SUNDAY, '2026-12-12T09:00:00+08:00'],
    ['这周末下午', SUNDAY, '2026-12-06T14:00:00+08:00'],
    ['周一上午', SUNDAY, '2026-12-07T09:00:00+08:00'],
    // N days from today.
    ['三天后上午', SUNDAY, '2026-12-09T09:00:00+08:00'],
    ['2天以后下午', SUNDAY, '2026-12-08T14:00:00+08:00'],
    ['一周后上午', SUNDAY, '2026-12-13T09:00:00+08:00'],
    ['大后天上午', MONDAY, '2026-12-03T09:00:00+08:00'],
    // A day of the month alone: this month while it is still ahead, else next month.
    ['15号上午', parseIso('2026-12-10T09:30:00+08:00'), '2026-12-15T09:00:00+08:00'],
    ['15号上午', parseIso('2026-12-17T10:00:00+08:00'), '2027-01-15T09:00:00+08:00'],
    ['28号下午2点', parseIso('2026-12-16T11:00:00+08:00'), '2026-12-28T14:00:00+08:00'],
    ['8号上午', WEDNESDAY, '2026-12-08T09:00:00+08:00'],
    ['十五号下午', parseIso('2026-12-10T09:30:00+08:00'), '2026-12-15T14:00:00+08:00'],
    ['31号上午', parseIso('2026-11-05T09:00:00+08:00'), '2026-12-31T09:00:00+08:00'],
    // Numeric dates.
    ['12/5上午来修下门铃', MONDAY, '2026-12-05T09:00:00+08:00'],
    ['12月5号下午', MONDAY, '2026-12-05T14:00:00+08:00'],
    ['12.9下午4点以后来', MONDAY, '2026-12-09T16:00:00+08:00'],
    // Homophones, typos and dialect.
    ['明天下五2点', MONDAY, '2026-12-01T14:00:00+08:00'],
    ['下周一上五来看看', parseIso('2026-12-11T12:40:00+08:00'), '2026-12-14T09:00:00+08:00'],
    ['明朝来', MONDAY, '2026-12-01T09:00:00+08:00'],
    ['明朝下半天来修好伐', MONDAY, '2026-12-01T14:00:00+08:00'],
    ['下半天', MONDAY, '2026-11-30T14:00:00+08:00'],
    ['明儿个上午', MONDAY, '2026-12-01T09:00:00+08:00'],
    ['后儿个下午', MONDAY, '2026-12-02T14:00:00+08:00'],
    ['Tmr morning', MONDAY, '2026-12-01T09:00:00+08:00'],
    ['tmr afternoon可以吗', MONDAY, '2026-12-01T14:00:00+08:00'],
    // A Latin half of the day after the clock; 上吴 typed for 上午.
    ['周六 3pm 可以吗', MONDAY, '2026-12-05T15:00:00+08:00'],
    ['明天10:30am', MONDAY, '2026-12-01T10:30:00+08:00'],
    ['洗手间的下谁道堵了 明天上吴来', MONDAY, '2026-12-01T09:00:00+08:00'],
    // Ranges and open ends.
    ['下午2点到4点', MONDAY, '2026-11-30T14:00:00+08:00', '2026-11-30T16:00:00+08:00'],
    ['明天下午两三点', MONDAY, '2026-12-01T14:00:00+08:00', '2026-12-01T15:00:00+08:00'],
    ['明天下午3-5点', MONDAY, '2026-12-01T15:00:00+08:00', '2026-12-01T17:00:00+08:00'],
    ['四点以后', MONDAY, '2026-11-30T16:00:00+08:00'],
    // Round minutes after a dot are a clock time, not a date.
    ['明天10.30来', MONDAY, '2026-12-01T10:30:00+08:00'],
    ['明天一点来', MONDAY, '2026-12-01T13:00:00+08:00'],
    // A prefix glued to another word is not a week: soon Monday, downstairs at the weekend.
    ['马上周一了 周一上午来吧', SUNDAY, '2026-12-07T09:00:00+08:00'],
    // A date without its year that has just passed is in the past, not next year.
    ['12月1号晚上楼上很吵', SUNDAY, '2026-12-01T19:00:00+08:00'],
    // The half of the day in 今晚 and 明早 goes with a clock time.
    ['今晚8点我在手机上交', MONDAY, '2026-11-30T20:00:00+08:00'],
    ['今晚11点来听听就知道了', MONDAY, '2026-11-30T23:00:00+08:00'],
    // A month said in passing, or a day restated, is not the time wanted.
    ['那150是10月份的吧 我明天下午去前台交', MONDAY, '2026-12-01T14:00:00+08:00'],
    ['下周三（12月9号）下午3点有人', MONDAY, '2026-12-09T15:00:00+08:00'],
    // A clock time said apart from its day and period is that day's, in that half.
    ['礼拜三下午来修下晾衣架 两点以后', SUNDAY, '2026-12-09T14:00:00+08:00'],
    ['后天下午吧 两点到四点', MONDAY, '2026-12-02T14:00:00+08:00', '2026-12-02T16:00:00+08:00'],
    // Of two days, the one still to come is the one wanted.
    ['前天说的那个镜柜灯 礼拜六上午来修吧', MONDAY, '2026-12-05T09:00:00+08:00'],
    // A day said to be taken is not the one wanted; a period goes with its own day.
    ['那周六上午呢 周五我上班', MONDAY, '2026-12-05T09:00:00+08:00'],
    ['窗户玻璃裂了 明天上午来 哦不对 明天我不在家 后天上午吧', MONDAY, '2026-12-02T09:00:00+08:00'],
    ['明天上午临时有事 后天下午吧', MONDAY, '2026-12-02T14:00:00+08:00'],
    // A counter-offer: the day refused (不行, 没人) is not the one wanted; asking whether one will do (行不行) is no refusal.
    ['4号下午不行 我要上班 5号周六上午可以不', MONDAY, '2026-12-05T09:00:00+08:00'],
    ['下周日没人 下周一早上来行不行', MONDAY, '2026-12-07T09:00:00+08:00'],
    // A refusal reaches only to the next day said; asking the office's hours refuses no day.
    ['不是 是后天上午 明天我加班', MONDAY, '2026-12-02T09:00:00+08:00'],
    ['明天早上几点上班啊', MONDAY, '2026-12-01T09:00:00+08:00'],
    ['后天 还是下午两点 明天孩子要去医院复查', MONDAY, '2026-12-02T14:00:00+08:00'],
    // Northeastern, Cantonese and Minnan day words.
    ['后天头晌来给整整呗', MONDAY, '2026-12-02T09:00:00+08:00'],
    ['下礼拜一头午来给整整', SUNDAY, '2026-12-07T09:00:00+08:00'],
    ['听日朝早嚟得唔得', MONDAY, '2026-12-01T09:00:00+08:00'],
    // 下午好 after a day is that day's afternoon, said the Wu way, not a greeting; a weekday typed as a digit.
    ['阿拉马桶堵牢了 明朝下半天好来修伐', MONDAY, '2026-12-01T14:00:00+08:00'],
    ['水笼头关不紧 下周1早上能来吗', SUNDAY, '2026-12-07T09:00:00+08:00'],
    ['明仔载下晡来好毋', MONDAY, '2026-12-01T14:00:00+08:00'],
  ];
  for (const [text, now, start, end] of cases) {
    it(`${text} on ${formatIso(now).slice(0, 10)} → ${start}${end ? ` to ${end}` : ''}`, () => {
      const s = slots(text, now);
      expect(s.time).toBe(start);
      expect(s.timeWithoutHour).toBeUndefined();
      if (end) expect(s.timeEnd).toBe(end);
    });
  }

  it('takes a bare day of the month for a day, never for tomorrow, and asks its hour', () => {
    expect(slots('15号', parseIso('2026-12-17T10:00:00+08:00'))).toMatchObject({
      time: '2027-01-15T09:00:00+08:00',
      timeWithoutHour: true,
    });
    expect(slots('三天后', SUNDAY)).toMatchObject({ time: '2026-12-09T09:00:00+08:00', timeWithoutHour: true });
  });

  it('reads months and years from this one: with a day, their end, or alone in the past', () => {
    expect(slots('下个月底前交', NOW).time).toBe('2026-12-31T09:00:00+08:00');
    expect(slots('下个月初交', NOW).time).toBe('2026-12-05T09:00:00+08:00');
    expect(slots('这么多啊 年底前一起交吧', NOW).time).toBe('2026-12-31T09:00:00+08:00');
    expect(slots('上个月底就报修了', NOW)).toMatchObject({ time: '2026-10-31T09:00:00+08:00', timePast: true });
    expect(slots('上个月15号', NOW)).toMatchObject({ time: '2026-10-15T09:00:00+08:00', timePast: true });
    expect(slots('上个月', NOW)).toMatchObject({ timePast: true, timeWithoutHour: true });
    expect(slots('去年12月5号', NOW).time).toBe('2025-12-05T09:00:00+08:00');
    expect(slots('上周', NOW)).toMatchObject({ time: '2026-11-16T09:00:00+08:00', timePast: true });
    expect(slots('下个月', NOW).time).toBeUndefined();
  });

  it('the only day said, said to be taken (不行 9号下午我要上班, 明天我不在家), is no time wanted', () => {
    expect(slots('不行 9号下午我要上班', MONDAY).time).toBeUndefined();
    expect(slots('明天我不在家', MONDAY).time).toBeUndefined();
    expect(slots('前天报修的还没人来', SUNDAY).time).toBeDefined();
  });

  it('reads the days before yesterday and 今日', () => {
    expect(slots('前天报修的还没人来', SUNDAY).time).toBe('2026-12-04T09:00:00+08:00');
    expect(slots('大前天晚上', SUNDAY).time).toBe('2026-12-03T19:00:00+08:00');
    expect(slots('今日下午', MONDAY).time).toBe('2026-11-30T14:00:00+08:00');
  });

  it('reads a weekend downstairs as this weekend, not next week', () => {
    expect(slots('楼下周末装修', parseIso('2026-12-02T10:00:00+08:00')).time).toBe('2026-12-05T09:00:00+08:00');
  });

  it('reads no date in building numbers, metro lines, floors and amounts, nor one o’clock in "a little"', () => {
    for (const text of [
      '一点都不专业',
      '快一点来人',
      '有一点漏水',
      '声音小一点',
      '5号楼电梯坏了',
      '5号楼3单元803室 物业费欠多少',
      '坐3号线过来',
      '交了12.5元',
      '电梯坏了只能爬上五楼',
      '1栋1单元301号',
    ]) {
      expect(slots(text, MONDAY).time, text).toBeUndefined();
    }
  });

  it('leaves the words of a date out of what the message is about', () => {
    expect(nlu.understand('下礼拜三上午 来看下阳台漏风的窗户', SUNDAY).topic).toBe('来看下阳台漏风的窗户');
    expect(nlu.understand('马桶堵了 明天下五2点以后有人', SUNDAY).topic).toBe('马桶堵了 以后有人');
  });
});

describe('other slots', () => {
  it('reads units in the ways residents write them', () => {
    expect(slots('3-2-1201').unit).toBe('3-2-1201');
    expect(slots('我是3栋2单元1201的').unit).toBe('3-2-1201');
    expect(slots('3号楼2单元1201室漏水').unit).toBe('3-2-1201');
    expect(slots('3幢1201')).toMatchObject({ building: '3', room: '1201' });
    expect(slots('3幢1201').unit).toBeUndefined();
  });

  it('reads a unit in every common form inside a message, as the office records it', () => {
    const forms: Array<[string, string]> = [
      ['1栋1单元301 厨房漏水', '1-1-301'],
      ['我家是1号楼1单元301室', '1-1-301'],
      ['1幢1单元502 物业这边还欠钱不', '1-1-502'],
      ['一栋一单元502的', '1-1-502'],
      ['我是1栋1单元0301的业主', '1-1-301'],
      ['1-1-0301', '1-1-301'],
      ['五栋三单元八零三 查下欠费', '5-3-803'],
      ['5#3-803 看下要交多少', '5-3-803'],
      ['5栋3门803 物业废欠多少', '5-3-803'],
    ];
    for (const [text, unit] of forms) expect(slots(text).unit, text).toBe(unit);
    expect(slots('3栋0801')).toMatchObject({ building: '3', room: '801' });
    expect(slots('我电话138-0000-1201').unit).toBeUndefined();
  });

  it('reads no date in a unit whose room is written with 号', () => {
    expect(slots('3栋2单元12号 明天上午来', parseIso('2026-11-30T09:00:00+08:00'))).toMatchObject({
      unit: '3-2-12',
      time: '2026-12-01T09:00:00+08:00',
    });
  });

  it('reads a phone, its last four digits, a ticket number and an amount', () => {
    expect(slots('我电话13800001201')).toMatchObject({ phone: '13800001201', phoneLast4: '1201' });
    expect(slots('手机尾号6688')).toMatchObject({ phoneLast4: '6688' });
    expect(slots('r1024到哪了').ticket).toBe('R1024');
    expect(slots('交了268.50元').amount).toBe('268.50');
    expect(slots('给了300块').amount).toBe('300');
  });

  it('reads the repair category and urgency', () => {
    expect(slots('热水器坏了').category).toBe('家电');
    expect(slots('水龙头一直滴水').category).toBe('水');
    expect(slots('楼道的灯坏了').category).toBe('公共设施');
    expect(slots('闻到燃气味').category).toBe('燃气');
    expect(slots('闻到燃气味').urgent).toBe(true);
    expect(slots('电梯困人了').urgent).toBe(true);
    expect(slots('楼上往下漏水').urgent).toBe(true);
    expect(slots('墙皮掉了').urgent).toBeUndefined();
  });

  it('finds a staff member named in praise', () => {
    expect(slots('孙强师傅修得好').staff).toBe('孙强');
  });
});

describe('answers inside a flow', () => {
  it('reads confirm, deny and correct', () => {
    expect(nlu.answer('好的')).toBe('yes');
    expect(nlu.answer('对')).toBe('yes');
    expect(nlu.answer('不对')).toBe('no');
    expect(nlu.answer('不行')).toBe('no');
    expect(nlu.answer('改一下时间')).toBe('correct');
  });

  it('reads a Wu yes with its particle (好额, 对额), and no yes in 金额', () => {
    expect(nlu.answer('好额')).toBe('yes');
    expect(nlu.answer('对额')).toBe('yes');
    expect(nlu.answer('金额')).toBeUndefined();
  });
});
