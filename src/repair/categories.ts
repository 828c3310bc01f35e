import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';

let cached: readonly string[] | undefined;

/**
 * The repair categories the understanding routes by (`repair_categories` in
 * data/intents.zh-CN.yaml): the only names a technician's skills may use.
 */
export function repairCategories(): readonly string[] {
  cached ??= Object.keys(
    (readYaml(dataPath('intents.zh-CN.yaml')) as { repair_categories?: object }).repair_categories ?? {},
  );
  return cached;
}
