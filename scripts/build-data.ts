// Build step (scripts/build.mjs): the data files' parsed content (dist/data-cache.json) and the intent classifier
// trained on data/intents.zh-CN.yaml (dist/intent-model.json) with the segmenter's words (dist/segmenter-*.dict),
// and the emergency model trained on data/emergency-examples.zh-CN.yaml (dist/emergency-model-*).
import { writeDataCache } from '../src/domain/data-file.js';
import { readIntentData } from '../src/nlu/intent-data.js';
import { writeIntentModel } from '../src/nlu/intent-model.js';
import { writeEmergencyModel } from '../src/nlu/emergency-model.js';
import { writeSegmenterDictionary } from '../src/nlu/tokens.js';
import { writeTraditionalTable } from '../src/nlu/traditional.js';

writeDataCache();
writeSegmenterDictionary();
writeTraditionalTable();
const { data, text } = readIntentData();
writeIntentModel(data, text);
writeEmergencyModel();
