/** Money is integer fen everywhere; these are the only conversions to and from yuan text. */

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
/** A currency sign before, the unit after, thousands separated by commas: ¥1,200.50, 35.2元. */
const DRESS = { sign: /^(?:¥|￥|rmb)\s*/i, unit: /\s*(?:元|rmb)$/i, thousands: /(\d),(?=\d{3}(?:\D|$))/g };

/** `268.50`, `¥1,200.50`, `35.2元` → fen. Undefined for anything that is not a non-negative yuan amount. */
export function yuanToFen(text: string): number | undefined {
  const plain = text.trim().replace(DRESS.sign, '').replace(DRESS.unit, '').replace(DRESS.thousands, '$1');
  const match = YUAN.exec(plain);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 26850 → `268.50`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
