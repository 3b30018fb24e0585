// The statistics as documents: CSV (UTF-8 with BOM), the yearly statistics report (PDF) and the memo to the head of
// the agency (บันทึกข้อความ, DOCX and PDF), all from the same numbers.
import { csvFromRows } from '../../platform/csv.ts';
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { formatDate, formatMonth, toThaiDigits } from '../../platform/thai/index.ts';
import { ALL_CATEGORIES, CHANNELS, LANES } from './kinds.ts';
import { periodStats, shownStats, type FiscalStats, type Period, type YearStats } from './stats.ts';

const th = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('th', key, vars);

type Row = [string, string, number | null];
/** A count of the table (null: hidden — never shown as 0); a key it does not have is 0. */
const zero = (n: number | null | undefined) => (n === undefined ? 0 : n);
const MONTH_COLUMNS = ['received', 'finished', 'inProgress'] as const;
const monthSection = (c: (typeof MONTH_COLUMNS)[number]) => `${th('complaints.stats.byMonth')}: ${th(c === 'received' ? 'complaints.stats.received' : `complaints.stats.${c}`)}`;

/** The rows of every table: [section, item, count]; null as count means hidden (a small count, or one that gives it away). */
function rows(f: FiscalStats, period: Period, min: number | null): Row[] {
  const v = shownStats(f, period, min);
  return [
    [th('complaints.stats.total'), '', v.total],
    [th('complaints.stats.finished'), '', v.finished],
    [th('complaints.stats.inProgress'), '', v.inProgress],
    ...LANES.map((l): Row => [th('complaints.stats.byLane'), th(`complaints.lane.${l}`), zero(v.byLane[l])]),
    ...ALL_CATEGORIES.map((c): Row => [th('complaints.stats.byCategory'), th(`complaints.cat.${c}` as 'complaints.cat.other'), zero(v.byCategory[c])]),
    ...CHANNELS.map((c): Row => [th('complaints.stats.byChannel'), th(`complaints.channel.${c}`), zero(v.byChannel[c])]),
    ...MONTH_COLUMNS.flatMap((col) => v.months.map((m): Row => [monthSection(col), formatMonth(m.month), m[col]])),
  ];
}

export function statsCsv(f: FiscalStats, period: Period, min: number | null): string {
  const hidden = min === null ? '' : th('complaints.stats.hidden', { n: min });
  const p = th(`complaints.stats.period.${period}`);
  const none: Array<Array<string | number>> = f.periods[period].total === 0 ? [[f.year, p, th('complaints.stats.none'), '', 0]] : [];
  return csvFromRows([['ปีงบประมาณ', 'ช่วงเวลา', 'หัวข้อ', 'รายการ', 'จำนวน'], ...none, ...rows(f, period, min).map(([a, b, n]) => [f.year, p, a, b, n === null ? hidden : n])]);
}

const count = (n: number | null, min: number | null) => (n === null ? th('complaints.stats.hidden', { n: min ?? 0 }) : toThaiDigits(String(n)));

function statsBlocks(f: FiscalStats, period: Period, min: number | null): Block[] {
  if (f.periods[period].total === 0) return [{ kind: 'paragraph', content: th('complaints.stats.none'), align: 'center' }];
  const table = (title: string, items: Array<[string, number | null]>): Block => ({
    kind: 'table', columns: [{ header: title, width: 3 }, { header: th('complaints.stats.count'), width: 1 }],
    rows: items.map(([label, n]) => [label, { text: count(n, min), align: 'right' }]),
  });
  const r = rows(f, period, min);
  const section = (name: string) => r.filter(([a]) => a === name).map(([, b, n]): [string, number | null] => [b, n]);
  const v = shownStats(f, period, min);
  const right = (n: number | null) => ({ text: count(n, min), align: 'right' as const });
  return [
    table(th('complaints.stats.total'), [[th('complaints.stats.total'), r[0]![2]], [th('complaints.stats.finished'), r[1]![2]], [th('complaints.stats.inProgress'), r[2]![2]]]),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byLane'), section(th('complaints.stats.byLane'))),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byCategory'), section(th('complaints.stats.byCategory')).filter(([, n]) => n !== 0)),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byChannel'), section(th('complaints.stats.byChannel')).filter(([, n]) => n !== 0)),
    { kind: 'spacer', height: 8 },
    {
      kind: 'table',
      columns: [{ header: th('complaints.stats.byMonth'), width: 3 }, ...MONTH_COLUMNS.map((c) => ({ header: th(c === 'received' ? 'complaints.stats.received' : `complaints.stats.${c}`), width: 1.4 }))],
      rows: v.months.map((m) => [formatMonth(m.month), right(m.received), right(m.finished), right(m.inProgress)]),
    },
    { kind: 'paragraph', content: th('complaints.stats.monthHint'), size: 14 },
    ...(min !== null ? [{ kind: 'paragraph', content: th('complaints.stats.hiddenNote', { n: min }), size: 14 } as Block] : []),
  ];
}

