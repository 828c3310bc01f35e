/**
 * Mainland mobile numbers: 11 digits from 13x to 19x, also written with the country code (+86,
 * 86, 0086, (+86)) and with spaces or hyphens between the 3-4-4 groups, as people type them.
 */
const MOBILE = /(?<![\d+])(?:(?:\(\+?86\)|(?:\+|00)?86)[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;

/** Phone numbers shown to staff and written to logs keep only their last four digits. */
export function maskPhones(text: string): string {
  return text.replace(MOBILE, '*******$1');
}

/** The mobile numbers written in a text, as their 11 digits (for a role that needs to dial them). */
export function findPhones(text: string): string[] {
  return [...text.matchAll(MOBILE)].map((m) => m[0].replace(/\D/g, '').slice(-11));
}
