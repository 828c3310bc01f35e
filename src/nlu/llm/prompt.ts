import { z } from 'zod';
import { readYaml } from '../../domain/data-file.js';
import { dataPath } from '../../domain/data-path.js';
import { INTENTS } from '../intent.js';

export const llmWordsSchema = z.object({
  instructions: z.string().min(1),
  intents: z.record(z.enum(INTENTS), z.string().min(1)),
  emergencies: z.record(z.string(), z.string().min(1)),
  name_titles: z.array(z.string().min(1)).default([]),
  name_prefixes: z.array(z.string().min(1)).default([]),
});

export type LlmWords = z.infer<typeof llmWordsSchema>;

export const loadLlmWords = (file = dataPath('llm.zh-CN.yaml')): LlmWords => llmWordsSchema.parse(readYaml(file));

/** One line of the conversation as the model sees it: masked, and only who said it. */
export interface PromptTurn {
  from: 'in' | 'out';
  text: string;
}

/** Everything the model is told about one message: all of it already masked. */
export interface PromptInput {
  message: string;
  /** What the office just asked the resident, if the last word was the office's. */
  asked?: string;
  history: PromptTurn[];
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** The system message (instructions, intents, emergency kinds from data) and the masked message. */
export function buildMessages(words: LlmWords, input: PromptInput): ChatMessage[] {
  const list = (entries: Record<string, string>) =>
    Object.entries(entries)
      .map(([k, v]) => `- ${k}: ${v}`)
      .join('\n');
  const system = [
    words.instructions.trim(),
    `intent:\n${list(words.intents)}`,
    `emergency.kind:\n${list(words.emergencies)}`,
  ].join('\n\n');
  const user = JSON.stringify({ history: input.history, asked: input.asked ?? null, message: input.message });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
