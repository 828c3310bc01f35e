import { z } from 'zod';
import { parseUnit } from '../domain/unit.js';
import { normalisedPeriod } from '../domain/period.js';
import { yuanToFen } from '../domain/money.js';
import { repairCategories } from '../repair/categories.js';
import { importWordsData } from './import-words.js';

/** The CSV formats of DESIGN §3: column names, and how each row is checked and converted. */

const required = (name: string) => z.string().trim().min(1, `${name} is empty`);

/** A mobile as offices write it (138-1234-5678, +86 136 0000 7777, (0571) 8888 6666): digits, the country code gone. */
const plainPhone = (text: string) => {
  // Full-width digits and signs (１３９…, －) as an input method types them.
  const digits = text.normalize('NFKC').replace(/[\s()（）]/g, '');
  const mobile = digits.replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1\d{10}$/.test(mobile) ? mobile : digits;
};

const phone = z
  .string()
  .transform(plainPhone)
  .pipe(z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'phone is not an 11-digit mobile or a landline number'));

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

/** A list in one cell: 水|电, 水;电, 水、电 or "水,电" (quoted). Empty: not given. */
const cellList = (text: string) => text.split(/[|;,，、；/\s]+/).filter((t) => t !== '');

const skills = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const given = cellList(text ?? '');
    if (given.length === 0) return null;
    const known = repairCategories();
    const unknown = given.filter((s) => !known.includes(s));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${unknown.join(', ')}" is not a repair category (${known.join(' ')})`,
      });
      return z.NEVER;
    }
    return [...new Set(given)];
  });

/** Weekdays as 1-6, 1,3,5 or 1|2|3 (1 = Monday … 7 = Sunday). */
const weekdays = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const days = new Set<number>();
    for (const typed of cellList(text ?? '')) {
      // Excel turns a typed 1-6 into the date 6 January: the range the clerk typed is read back from it.
      const token = /^\d{4}-0([1-7])-0([1-7])$/.exec(typed)?.slice(1).map(Number).join('-') ?? typed;
      const range = /^(\d+)(?:-(\d+))?$/.exec(token);
      const from = Number(range?.[1]);
      const to = Number(range?.[2] ?? range?.[1]);
      if (!range || from < 1 || to > 7 || from > to) {
        ctx.addIssue({ code: 'custom', message: `"${token}" is not a weekday 1-7 (1 = Monday) or a range like 1-6` });
        return z.NEVER;
      }
      for (let d = from; d <= to; d++) days.add(d);
    }
    return days.size === 0 ? null : [...days].sort();
  });

type ImportWords = { yes: string[]; no: string[]; roles: Record<string, string> };
let importWords: ImportWords | undefined;
/** Yes, no and the roles as a spreadsheet may write them (the Chinese words are data: data/import-words.zh-CN.yaml). */
function words(): ImportWords {
  importWords ??= (() => {
    const data = importWordsData();
    return {
      yes: ['yes', 'y', 'true', '1', ...data.yes],
      no: ['no', 'n', 'false', '0', ...data.no],
      roles: data.roles ?? {},
    };
  })();
  return importWords;
}
const onCall = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const value = (text ?? '').trim().toLowerCase();
    if (value === '') return null;
    if (words().yes.includes(value)) return true;
    if (words().no.includes(value)) return false;
    ctx.addIssue({ code: 'custom', message: `"${text}" is not yes or no` });
    return z.NEVER;
  });

export const staffRow = z
  .object({
    id: required('id'),
    name: required('name'),
    // 客服, 维修工, 主管 as the office writes them (data/import-words.zh-CN.yaml), or the role's own name.
    role: z
      .string()
      .transform((text) => words().roles[text.trim()] ?? text.trim().toLowerCase())
      .pipe(
        z.enum(['service', 'technician', 'supervisor', 'manager'], {
          message:
            'role must be service, technician, supervisor or manager (or a name in data/import-words.zh-CN.yaml)',
        }),
      ),
    wechat_id: optional,
    phone,
    // Optional: how a technician works, and who is paged at night; left empty, the policy's defaults.
    skills,
    weekdays,
    on_call: onCall,
  })
  .superRefine((row, ctx) => {
    for (const column of ['skills', 'weekdays'] as const) {
      if (row[column] !== null && row.role !== 'technician') {
        ctx.addIssue({
          code: 'custom',
          path: [column],
          message: `only a technician has ${column} (role is ${row.role})`,
        });
      }
    }
  });

export const arrearsRow = z.object({
  unit,
  item: required('item'),
  period: required('period').transform((text, ctx) => {
    const period = normalisedPeriod(text);
    // 2026年13月 is a typing slip, not a month: refused with its line rather than billed.
    const months = [...period.matchAll(/\d{4}-(\d{2})/gu)].map((m) => Number(m[1]));
    if (months.some((m) => m < 1 || m > 12))
      ctx.addIssue({ code: 'custom', message: `period "${text}" names no month` });
    // 十月 or 上个月 beside 2026-10 would bill the same month twice, and 上个月 changes meaning with the date read.
    else if (!/\d{4}/u.test(period))
      ctx.addIssue({ code: 'custom', message: `period "${text}" names no year: write it as 2026-10` });
    return period;
  }),
  amount: z.string().transform((text, ctx) => {
    // 0 marks an item paid (a re-import after payment); anything else must be a positive amount.
    const fen = yuanToFen(text);
    if (fen === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `amount "${text}" is not a yuan amount like 268.50 (0 marks an item paid)`,
      });
      return z.NEVER;
    }
    return fen;
  }),
});

export const IMPORT_KINDS = {
  residents: {
    schema: residentRow,
    columns: ['id', 'name', 'phone', 'unit', 'wechat_id'],
    key: (r: ResidentRow) => r.id,
  },
  staff: {
    schema: staffRow,
    columns: ['id', 'name', 'role', 'wechat_id', 'phone'],
    optionalColumns: ['skills', 'weekdays', 'on_call'],
    key: (r: StaffRow) => r.id,
  },
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
