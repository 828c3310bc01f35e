import { describe, expect, it } from 'vitest';
import { ComplaintFactFinder } from '../../src/complaint/complaint-facts.js';
import { Understander } from '../../src/nlu/understander.js';

const finder = ComplaintFactFinder.load();
const find = (text: string) => finder.find(text);

describe('what a message tells of a complaint, wherever it is said', () => {
  it('where, when, for how long, how often and the call-back wish, all from one message', () => {
    expect(find('1302 每天晚上11点以后走路跟跺脚一样 还有小孩跑来跑去 快一个月了 不用回电话')).toMatchObject({
      describes: true,
      where: ['1302'],
      when: ['每天晚上11点以后'],
      since: ['快一个月了'],
      often: ['每天'],
      callback: false,
    });
    expect(
      find('B区地库68号是我的车位 天天被一辆黑色奥迪占着 车牌沪A12345 这周已经第三次了 你们处理完给我回个电话'),
    ).toMatchObject({
      // 车位 is a place of its own too (有架车成日泊喺我车位): said here beside the number that finds it.
      where: ['B区地库68号', '车位'],
      often: ['天天', '第三次'],
      callback: true,
    });
  });

  it('places as residents say them: a neighbour, a spot outside, between two buildings', () => {
    expect(find('楼下402的狗天天叫 还在单元门口拉屎').where).toEqual(['楼下402', '单元门口']);
    expect(find('北门外面那个烧烤摊 天天搞到半夜').where).toEqual(['北门外面']);
    expect(find('3栋和5栋中间那块 这个月开始的').where).toEqual(['3栋和5栋中间那块']);
    // Not a room: a plate, a hotline, a time, an amount.
    expect(find('沪A12345 打12345 12点 300块').where).toBeUndefined();
  });

  it("times and stretches of time: a weekday, since when, every few days; 一点 is not one o'clock", () => {
    expect(find('上周四下午的事').when).toEqual(['上周四下午']);
    expect(find('从周一到现在').since).toEqual(['从周一到现在']);
    expect(find('这两个礼拜天天叫')).toMatchObject({ since: ['这两个礼拜'], when: ['天天'] });
    expect(find('隔一两天就来一次')).toMatchObject({ often: ['隔一两天', '一次'] });
    // Again and again, or only going on.
    expect(find('电梯这个月第四次坏了').repeated).toBe(true);
    expect(find('一直停在3楼不动').repeated).toBeUndefined();
    expect(find('上次投诉了一点用没有').when).toBeUndefined();
    // A day gone by and nothing saying it keeps on: it happened once.
    expect(find('今天早上').once).toBe(true);
    expect(find('每天早上').once).toBeUndefined();
  });

  it('a call back: the wish, its refusal, who is to call and on which number', () => {
    expect(find('你们经理给我回个电话 13600001101')).toMatchObject({ callback: true, callbackBy: 'manager', said: '' });
    expect(find('不用给我回电话')).toMatchObject({ callback: false });
    expect(find('有结果了微信通知我一下就行')).toMatchObject({ callback: false });
    expect(find('别打了')).toMatchObject({ callback: false });
    expect(find('打吧')).toMatchObject({ callback: true });
    expect(find('恳请物业出面协调，如有进展请来电告知，电话13912345201。')).toMatchObject({ callback: true });
    expect(find('有事联系我们物业').callback).toBeUndefined();
    // A grievance, not a wish.
    expect(find('打了好几次电话也不回电话').callback).toBeUndefined();
  });

  it('short answers, read clause by clause: 要的 is yes, 不用了 is no, 好几次了 and 不要让他知道 are neither', () => {
    for (const yes of [
      '要',
      '要的',
      '需要',
      '好',
      '行',
      '可以',
      '嗯嗯',
      '没问题',
      '是',
      '对的',
      'ok',
      '那行 提交吧',
      '好的谢谢',
    ])
      expect(find(yes).answer, yes).toBe('yes');
    for (const no of ['不用', '不用了', '不需要', '不要', '嗯 不用了']) expect(find(no).answer, no).toBe('no');
    for (const neither of ['好几次了', '不要让他知道是我', '对了 装修几点开始'])
      expect(find(neither).answer, neither).toBeUndefined();
  });

  it('only an explicit withdrawal takes a complaint back; "经常这样" and a despairing 算了 do not', () => {
    expect(find('算了算了 不投诉了 邻里邻居的').withdraws).toBe(true);
    expect(find('算了').withdraws).toBe(true);
    expect(find('没人管 算了').withdraws).toBeUndefined();
    expect(find('每天都这样').withdraws).toBeUndefined();
  });

  it('whether a message says what happened, or only where, when and that it is a complaint', () => {
    expect(find('我要投诉楼上').describes).toBeUndefined();
    expect(find('楼上太吵了').describes).toBeUndefined();
    expect(find('我要投诉你们小区门口那个保安').describes).toBeUndefined();
    expect(find('对 天天晚上都这样').describes).toBeUndefined();
    expect(find('推婴儿车过不去 每天上午都这样').describes).toBe(true);
    expect(find('电梯里总有人抽烟').describes).toBe(true);
  });

  it('questions in reply, and words that point back to an earlier complaint', () => {
    expect(find('你们会跟他说是我投诉的吗').question).toBe('anonymity');
    expect(find('你们多久能处理').question).toBe('how_long');
    expect(find('又吵了 上次投诉了一点用没有').refersBack).toBe('again');
    expect(find('补充一下 昨晚又弄到12点多').refersBack).toBe('adds');
    expect(find('现在还堆在那 投诉一下').complaining).toBe(true);
  });
});

describe('a call-back wish is not evidence of what is wanted', () => {
  const understander = Understander.load();
  const now = Date.parse('2026-12-02T22:10:00+08:00');

  it('"不用回电话" at the end of a complaint is neither a cancellation nor a request for a person', () => {
    for (const text of [
      '楼上1302又在蹦迪 音响开巨大声 每天晚上10点多开始搞到12点 天天这样 你们管管 不用回电话',
      '地库B区消防通道又被车堵死了 好几辆车天天停那 万一着火消防车都进不来 不用回电话',
      '楼下有人天天在消防通道乱停车 你们处理完给我回个电话',
    ]) {
      const u = understander.understand(text, now);
      expect(u.intent, text).toBe('complaint');
      expect(u.complaint?.callback, text).toBeDefined();
    }
  });
});
