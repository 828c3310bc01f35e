/** Mainland mobile numbers: 11 digits from 13x to 19x. */
const MOBILE = /(?<!\d)1[3-9]\d{5}(\d{4})(?!\d)/g;

/** Phone numbers shown to staff and written to logs keep only their last four digits. */
export function maskPhones(text: string): string {
  return text.replace(MOBILE, '*******$1');
}
