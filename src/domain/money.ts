/** Money is integer fen everywhere; these are the only conversions to and from yuan text. */

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** `268.50` → 26850. Undefined for anything that is not a plain non-negative yuan amount. */
export function yuanToFen(text: string): number | undefined {
  const match = YUAN.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 26850 → `268.50`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
