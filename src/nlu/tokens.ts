import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** The segmenter, loaded once (about 150 ms for its dictionary). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORDISH = /[\p{L}\p{N}]/u;
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
