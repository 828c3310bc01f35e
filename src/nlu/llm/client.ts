import { z } from 'zod';
import { INTENTS } from '../intent.js';
import type { ChatMessage } from './prompt.js';

/**
 * What the model must answer: the same understanding the offline path gives, in a small JSON.
 * Anything else — another shape, an intent we do not have — is no answer at all.
 */
export const modelAnswerSchema = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1),
  answer: z.enum(['yes', 'no', 'correct']).nullish(),
  emergency: z.object({ kind: z.string().min(1), sure: z.boolean() }).nullish(),
  time_span: z.string().max(60).nullish(),
});

export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** Why no answer came: each falls back to the offline reading, and each counts against the breaker. */
export class ModelFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'rate_limited' | 'http_error' | 'network' | 'malformed',
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export interface Endpoint {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

/**
 * One call to an OpenAI-compatible `/chat/completions`, JSON mode, temperature 0, with Node's own
 * fetch: the whole exchange, body included, must end within the timeout.
 */
export async function askModel(
  endpoint: Endpoint,
  messages: ChatMessage[],
  fetchImpl: typeof fetch = fetch,
): Promise<ModelAnswer> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let body: unknown;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(endpoint.apiKey && { authorization: `Bearer ${endpoint.apiKey}` }),
      },
      body: JSON.stringify({
        model: endpoint.model,
        messages,
        temperature: 0,
        response_format: { type: 'json_object' },
      }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    if (response.status === 429) throw new ModelFailure('rate_limited', 'HTTP 429');
    if (!response.ok) throw new ModelFailure('http_error', `HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof ModelFailure) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ModelFailure('timeout', `no answer within ${endpoint.timeoutMs} ms`);
    }
    if (error instanceof SyntaxError) throw new ModelFailure('malformed', 'the response is not JSON');
    throw new ModelFailure('network', (error as Error).message);
  }
  const completion = completionSchema.safeParse(body);
  if (!completion.success) throw new ModelFailure('malformed', 'not a chat completion');
  let content: unknown;
  try {
    content = JSON.parse(completion.data.choices[0]!.message.content);
  } catch {
    throw new ModelFailure('malformed', 'the message is not JSON');
  }
  const answer = modelAnswerSchema.safeParse(content);
  if (!answer.success) {
    throw new ModelFailure('malformed', answer.error.issues[0]?.message ?? 'not the expected answer');
  }
  return answer.data;
}
