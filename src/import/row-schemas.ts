import { z } from 'zod';
import { parseUnit } from '../domain/unit.js';
import { yuanToFen } from '../domain/money.js';

/** The CSV formats of DESIGN §3: column names, and how each row is checked and converted. */

const required = (name: string) => z.string().trim().min(1, `${name} is empty`);

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'phone is not an 11-digit mobile or a landline number');

const unit = z.string().transform((text, ctx) => {
  const parsed = parseUnit(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `unit "${text}" is not building-entrance-room (3-2-1201)` });
    return z.NEVER;
  }
  return parsed;
});

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s));

export const residentRow = z.object({
  id: required('id'),
  name: required('name'),
  phone,
  unit,
  wechat_id: optional,
});

export const staffRow = z.object({
  id: required('id'),
  name: required('name'),
  role: z.enum(['service', 'technician', 'supervisor', 'manager'], {
    message: 'role must be service, technician, supervisor or manager',
  }),
  wechat_id: optional,
  phone,
});

export const arrearsRow = z.object({
  unit,
  item: required('item'),
  period: required('period'),
  amount: z.string().transform((text, ctx) => {
    // 0 marks an item paid (a re-import after payment); anything else must be a positive amount.
    const fen = yuanToFen(text);
    if (fen === undefined) {
      ctx.addIssue({ code: 'custom', message: `amount "${text}" is not a yuan amount like 268.50 (0 marks an item paid)` });
      return z.NEVER;
    }
    return fen;
  }),
});

export const IMPORT_KINDS = {
  residents: { schema: residentRow, columns: ['id', 'name', 'phone', 'unit', 'wechat_id'], key: (r: ResidentRow) => r.id },
  staff: { schema: staffRow, columns: ['id', 'name', 'role', 'wechat_id', 'phone'], key: (r: StaffRow) => r.id },
  arrears: {
    schema: arrearsRow,
    columns: ['unit', 'item', 'period', 'amount'],
    key: (r: ArrearsRow) => `${r.unit.id}|${r.item}|${r.period}`,
  },
} as const;

export type ImportKind = keyof typeof IMPORT_KINDS;
export type ResidentRow = z.infer<typeof residentRow>;
export type StaffRow = z.infer<typeof staffRow>;
export type ArrearsRow = z.infer<typeof arrearsRow>;
