// Build step (scripts/build.mjs): the data files' parsed content (dist/data-cache.json) and the intent classifier
// trained on data/intents.zh-CN.yaml (dist/intent-model.json).
import { writeDataCache } from '../src/domain/data-file.js';
import { readIntentData } from '../src/nlu/intent-data.js';
import { writeIntentModel } from '../src/nlu/intent-model.js';

writeDataCache();
const { data, text } = readIntentData();
writeIntentModel(data, text);
