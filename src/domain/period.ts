/** A month, perhaps with its day (2026年10月, 2026/10, 2026.7, 2026-10-01); a day is never the start of another year. */
const MONTH = /(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})(?!\d)\s*月?(?:\s*(?:[-/.]\s*)?\d{1,2}(?!\d)\s*日?)?/gu;

/** What may stand between the first and the last month of a period (2026.7-2026.9, 7月至9月). */
const BETWEEN_MONTHS = /[\s~～—–-]|至|到/gu;

/**
 * How earlier versions stored an Excel date cell: JavaScript's Date text ("Thu Oct 01 2026 08:00:00 GMT+0800
 * (China Standard Time)"), read back only by the migration that rewrites those rows.
 */
const DATE_TEXT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}/u;

/**
 * A billed period written as offices write it (2026年10月, 2026/10, 2026.7-2026.9, an Excel date) in the one form
 * statements show and re-imports match on (2026-10, 2026-07~2026-09): the same month written two ways must not
 * bill a household twice. Text that names no month is kept as written (上半年).
 */
export function normalisedPeriod(text: string): string {
  if (DATE_TEXT.test(text)) {
    // exceljs reads a date cell as midnight UTC of that day, so the UTC month is the month written.
    const date = new Date(text);
    if (!Number.isNaN(date.getTime()))
      return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const months = [...text.matchAll(MONTH)];
  const between = text.replace(MONTH, '').replace(BETWEEN_MONTHS, '');
  if (months.length === 0 || months.length > 2 || between !== '') return text;
  return months.map((m) => `${m[1]}-${m[2]!.padStart(2, '0')}`).join('~');
}
