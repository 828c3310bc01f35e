import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { BuiltFile, dataText } from '../domain/built-file.js';

/**
 * The segmenter reads only part of jieba's dictionary: its common words (frequency ≥ 200: about 24,000 of 349,000)
 * and every word found in the office's own data files (物业费, 门禁卡, 报修 are rare in general text). Loading all of
 * it took 80–150 ms of every start, and the rare words (place names, classical idioms) are no feature the
 * classifier has learnt. Training and reading use the same words, so they always agree.
 */
const COMMON_FREQUENCY = 200;
const LONGEST_WORD = 8;
const jiebaFile = (name: string) => createRequire(import.meta.url).resolve(`@node-rs/jieba/${name}`);

let built: BuiltFile | undefined;
const builtDictionary = () => {
  if (built) return built;
  const version = (JSON.parse(readFileSync(jiebaFile('package.json'), 'utf8')) as { version: string }).version;
  // The messages learnt from as examples of danger are no vocabulary of the office's: their rare words would change how
  // everything else is cut (不制热 read as 不 / 制热).
  const corpus = dataText(['emergency-examples.zh-CN.yaml']);
  return (built = new BuiltFile('segmenter', [version, String(COMMON_FREQUENCY), String(LONGEST_WORD), corpus], () =>
    dictionary(corpus),
  ));
};

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(Buffer.from(builtDictionary().read()));
  return jieba;
}

/**
 * The words kept, and one placeholder word holding the frequency of the rest, so that each word's probability (its
 * frequency over the total) stays what the whole dictionary gives it.
 */
function dictionary(corpus: string): string {
  const chars = [...corpus.toLowerCase()];
  const inData = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let piece = chars[i]!;
    for (let j = i + 1; j < Math.min(chars.length, i + LONGEST_WORD); j++) inData.add((piece += chars[j]));
  }
  const kept: string[] = [];
  let dropped = 0;
  for (const line of readFileSync(jiebaFile('dict.txt'), 'utf8').split('\n')) {
    const [word, count] = line.split(' ');
    const frequency = Number(count);
    if (frequency >= COMMON_FREQUENCY || inData.has(word!)) kept.push(line);
    else if (frequency > 0) dropped += frequency;
  }
  kept.push(`\u{E000} ${dropped} x`);
  return `${kept.join('\n')}\n`;
}

/** The build step: the dictionary made once, read at every start. */
export const writeSegmenterDictionary = (): void => builtDictionary().write();

const WORDISH = /[\p{L}\p{N}]/u;
/** Numbers and symbols are slots (an amount, a room, a time), never evidence of what is wanted. */
const WORDLESS = /^[^\p{L}]*$/u;
const HAN = /\p{Script=Han}/u;

/**
 * Features of a text for the classifier: jieba words, plus character bigrams of the Chinese
 * runs. Bigrams carry typos and words jieba splits oddly ("返水" → 返 / 水).
 */
export function features(text: string): string[] {
  const lower = text.toLowerCase();
  const out = segmenter()
    .cut(lower, false)
    .filter((w) => WORDISH.test(w));
  const chars = [...lower];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (HAN.test(chars[i]!) && HAN.test(chars[i + 1]!)) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/** The features that are words (numbers and symbols left out): what the classifiers learn from and weigh. */
export const wordFeatures = (text: string): string[] => features(text).filter((f) => !WORDLESS.test(f));
