import type { PhraseRef } from '../src/phrases/phrase-ref.js';

/** The `say` effect for a fixed phrase: what every flow uses for a plain sentence. */
export const say = (key: string, params?: PhraseRef['params']) => ({
  type: 'say' as const,
  params: { key, ...(params && { params }) },
});
