import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { importWordsData } from './import-words.js';
import type ExcelJS from 'exceljs';

/** A spreadsheet's rows by header name, each with the line (row number) it came from. */
export interface Table {
  header: string[];
  rows: Array<{ line: number; record: Record<string, string> }>;
}

/** A file that cannot be read as a table at all: wrong encoding, not a spreadsheet, unreadable. */
export class TableError extends Error {}

/** A header as the office's own sheet may write it (姓名, 手机号, 房号): the column the import reads. */
const normalizeHeader = (h: unknown) => {
  const name = String(h ?? '')
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();
  return importWordsData().columns?.[name] ?? name;
};

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new TableError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * A UTF-8 CSV (a BOM is fine). Offices often save CSV from Excel as GBK: that is detected and
 * refused with a clear message rather than imported as mojibake.
 */
export function readCsv(file: string): Table {
  const bytes = readBytes(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const gbk = (() => {
      try {
        new TextDecoder('gb18030', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    })();
    throw new TableError(
      gbk
        ? 'the file is not UTF-8 (it looks like GBK/GB18030, as Excel saves it): save it as "CSV UTF-8" and import ' +
            'again'
        : 'the file is not UTF-8 text: save it as "CSV UTF-8" and import again',
    );
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new TableError('the file is empty');
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    // A row of empty cells (,,,, as Excel leaves below a table) is no row.
    records = parse(text, {
      columns: (h: string[]) => h.map(normalizeHeader),
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    });
  } catch (error) {
    throw new TableError(csvProblem(error as Error & { code?: string; lines?: number; record?: unknown[] }));
  }
  const header = (parse(text, { to_line: 1 }) as string[][])[0]?.map(normalizeHeader) ?? [];
  return { header, rows: records.map(({ record, info }) => ({ line: info.lines, record })) };
}

/** The first worksheet of an .xlsx workbook; row numbers are the lines. */
async function readXlsx(file: string): Promise<Table> {
  // Loaded only when a workbook is read: exceljs adds its own plugins to the shared dayjs.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(readBytes(file) as unknown as ArrayBuffer);
  } catch (error) {
    if (error instanceof TableError) throw error;
    throw new TableError(`not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new TableError('the workbook is empty');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(normalizeHeader);
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = cellText(row.getCell(i + 1).value);
    });
    if (Object.values(record).some((v) => v !== '')) rows.push({ line, record });
  });
  return { header, rows };
}

/** Cells as the text an office typed: numbers without float noise, rich text flattened. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  // A cell Excel made a date holds its calendar day at midnight UTC: that day, as typed.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  return String(value).trim();
}

/** A row whose cells do not line up with the header, said in the office's terms. */
function csvProblem(error: Error & { code?: string; lines?: number; record?: unknown[] }): string {
  const misaligned = ['CSV_RECORD_INCONSISTENT_COLUMNS', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'];
  if (!misaligned.includes(error.code ?? '') || error.lines === undefined) return error.message;
  return (
    `line ${error.lines}: ${error.record?.length ?? 'a different number of'} cells, not as many as the header has; ` +
    'a value holding a comma (1,200.50) must be in double quotes or written without the comma'
  );
}

/** Full-width digits, letters and signs (１２０１, ３－２－１２０１) typed in Chinese input are the ordinary ones. */
const halfWidth = (table: Table): Table => ({
  header: table.header,
  rows: table.rows.map(({ line, record }) => ({
    line,
    record: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.normalize('NFKC')])),
  })),
});

export async function readTable(file: string): Promise<Table> {
  return halfWidth(file.toLowerCase().endsWith('.xlsx') ? await readXlsx(file) : readCsv(file));
}
