import { loadConfig, loadDotEnv } from '../src/config.js';
import { loadSecondOpinion, type SecondOpinionFactory } from '../src/nlu/llm/load.js';

export const UNDERSTANDERS = ['offline', 'llm', 'fallback'] as const;
export type UnderstanderChoice = (typeof UNDERSTANDERS)[number];

/**
 * `--understander offline|llm|fallback` of the evaluations: the offline reading alone; the model
 * asked on every message (WUYE_LLM_MODE=always); or only where the offline reading is unsure (the
 * mode an office would run). The endpoint is the office's own: WUYE_LLM_BASE_URL, _MODEL, _API_KEY,
 * _TIMEOUT, from the environment or .env, exactly as `wuye start` would use them.
 */
export async function secondOpinionFor(
  choice: string | undefined,
): Promise<{ choice: UnderstanderChoice; factory?: SecondOpinionFactory }> {
  const picked = (choice ?? 'offline') as UnderstanderChoice;
  if (!UNDERSTANDERS.includes(picked)) throw new Error(`--understander is one of ${UNDERSTANDERS.join(', ')}`);
  if (picked === 'offline') return { choice: picked };
  loadDotEnv();
  const llm = loadConfig({ ...process.env, WUYE_LLM_MODE: picked === 'llm' ? 'always' : 'fallback' }).llm;
  const factory = await loadSecondOpinion(llm);
  return { choice: picked, ...(factory && { factory }) };
}
