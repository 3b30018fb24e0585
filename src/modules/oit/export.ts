// The answer sheet for the national system: one row per item with มี/ไม่มี and the URL to paste.
import { csvFromRows } from '../../platform/csv.ts';
import { translate, type Lang } from '../../platform/i18n/index.ts';
import type { ItemReadiness } from './readiness.ts';
import { itemUrl } from './service.ts';

export const SHEET_COLUMNS = ['ข้อ', 'หัวข้อ', 'มี/ไม่มี', 'URL', 'คำอธิบาย'] as const;

export function sheetRows(rs: ItemReadiness[], baseUrl: string, lang: Lang = 'th'): string[][] {
  return rs.map((r) => {
    const explanation = r.status === 'ready'
      ? r.evidence.filter((e) => e.evidence && e.problems.length === 0).map((e) => e.evidence!.title.th).join('; ')
      : r.reasons.map((x) => translate(lang, x.key, x.vars)).join('; ');
    return [r.item.code, r.item.title_th, r.status === 'ready' ? 'มี' : 'ไม่มี', `${baseUrl}${itemUrl(r.item.year, r.item.code)}`, explanation];
  });
}

export function sheetCsv(rs: ItemReadiness[], baseUrl: string): string {
  return csvFromRows([[...SHEET_COLUMNS], ...sheetRows(rs, baseUrl)]);
}

export async function sheetXlsx(rs: ItemReadiness[], baseUrl: string, year: number): Promise<Buffer> {
  // loaded on demand: the library is large and only this export needs it
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Prongsai';
  const ws = wb.addWorksheet(`OIT ${year}`);
  ws.columns = [
    { header: SHEET_COLUMNS[0], key: 'code', width: 8 },
    { header: SHEET_COLUMNS[1], key: 'title', width: 50 },
    { header: SHEET_COLUMNS[2], key: 'has', width: 10 },
    { header: SHEET_COLUMNS[3], key: 'url', width: 45 },
    { header: SHEET_COLUMNS[4], key: 'note', width: 70 },
  ];
  for (const [code, title, has, url, note] of sheetRows(rs, baseUrl)) ws.addRow({ code, title, has, url: { text: url, hyperlink: url }, note });
  ws.getRow(1).font = { bold: true };
  ws.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
