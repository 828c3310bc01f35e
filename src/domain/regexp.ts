/** A word as a regular expression matches it literally: every character with a meaning there is escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
