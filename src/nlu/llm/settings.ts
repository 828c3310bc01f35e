import type { Problem } from '../../check/yaml-source.js';

/** How the language model is used: never, only when the offline reading is unsure, or on every message. */
export type LlmMode = 'off' | 'fallback' | 'always';

/** The WUYE_LLM_* settings (src/config.ts reads them; the README explains each). */
export interface LlmSettings {
  mode: LlmMode;
  /** An OpenAI-compatible base, e.g. https://api.deepseek.com/v1: `/chat/completions` is added. */
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  /** Calls allowed per day (Asia/Shanghai); 0: no limit. */
  dailyCalls: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `wuye check`: residents' words (masked, but still their words) must not cross a network in
 * clear. A model on this very machine (loopback) never leaves it, so plain http is fine there.
 */
export function checkLlmSettings(settings: LlmSettings): Problem[] {
  if (settings.mode === 'off' || !settings.baseUrl) return [];
  const url = new URL(settings.baseUrl);
  if (url.protocol === 'https:' || LOOPBACK.has(url.hostname)) return [];
  return [
    {
      file: 'WUYE_LLM_BASE_URL',
      severity: 'warning',
      message: `the language model is reached without https (${url.origin}): masked messages travel in clear`,
    },
  ];
}

/** `2s`, `1500ms` or a bare number of seconds (`2.5`) → milliseconds; undefined when it is none of these. */
export function parseTimeout(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(text);
  if (!match) return undefined;
  const ms = match[2] === 'ms' ? Number(match[1]) : Number(match[1]) * 1000;
  return ms > 0 ? Math.round(ms) : undefined;
}
