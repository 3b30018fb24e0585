// The one CSV writer: UTF-8 with a BOM (Excel then shows Thai), CRLF, and no cell a spreadsheet would run as a formula.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

// a cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Google Sheets
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a formula gets a leading apostrophe, which spreadsheets show as text; numbers stay numbers. */
export function csvSafe(v: CsvCell): CsvCell {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

/** Rows as arrays (the first one may be the header). */
export function csvFromRows(rows: CsvCell[][]): string {
  return stringify(rows.map((r) => r.map(csvSafe)), { bom: true, record_delimiter: '\r\n' });
}

/** Rows as records, with a header row of the column keys. */
export function csvFromRecords(columns: string[], rows: Array<Record<string, CsvCell>>): string {
  return csvFromRows([columns, ...rows.map((r) => columns.map((c) => r[c]))]);
}