/** The yearly (or half-year) statistics report the agency publishes. */
export function statsReport(agency: string, f: FiscalStats, period: Period, min: number | null): DocModel {
  const title = `รายงานสรุปผลสถิติเรื่องร้องเรียน ${th(`complaints.stats.period.${period}`)} ปีงบประมาณ พ.ศ. ${toThaiDigits(String(f.year))}`;
  return {
    title, author: agency, lang: 'th', pageNumbers: true,
    blocks: [{ kind: 'heading', level: 1, text: title, align: 'center' }, { kind: 'paragraph', content: agency, align: 'center' }, { kind: 'spacer', height: 8 }, ...statsBlocks(f, period, min)],
  };
}

/** บันทึกข้อความ to the head of the agency: the numbers, then what the officer proposes. */
export function statsMemo(agency: string, head: { name_th: string; position_th: string } | undefined, officer: string, f: FiscalStats, p: Period): DocModel {
  const s: YearStats = periodStats(f, p);
  const period = th(`complaints.stats.period.${p}`);
  const subject = `รายงานสรุปผลสถิติการดำเนินการจัดการเรื่องร้องเรียน ${period} ปีงบประมาณ พ.ศ. ${toThaiDigits(String(s.year))}`;
  const lead = s.total === 0
    ? `ในช่วง${period} ปีงบประมาณ พ.ศ. ${toThaiDigits(String(s.year))} ไม่มีเรื่องร้องเรียน`
    : `ในช่วง${period} ปีงบประมาณ พ.ศ. ${toThaiDigits(String(s.year))} ${agency}ได้รับเรื่องร้องเรียนทั้งสิ้น ${toThaiDigits(String(s.total))} เรื่อง ดำเนินการแล้วเสร็จ ${toThaiDigits(String(s.finished))} เรื่อง อยู่ระหว่างดำเนินการ ${toThaiDigits(String(s.inProgress))} เรื่อง เป็นเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ${toThaiDigits(String(s.byLane.corruption ?? 0))} เรื่อง รายละเอียดตามตารางแนบ`;
  return {
    title: subject, author: agency, lang: 'th', pageNumbers: true,
    blocks: [
      { kind: 'heading', level: 1, text: 'บันทึกข้อความ', align: 'center' },
      { kind: 'paragraph', content: [{ text: 'ส่วนราชการ ', bold: true }, agency] },
      { kind: 'paragraph', content: [{ text: 'วันที่ ', bold: true }, formatDate(new Date(), { thaiDigits: true })] },
      { kind: 'paragraph', content: [{ text: 'เรื่อง ', bold: true }, subject] },
      { kind: 'paragraph', content: `เรียน ${head?.position_th ?? 'ผู้บริหาร'}` },
      { kind: 'paragraph', content: lead, indent: true, align: 'justify' },
      { kind: 'paragraph', content: 'จึงเรียนมาเพื่อโปรดทราบ และพิจารณาเห็นชอบให้เผยแพร่รายงานสรุปผลสถิติดังกล่าวบนเว็บไซต์ของหน่วยงานให้สาธารณชนทราบ', indent: true, align: 'justify' },
      { kind: 'signature', lines: [officer, 'ผู้รับผิดชอบเรื่องร้องเรียน'] },
      { kind: 'pageBreak' },
      ...statsBlocks(f, p, null),
    ],
  };
}
