// The statistics as files: CSV (UTF-8 with BOM, one value per row) and the yearly report (PDF), from the same numbers
// as the page.
import { csvFromRows, type CsvCell } from '../../platform/csv.ts';
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { formatMonth, toThaiDigits } from '../../platform/thai/index.ts';
import { CHANNELS } from './kinds.ts';
import { share, type YearStats } from './stats.ts';
import { formatMinutes } from './timing.ts';

const th = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('th', key, vars);
const round = (n: number | null, d = 0) => (n === null ? '' : Math.round(n * 10 ** d) / 10 ** d);

export function statsCsv(s: YearStats): string {
  const period = th(`eservice.stats.period.${s.period}`);
  const rows: CsvCell[][] = [['ปีงบประมาณ', 'ช่วงเวลา', 'รหัสบริการ', 'งานบริการ', 'หัวข้อ', 'รายการ', 'ค่า']];
  const add = (code: string, name: string, section: string, item: string, value: CsvCell) => rows.push([s.year, period, code, name, section, item, value]);
  for (const v of s.services) {
    for (const [i, m] of s.months.entries()) add(v.slug, v.name_th, th('eservice.stats.byMonth'), m, v.months[i] ?? 0);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.total'), v.total);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.completed'), v.completed);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.rejected'), v.rejected);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.open'), v.open);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.onTime'), v.onTime);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.onTimeShare'), share(v.onTime, v.completed) ?? '');
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.declaredMinutes'), v.declaredMinutes);
    add(v.slug, v.name_th, th('eservice.stats.summary'), th('eservice.stats.medianMinutes'), round(v.medianMinutes));
    for (const st of v.steps) {
      add(v.slug, v.name_th, th('eservice.stats.steps'), `${st.position + 1}. ${st.name_th} — ${th('eservice.stats.declaredMinutes')}`, st.declaredMinutes);
      add(v.slug, v.name_th, th('eservice.stats.steps'), `${st.position + 1}. ${st.name_th} — ${th('eservice.stats.medianMinutes')}`, round(st.medianMinutes));
    }
    for (const c of CHANNELS) add(v.slug, v.name_th, th('eservice.stats.channels'), th(`eservice.channel.${c}`), v.channels[c]);
    add(v.slug, v.name_th, th('eservice.stats.satisfaction'), th('eservice.stats.ratings'), v.ratings.n);
    add(v.slug, v.name_th, th('eservice.stats.satisfaction'), th('eservice.stats.average'), round(v.ratings.average, 2));
  }
  return csvFromRows(rows);
}

const n = (x: number) => toThaiDigits(String(x));
const pct = (x: number | null) => (x === null ? '-' : `${toThaiDigits(String(x))}%`);
const time = (m: number | null) => (m === null ? '-' : toThaiDigits(formatMinutes('th', m)));

export function statsBlocks(s: YearStats): Block[] {
  if (s.total === 0) return [{ kind: 'paragraph', content: th('eservice.stats.none'), align: 'center' }];
  const right = (text: string) => ({ text, align: 'right' as const });
  return [
    { kind: 'paragraph', content: th('eservice.stats.lead', { total: n(s.total), completed: n(s.completed), share: pct(share(s.onTime, s.completed)) }), indent: true },
    { kind: 'heading', level: 2, text: th('eservice.stats.summary') },
    {
      kind: 'table', size: 13,
      columns: [{ header: th('eservice.stats.service'), width: 3 }, { header: th('eservice.stats.total'), width: 1 }, { header: th('eservice.stats.completed'), width: 1 }, { header: th('eservice.stats.onTimeShare'), width: 1.2 }, { header: th('eservice.stats.declared'), width: 1.5 }, { header: th('eservice.stats.median'), width: 1.5 }, { header: th('eservice.stats.average'), width: 1.2 }],
      rows: s.services.map((v) => [v.name_th, right(n(v.total)), right(n(v.completed)), right(pct(share(v.onTime, v.completed))), time(v.declaredMinutes), time(v.medianMinutes), right(v.ratings.average === null ? '-' : toThaiDigits(v.ratings.average.toFixed(2)))]),
    },
    { kind: 'heading', level: 2, text: th('eservice.stats.byMonth') },
    {
      kind: 'table', size: 11,
      columns: [{ header: th('eservice.stats.service'), width: 3 }, ...s.months.map((m) => ({ header: formatMonth(m).replace(/ \d{4}$/, ''), width: 1 }))],
      rows: s.services.map((v) => [v.name_th, ...v.months.map((x) => right(n(x)))]),
    },
    { kind: 'heading', level: 2, text: th('eservice.stats.steps') },
    ...s.services.filter((v) => v.total > 0).map((v): Block => ({
      kind: 'keep',
      blocks: [
        { kind: 'heading', level: 3, text: v.name_th },
        {
          kind: 'table', size: 13,
          columns: [{ header: th('eservice.manual.step'), width: 3 }, { header: th('eservice.stats.declared'), width: 1.5 }, { header: th('eservice.stats.median'), width: 1.5 }, { header: th('eservice.stats.late'), width: 1 }],
          rows: v.steps.map((st) => [`${n(st.position + 1)}. ${st.name_th}`, time(st.declaredMinutes), time(st.medianMinutes), right(`${n(st.late)}/${n(st.n)}`)]),
        },
      ],
    })),
    { kind: 'heading', level: 2, text: th('eservice.stats.channels') },
    {
      kind: 'table', size: 13,
      columns: [{ header: th('eservice.stats.channel'), width: 3 }, { header: th('eservice.stats.count'), width: 1 }, { header: th('eservice.stats.share'), width: 1 }],
      rows: CHANNELS.map((c) => [th(`eservice.channel.${c}`), right(n(s.channels[c])), right(pct(share(s.channels[c], s.total)))]),
    },
    { kind: 'heading', level: 2, text: th('eservice.stats.satisfaction') },
    {
      kind: 'table', size: 13,
      columns: [{ header: th('eservice.stats.score'), width: 2 }, { header: th('eservice.stats.count'), width: 1 }],
      rows: [5, 4, 3, 2, 1].map((k) => [th('eservice.stats.stars', { n: k }), right(n(s.ratings.dist[k - 1]!))]),
    },
    { kind: 'paragraph', content: th('eservice.stats.averageAll', { avg: s.ratings.average === null ? '-' : toThaiDigits(s.ratings.average.toFixed(2)), n: n(s.ratings.n) }) },
  ];
}

export function statsReport(agency: string, s: YearStats): DocModel {
  const title = th('eservice.stats.docTitle', { period: th(`eservice.stats.period.${s.period}`), year: toThaiDigits(String(s.year)) });
  return {
    title, author: agency, lang: 'th', pageNumbers: true, orientation: 'landscape',
    blocks: [{ kind: 'heading', level: 1, text: title, align: 'center' }, { kind: 'paragraph', content: agency, align: 'center' }, { kind: 'spacer', height: 6 }, ...statsBlocks(s)],
  };
}
