import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';

/** How an office's spreadsheet writes yes and no, roles, and its column headers. */
interface ImportWordsData {
  yes: string[];
  no: string[];
  roles?: Record<string, string>;
  columns?: Record<string, string>;
}

let data: ImportWordsData | undefined;

/** `data/import-words.zh-CN.yaml`, read once for the header and the cells alike. */
export function importWordsData(): ImportWordsData {
  data ??= readYaml(dataPath('import-words.zh-CN.yaml')) as ImportWordsData;
  return data;
}
