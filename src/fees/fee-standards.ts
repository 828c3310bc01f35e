import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { dataPath } from '../domain/data-path.js';
import { formatYuan, yuanToFen } from '../domain/money.js';
import { inZone } from '../domain/time.js';

const yuan = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const fen = yuanToFen(String(v));
  if (fen === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an amount in yuan like 20.00` });
    return z.NEVER;
  }
  return fen;
});
const day = z
  .union([z.string(), z.date()])
  .transform((d) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10)));

export const feeStandardsSchema = z.object({
  late_fee_percent_per_month: z
    .union([z.string(), z.number()])
    .default('0')
    .transform((v, ctx) => {
      // Hundredths of a percent, so money stays integer arithmetic.
      const hundredths = yuanToFen(String(v));
      if (hundredths === undefined) {
        ctx.addIssue({ code: 'custom', message: `late fee "${v}" is not a percentage like 0.5` });
        return z.NEVER;
      }
      return hundredths;
    }),
  management_fee: z.object({
    name: z.string(),
    unit: z.string(),
    effective: day,
    by_building_type: z.record(z.string(), yuan),
  }),
  items: z.array(
    z.object({
      id: z.string().min(1),
      group: z.string().min(1),
      /** For repairs: the repair category the fee applies to. */
      category: z.string().optional(),
      /** For cards: which card, and the businesses (new, renewal…) the item is charged for. */
      card: z.string().optional(),
      business: z.array(z.string()).optional(),
      name: z.string().min(1),
      fee: yuan,
      deposit: yuan,
      /** When and how a deposit is given back, as a resident asking "押金退不退" is told. */
      deposit_refund: z.string().min(1).optional(),
      documents: z.array(z.string().min(1)).min(1),
      effective: day,
    }),
  ),
});

export type FeeItem = z.infer<typeof feeStandardsSchema>['items'][number];

/** `data/fees.yaml`: fees in force on a day, and the phrases that explain them. */
export class FeeStandards {
  private readonly spec: z.infer<typeof feeStandardsSchema>;

  constructor(raw: unknown) {
    this.spec = feeStandardsSchema.parse(raw);
  }

  static load(file = dataPath('fees.yaml')): FeeStandards {
    return new FeeStandards(readYaml(file));
  }

  /** The items of a group in force at `at`: for each id, the newest entry already effective. */
  inForce(group: string, at: number): FeeItem[] {
    const today = inZone(at).format('YYYY-MM-DD');
    const byId = new Map<string, FeeItem>();
    for (const item of this.spec.items) {
      if (item.group !== group || item.effective > today) continue;
      const current = byId.get(item.id);
      if (!current || current.effective < item.effective) byId.set(item.id, item);
    }
    return [...byId.values()];
  }

  /**
   * The late fee on an arrears item at `at`: the configured percent for each whole month since its
   * billed period ended (the period's last YYYY-MM), rounded to the fen. Zero when none is configured.
   */
  lateFee(amountFen: number, period: string, at: number): number {
    const rate = this.spec.late_fee_percent_per_month;
    const ends = [...period.matchAll(/(\d{4})-(\d{2})/g)].at(-1);
    if (rate === 0 || !ends) return 0;
    const now = inZone(at);
    const months = now.year() * 12 + now.month() + 1 - (Number(ends[1]) * 12 + Number(ends[2]));
    return months > 0 ? Math.round((amountFen * rate * months) / 10_000) : 0;
  }

  /** Whether a late fee is charged on arrears, and how much: what a resident asking "滞纳金收不收" is told. */
  lateFeePolicy(): PhraseRef {
    const rate = this.spec.late_fee_percent_per_month;
    return rate === 0
      ? { key: 'faq.late_fee_none' }
      : { key: 'faq.late_fee_rate', params: { percent: formatYuan(rate) } };
  }

  /** The call-out fee for a repair category, if it carries one. */
  repairFee(category: string | undefined, at: number): FeeItem | undefined {
    return category ? this.inForce('repair', at).find((i) => i.category === category && i.fee > 0) : undefined;
  }

  /** The items charged for a card business; none means the office does not do it for that card. */
  cardItems(card: string, business: string, at: number): FeeItem[] {
    return this.inForce('card', at).filter((i) => i.card === card && i.business?.includes(business));
  }

  /** The management fee per square metre and month, by building type. */
  managementFee(): PhraseRef[] {
    const { unit, by_building_type } = this.spec.management_fee;
    return Object.entries(by_building_type).map(([type, fen]) => ({
      key: 'faq.fee_line',
      params: { type, fee: formatYuan(fen), unit },
    }));
  }

  /** One line per fee: name, amount, deposit if any, and the documents to bring. */
  explain(group: string, at: number, separator: string): PhraseRef[] {
    return this.lines(this.inForce(group, at), separator);
  }

  /**
   * Card fees as a resident asking about them needs to hear them: free or how much, the deposit or
   * that there is none, when a deposit comes back, and the documents to bring.
   */
  cardLines(items: FeeItem[], separator: string): PhraseRef[] {
    return items.map((item) => {
      const params = {
        name: item.name,
        fee: formatYuan(item.fee),
        deposit: formatYuan(item.deposit),
        documents: item.documents.join(separator),
        refund: item.deposit_refund ?? '',
      };
      if (item.deposit > 0)
        return { key: item.deposit_refund ? 'fees.card_line_refund' : 'fees.line_with_deposit', params };
      return { key: item.fee > 0 ? 'fees.card_line_no_deposit' : 'fees.card_line_free', params };
    });
  }

  lines(items: FeeItem[], separator: string): PhraseRef[] {
    return items.map((item) => ({
      // A deposit and nothing to pay (装修押金) is said as the deposit alone, not as "0.00 元" beside it.
      key: item.deposit > 0 ? (item.fee > 0 ? 'fees.line_with_deposit' : 'fees.deposit_only') : 'fees.line',
      params: {
        name: item.name,
        fee: formatYuan(item.fee),
        deposit: formatYuan(item.deposit),
        documents: item.documents.join(separator),
      },
    }));
  }
}
