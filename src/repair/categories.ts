import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';

let cached: readonly string[] | undefined;

/**
 * The repair categories the understanding routes by (`repair_categories` in
 * data/intents.zh-CN.yaml): the only names a technician's skills may use.
 */
export function repairCategories(): readonly string[] {
  cached ??= Object.keys((parse(readFileSync(dataPath('intents.zh-CN.yaml'), 'utf8')) as { repair_categories?: object }).repair_categories ?? {});
  return cached;
}
