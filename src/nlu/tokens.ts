import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dataYamlFiles } from '../domain/data-file.js';
import { DATA_DIR } from '../domain/data-path.js';

/**
 * The segmenter reads only part of jieba's dictionary: its common words (frequency ≥ 83: about 40,000 of 349,000)
 * and every word found in the office's own data files (物业费, 门禁卡, 报修 are rare in general text). Loading all of
 * it took 80–150 ms of every start, and the rare words (place names, classical idioms) are no feature the
 * classifier has learnt. Training and reading use the same words, so they always agree.
 */
const COMMON_FREQUENCY = 83;
const LONGEST_WORD = 8;
const jiebaFile = (name: string) => createRequire(import.meta.url).resolve(`@node-rs/jieba/${name}`);

/** The built dictionary for this jieba, this cut and these data files (the build writes it; anything else makes it). */
function dictionaryFile(corpus: string): string {
  const version = (JSON.parse(readFileSync(jiebaFile('package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha1').update(`${version}\0${COMMON_FREQUENCY}\0${LONGEST_WORD}\0${corpus}`).digest('hex');
  return path.join(DATA_DIR, '..', 'dist', `segmenter-${key.slice(0, 16)}.dict`);
}

const dataText = () =>
  dataYamlFiles()
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    const corpus = dataText();
    const file = dictionaryFile(corpus);
    jieba = Jieba.withDict(existsSync(file) ? readFileSync(file) : dictionary(corpus));
  }
  return jieba;
}

/**
 * The words kept, and one placeholder word holding the frequency of the rest, so that each word's probability (its
 * frequency over the total) stays what the whole dictionary gives it.
 */
function dictionary(corpus: string): Buffer {
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
  return Buffer.from(`${kept.join('\n')}\n`);
}

/** The build step: the dictionary made once, read at every start. */
export function writeSegmenterDictionary(): void {
  const corpus = dataText();
  const file = dictionaryFile(corpus);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, dictionary(corpus));
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
