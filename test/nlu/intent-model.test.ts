import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntentClassifier } from '../../src/nlu/classifier.js';
import { readIntentData } from '../../src/nlu/intent-data.js';
import { intentClassifier, writeIntentModel } from '../../src/nlu/intent-model.js';
import { dataPath } from '../../src/domain/data-path.js';

const TEXTS = [
  '厨房水龙头漏水了',
  '楼上太吵了',
  '我家欠多少物业费',
  '门禁卡丢了',
  '谢谢师傅',
  '转人工',
  '你好',
  '物业电话多少',
];
const modelFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-model-')), 'intent-model.json');
const top = (c: IntentClassifier, text: string) => c.rank(text)[0]!.intent;

describe('the intent model trained at build time', () => {
  it('ranks every message as training at start-up would', () => {
    const { data, text } = readIntentData();
    const file = modelFile();
    writeIntentModel(data, text, file);
    const trained = new IntentClassifier(data);
    const loaded = intentClassifier(data, text, file);
    for (const t of TEXTS) expect(loaded.rank(t), t).toEqual(trained.rank(t));
  });

  it('is what start-up uses while it matches the data', () => {
    const { data, text } = readIntentData();
    const file = modelFile();
    writeIntentModel(data, text, file);
    // Doctor the stored model (every class but greeting forgotten): start-up follows it.
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { model: { classes: string[] } };
    stored.model.classes = ['greeting'];
    writeFileSync(file, JSON.stringify(stored));
    expect(top(intentClassifier(data, text, file), '楼上太吵了')).toBe('greeting');
  });

  it('is set aside once the intents file changes: the classifier is trained on the data as it is now', () => {
    const { data, text } = readIntentData();
    const file = modelFile();
    writeIntentModel(data, text, file);
    // Another engineer teaches a new word for complaints after the build.
    const edited = readFileSync(dataPath('intents.zh-CN.yaml'), 'utf8').replace(
      '  complaint:\n    keywords: [',
      '  complaint:\n    keywords: [咕噜咕噜, ',
    );
    expect(edited).not.toBe(text);
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-intents-'));
    writeFileSync(path.join(dir, 'intents.yaml'), edited);
    const now = readIntentData(path.join(dir, 'intents.yaml'));
    const classifier = intentClassifier(now.data, now.text, file);
    expect(top(classifier, '咕噜咕噜')).toBe('complaint');
    for (const t of TEXTS) expect(classifier.rank(t), t).toEqual(new IntentClassifier(now.data).rank(t));
  });
});
