import { z } from 'zod';
import { durationParts, parseDuration } from './time.js';

/** A zod string turned into something by `parse`, whose error becomes the validation message. */
const parsedText = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** A duration written as in the settings and data files (90m, 2h, 1d), as milliseconds. */
export const durationText = parsedText(parseDuration);

/** A duration as written, kept as count and unit: what a day means depends on the clock it runs on. */
export const durationPartsText = parsedText(durationParts);
