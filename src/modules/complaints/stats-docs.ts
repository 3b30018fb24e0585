// The statistics as documents: CSV (UTF-8 with BOM), the yearly statistics report (PDF) and the memo to the head of
// the agency (บันทึกข้อความ, DOCX and PDF), all from the same numbers.
import { csvFromRows } from '../../platform/csv.ts';
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { formatDate, formatMonth, toThaiDigits } from '../../platform/thai/index.ts';
import { ALL_CATEGORIES, CHANNELS, LANES } from './kinds.ts';
import { shownStats, type YearStats } from './stats.ts';

const th = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('th', key, vars);

/** The rows of every table: [section, item, count]; null as count means hidden (fewer than min). */
function rows(s: YearStats, min: number | null): Array<[string, string, number | null]> {
  const v = shownStats(s, min);
  return [
    [th('complaints.stats.total'), '', v.total],
    [th('complaints.stats.finished'), '', v.finished],
    [th('complaints.stats.inProgress'), '', v.inProgress],
    ...LANES.map((l): [string, string, number | null] => [th('complaints.stats.byLane'), th(`complaints.lane.${l}`), v.byLane[l] ?? 0]),
    ...ALL_CATEGORIES.map((c): [string, string, number | null] => [th('complaints.stats.byCategory'), th(`complaints.cat.${c}` as 'complaints.cat.other'), v.byCategory[c] ?? 0]),
    ...CHANNELS.map((c): [string, string, number | null] => [th('complaints.stats.byChannel'), th(`complaints.channel.${c}`), v.byChannel[c] ?? 0]),
    ...s.months.map((m, i): [string, string, number | null] => [th('complaints.stats.byMonth'), formatMonth(m.month), v.months[i]!]),
  ];
}

export function statsCsv(s: YearStats, min: number | null): string {
  const hidden = min === null ? '' : th('complaints.stats.hidden', { n: min });
  return csvFromRows([['ปีงบประมาณ', 'ช่วงเวลา', 'หัวข้อ', 'รายการ', 'จำนวน'], ...rows(s, min).map(([a, b, n]) => [s.year, th(`complaints.stats.period.${s.period}`), a, b, n === null ? hidden : n])]);
}

const count = (n: number | null, min: number | null) => (n === null ? th('complaints.stats.hidden', { n: min ?? 0 }) : toThaiDigits(String(n)));

function statsBlocks(s: YearStats, min: number | null): Block[] {
  if (s.total === 0) return [{ kind: 'paragraph', content: th('complaints.stats.none'), align: 'center' }];
  const table = (title: string, items: Array<[string, number | null]>): Block => ({
    kind: 'table', columns: [{ header: title, width: 3 }, { header: th('complaints.stats.count'), width: 1 }],
    rows: items.map(([label, n]) => [label, { text: count(n, min), align: 'right' }]),
  });
  const r = rows(s, min);
  const section = (name: string) => r.filter(([a]) => a === name).map(([, b, n]): [string, number | null] => [b, n]);
  return [
    table(th('complaints.stats.total'), [[th('complaints.stats.total'), r[0]![2]], [th('complaints.stats.finished'), r[1]![2]], [th('complaints.stats.inProgress'), r[2]![2]]]),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byLane'), section(th('complaints.stats.byLane'))),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byCategory'), section(th('complaints.stats.byCategory')).filter(([, n]) => n !== 0)),
    { kind: 'spacer', height: 8 },
    table(th('complaints.stats.byMonth'), section(th('complaints.stats.byMonth'))),
    ...(min !== null ? [{ kind: 'paragraph', content: th('complaints.stats.hiddenNote', { n: min }), size: 14 } as Block] : []),
  ];
}

/** The yearly (or half-year) statistics report the agency publishes. */
export function statsReport(agency: string, s: YearStats, min: number | null): DocModel {
  const title = `รายงานสรุปผลสถิติเรื่องร้องเรียน ${th(`complaints.stats.period.${s.period}`)} ปีงบประมาณ พ.ศ. ${toThaiDigits(String(s.year))}`;
  return {
    title, author: agency, lang: 'th', pageNumbers: true,
    blocks: [{ kind: 'heading', level: 1, text: title, align: 'center' }, { kind: 'paragraph', content: agency, align: 'center' }, { kind: 'spacer', height: 8 }, ...statsBlocks(s, min)],
  };
}

/** บันทึกข้อความ to the head of the agency: the numbers, then what the officer proposes. */
export function statsMemo(agency: string, head: { name_th: string; position_th: string } | undefined, officer: string, s: YearStats): DocModel {
  const period = th(`complaints.stats.period.${s.period}`);
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
      ...statsBlocks(s, null),
    ],
  };
}
