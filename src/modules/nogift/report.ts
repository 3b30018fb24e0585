// The yearly report of gifts received (รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา): the same numbers as a
// page, CSV (UTF-8 with BOM) and PDF. It is built from PublicGift only: no giver's name, no declarer, no description.
import { csvFromRows } from '../../platform/csv.ts';
import type { DbLike } from '../../platform/db/index.ts';
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { formatNumber, translate, type Lang, type MessageKey } from '../../platform/i18n/index.ts';
import { bangkokDay, fiscalYearRange, formatDate, toThaiDigits } from '../../platform/thai/index.ts';
import { DISPOSITIONS, GIVER_TYPES, type Disposition, type GiverType } from './rules.ts';
import { publicGifts, type PublicGift } from './store.ts';

export interface Tally {
  count: number;
  satang: number;
}

export interface GiftReport {
  year: number;
  gifts: PublicGift[];
  total: Tally;
  byGiver: Record<GiverType, Tally>;
  byDisposition: Record<Disposition, Tally>;
  /** the fiscal year has not ended yet: the report may still grow */
  open: boolean;
}

const tallies = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, { count: 0, satang: 0 }])) as Record<K, Tally>;

export async function giftReport(db: DbLike, agencyId: number, year: number, today = bangkokDay()): Promise<GiftReport> {
  const gifts = await publicGifts(db, agencyId, year);
  const r: GiftReport = { year, gifts, total: { count: 0, satang: 0 }, byGiver: tallies(GIVER_TYPES), byDisposition: tallies(DISPOSITIONS), open: today <= fiscalYearRange(year).lastDay };
  for (const g of gifts) {
    for (const t of [r.total, r.byGiver[g.giver_type], r.byDisposition[g.disposition]]) {
      if (!t) continue;
      t.count++;
      t.satang += g.value_satang;
    }
  }
  return r;
}

export const baht = (lang: Lang, satang: number) => formatNumber(lang, satang / 100, 2);
export const giverLabel = (lang: Lang, g: string) => translate(lang, `nogift.giver.${g}` as MessageKey);
export const dispositionLabel = (lang: Lang, d: string) => translate(lang, `nogift.disposition.${d}` as MessageKey);
const th = (key: MessageKey, vars?: Record<string, string | number>) => translate('th', key, vars);

export function reportCsv(r: GiftReport): string {
  return csvFromRows([
    ['ปีงบประมาณ', 'ลำดับ', 'วันที่ได้รับ', 'ประเภทผู้ให้', 'มูลค่า (บาท)', 'โอกาสที่ได้รับ', 'การดำเนินการ'],
    ...r.gifts.map((g, i) => [r.year, i + 1, g.received_on, giverLabel('th', g.giver_type), (g.value_satang / 100).toFixed(2), g.occasion, dispositionLabel('th', g.disposition)]),
  ]);
}

const digits = (s: string | number) => toThaiDigits(String(s));

function tallyTable(title: string, rows: Array<[string, Tally]>, total: Tally): Block {
  return {
    kind: 'table',
    columns: [{ header: title, width: 4 }, { header: th('nogift.report.count'), width: 2 }, { header: th('nogift.report.value'), width: 2 }],
    rows: [
      ...rows.map(([label, t]) => [label, { text: digits(t.count), align: 'right' as const }, { text: digits(baht('th', t.satang)), align: 'right' as const }]),
      [{ text: th('nogift.report.total'), bold: true }, { text: digits(total.count), align: 'right', bold: true }, { text: digits(baht('th', total.satang)), align: 'right', bold: true }],
    ],
  };
}

/** The report as the agency publishes it (PDF). */
export function reportDoc(agency: string, r: GiftReport): DocModel {
  const title = th('nogift.report.title', { year: digits(r.year) });
  const range = fiscalYearRange(r.year);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title, align: 'center' },
    { kind: 'paragraph', content: agency, align: 'center' },
    { kind: 'paragraph', content: th('nogift.report.period', { from: formatDate(range.firstDay, { thaiDigits: true }), to: formatDate(range.lastDay, { thaiDigits: true }) }), align: 'center' },
    { kind: 'spacer', height: 8 },
  ];
  if (r.open) blocks.push({ kind: 'paragraph', content: th('nogift.report.open', { date: formatDate(bangkokDay(), { thaiDigits: true }) }) });
  if (r.gifts.length === 0) {
    blocks.push({ kind: 'paragraph', content: [{ text: th('nogift.report.none', { year: digits(r.year) }), bold: true }], align: 'center' });
  } else {
    // the list first, right under the title (a heading left at the foot of a page would be cut from its table);
    // the tables by kind carry their title in their header row
    blocks.push(
      { kind: 'paragraph', content: th('nogift.report.summary', { n: digits(r.total.count), value: digits(baht('th', r.total.satang)) }) },
      { kind: 'heading', level: 2, text: th('nogift.report.list') },
      {
        kind: 'table',
        size: 14,
        columns: [
          { header: th('nogift.field.no'), width: 1 }, { header: th('nogift.field.received_on'), width: 3 }, { header: th('nogift.report.giver'), width: 3 },
          { header: th('nogift.report.value'), width: 3 }, { header: th('nogift.field.occasion'), width: 5 }, { header: th('nogift.report.disposition'), width: 3 },
        ],
        rows: r.gifts.map((g, i) => [
          { text: digits(i + 1), align: 'right' }, formatDate(g.received_on, { thaiDigits: true }), giverLabel('th', g.giver_type),
          { text: digits(baht('th', g.value_satang)), align: 'right' }, g.occasion, dispositionLabel('th', g.disposition),
        ]),
      },
      { kind: 'spacer', height: 12 },
      tallyTable(th('nogift.report.byGiver'), GIVER_TYPES.map((g) => [giverLabel('th', g), r.byGiver[g]]), r.total),
      { kind: 'spacer', height: 8 },
      tallyTable(th('nogift.report.byDisposition'), DISPOSITIONS.map((d) => [dispositionLabel('th', d), r.byDisposition[d]]), r.total),
    );
  }
  blocks.push({ kind: 'spacer', height: 8 }, { kind: 'paragraph', content: th('nogift.report.privacy'), size: 14 });
  return { title, author: agency, lang: 'th', pageNumbers: true, blocks };
}
