import { z } from 'zod';
import { parseDuration } from '../runtime/time.js';

/** A duration written as in the settings and data files (90m, 2h, 1d), as milliseconds. */
export const durationText = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
