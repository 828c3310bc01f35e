import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../domain/data-path.js';
import { IntentClassifier, type IntentModel } from './classifier.js';
import type { IntentData } from './intent-data.js';

/**
 * The intent classifier trained at build time (`npm run build`, run by `npm install`), so a start
 * reads it instead of training again. It is used only when it was trained on exactly this data by
 * exactly this code: its key is a hash of the intents file, the classifier's and the features'
 * sources and the segmenter's version. Anything else (the data edited since the build, no build
 * at all) trains from the data, as before: the model never disagrees with the data.
 */
const MODEL_FILE = path.join(DATA_DIR, '..', 'dist', 'intent-model.json');

const ROOT = path.join(DATA_DIR, '..');
/** The code that decides what training learns. */
const CODE = [
  'src/nlu/classifier.ts',
  'src/nlu/tokens.ts',
  'src/nlu/intent.ts',
  'node_modules/@node-rs/jieba/package.json',
];

interface ModelFile {
  key: string;
  model: IntentModel;
}

/**
 * What a model trained on `intentsText` by the code in this checkout would be keyed by; undefined when the code is not
 * here to read.
 */
function modelKey(intentsText: string, root = ROOT): string | undefined {
  const hash = createHash('sha256').update(intentsText);
  for (const file of CODE) {
    const full = path.join(root, file);
    if (!existsSync(full)) return undefined;
    hash.update('\0').update(readFileSync(full));
  }
  return hash.digest('hex');
}

/** The classifier for this data: the built model when its key matches, else trained now. */
export function intentClassifier(
  data: IntentData,
  intentsText: string | undefined,
  file = MODEL_FILE,
): IntentClassifier {
  const key = intentsText !== undefined && existsSync(file) ? modelKey(intentsText) : undefined;
  if (key !== undefined) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
      if (stored.key === key) return new IntentClassifier(data, stored.model);
    } catch {
      // An unreadable model is as good as none: train.
    }
  }
  return new IntentClassifier(data);
}

/** Trains on `data` and writes the model with its key (the build step). */
export function writeIntentModel(data: IntentData, intentsText: string, file = MODEL_FILE): void {
  const key = modelKey(intentsText);
  if (key === undefined) throw new Error('cannot key the intent model: the classifier sources are missing');
  mkdirSync(path.dirname(file), { recursive: true });
  const stored: ModelFile = { key, model: new IntentClassifier(data).toModel() };
  writeFileSync(file, JSON.stringify(stored));
}
