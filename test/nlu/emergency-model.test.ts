import { describe, expect, it } from 'vitest';
import { EmergencyDetector } from '../../src/nlu/emergency.js';
import { EmergencyModel } from '../../src/nlu/emergency-model.js';
import { Variants } from '../../src/nlu/variants.js';
import { createTestApp } from '../fakes/test-app.js';

const rules = new EmergencyDetector();
const withModel = new EmergencyDetector(undefined, () => EmergencyModel.load());
const plain = (text: string) => Variants.load().rewrite(text);

describe('the emergency model: danger told in words the rules do not know', () => {
  it('hears a socket that flashed blue, which no rule names, and pages at once', async () => {
    const text = '插头那里啪的一声冒了个蓝光';
    expect(rules.read(plain(text))).toBeUndefined();
    expect(withModel.heardByModel(plain(text))).toEqual({ kind: 'electric', sure: true });
    const app = createTestApp({ now: '2026-12-03T21:50:00+08:00' });
    await app.say('wx_lina', text);
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_electric' }]);
  });

  it('never where the rules rule a danger out, nor for a manner of speaking, nor in a long rant about many things', () => {
    // A stove that will not light (fire's own exception), whatever the model makes of it.
    expect(withModel.heardByModel(plain('燃气灶打不着火 咔咔响就是不出火 没闻到啥味'))).toBeUndefined();
    // Cantonese words are common in the lift examples; a son asking what his mother owes names no lift.
    expect(withModel.heardByModel(plain('我係1號樓1單元502王芳個仔 想睇下阿媽仲欠幾多錢'))).toBeUndefined();
    expect(
      withModel.heardByModel(
        plain(
          '我真的是受够了你们这个物业了每年交那么多钱物业费一分不少交了结果呢楼下那个狗天天叫从早上六点叫到晚上十一点' +
            '跟你们说了多少次了没人管还有那个电梯三天两头坏上个礼拜我妈在里面困了十分钟你们的人半天才来还有垃圾桶' +
            '臭得要死夏天苍蝇满天飞冬天也没人清还有地下车库的灯一半不亮停车费倒是年年涨你们到底干什么吃的',
        ),
      ),
    ).toBeUndefined();
  });

  it('is the same model whether trained now or read from the build', () => {
    const trained = new EmergencyModel(EmergencyModel.train());
    for (const text of ['插头那里啪的一声冒了个蓝光', '你好', '卫生间顶上哗啦啦往下浇水'])
      expect(trained.guess(plain(text)), text).toEqual(EmergencyModel.load().guess(plain(text)));
  });
});
