// The yearly participation report (รายงานผลการเปิดโอกาสให้มีส่วนร่วม): every published activity of a fiscal year with
// its participants by group, results, and each proposal with what the agency did about it. One set of numbers, shown
// as a page and made as PDF and DOCX through the documents core (Thai, 16 pt).
import type { DbLike } from '../../platform/db/index.ts';
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { translate, type Lang, type MessageKey } from '../../platform/i18n/index.ts';
import { bangkokDay, fiscalYearRange, formatDate, toThaiDigits } from '../../platform/thai/index.ts';
import { GROUPS, RESPONSES, type Group, type ResponseStatus } from './rules.ts';
import { approvedCounts, countOf, proposalsOfMany, publishedOfYear, totalOf, type Activity, type Proposal } from './store.ts';

export interface ReportEntry {
  a: Activity;
  proposals: Proposal[];
  comments: number;
}

export interface YearReport {
  year: number;
  entries: ReportEntry[];
  participants: number;
  byGroup: Record<Group, number>;
  proposals: number;
  byResponse: Record<ResponseStatus, number>;
  /** the fiscal year has not ended: the report may still grow */
  open: boolean;
}

export async function yearReport(db: DbLike, agencyId: number, year: number, today = bangkokDay()): Promise<YearReport> {
  const activities = await publishedOfYear(db, agencyId, year);
  const ids = activities.map((a) => a.id);
  const [proposals, comments] = await Promise.all([proposalsOfMany(db, ids), approvedCounts(db, ids)]);
  const r: YearReport = {
    year, entries: activities.map((a) => ({ a, proposals: proposals.get(a.id) ?? [], comments: comments.get(a.id) ?? 0 })),
    participants: 0, byGroup: Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>,
    proposals: 0, byResponse: Object.fromEntries(RESPONSES.map((s) => [s, 0])) as Record<ResponseStatus, number>,
    open: today <= fiscalYearRange(year).lastDay,
  };
  for (const e of r.entries) {
    for (const g of GROUPS) r.byGroup[g] += countOf(e.a, g);
    r.participants += totalOf(e.a);
    for (const x of e.proposals) {
      r.proposals++;
      r.byResponse[x.response_status]++;
    }
  }
  return r;
}

export const kindLabel = (lang: Lang, k: string) => translate(lang, `participation.kind.${k}` as MessageKey);
export const statusLabel = (lang: Lang, s: string) => translate(lang, `participation.status.${s}` as MessageKey);
export const groupLabel = (lang: Lang, g: string) => translate(lang, `participation.group.${g}` as MessageKey);
export const responseLabel = (lang: Lang, s: string) => translate(lang, `participation.response.${s}` as MessageKey);
export const docKindLabel = (lang: Lang, k: string) => translate(lang, `participation.doc.${k}` as MessageKey);

const th = (key: MessageKey, vars?: Record<string, string | number>) => translate('th', key, vars);
const digits = (s: string | number) => toThaiDigits(String(s));
const day = (d: string) => formatDate(d, { thaiDigits: true });

/** '3 ธันวาคม 2569' or '3 – 5 ธันวาคม 2569' as the days were. */
export function daysText(a: Pick<Activity, 'starts_on' | 'ends_on'>, lang: Lang, thaiDigits = false): string {
  const f = (d: string) => formatDate(d, { lang, thaiDigits });
  return a.ends_on && a.ends_on !== a.starts_on ? `${f(a.starts_on)} – ${f(a.ends_on)}` : f(a.starts_on);
}

/** The report's title; Thai digits in the document, as in official Thai documents, Arabic on the web pages. */
export function reportTitle(year: number, lang: Lang = 'th', thaiDigits = false): string {
  return translate(lang, 'participation.report.title', { year: thaiDigits ? digits(year) : year });
}

function entryBlocks(e: ReportEntry, n: number): Block[] {
  const a = e.a;
  const line = (label: MessageKey, value: string): Block => ({ kind: 'paragraph', content: [{ text: `${th(label)}: `, bold: true }, value] });
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: `${digits(n)}. ${a.title_th}` },
    line('participation.field.kind', kindLabel('th', a.kind)),
  ];
  if (a.subject_th) blocks.push(line('participation.field.subject_th', a.subject_th));
  blocks.push(line('participation.report.when', daysText(a, 'th', true)));
  if (a.place_th) blocks.push(line('participation.field.place_th', a.place_th));
  if (a.invited_th) blocks.push(line('participation.field.invited_th', a.invited_th));
  const total = totalOf(a);
  blocks.push(line('participation.counts.title', total
    ? `${th('participation.report.people', { n: digits(total) })} (${GROUPS.filter((g) => countOf(a, g) > 0).map((g) => `${groupLabel('th', g)} ${digits(countOf(a, g))}`).join(' · ')})`
    : th('participation.counts.none')));
  if (e.comments) blocks.push(line('participation.report.comments', th('participation.report.commentCount', { n: digits(e.comments) })));
  if (a.results_th) {
    blocks.push({ kind: 'paragraph', content: [{ text: `${th('participation.results.title')}:`, bold: true }] });
    for (const para of a.results_th.split(/\n+/).filter(Boolean)) blocks.push({ kind: 'paragraph', content: para, indent: true, align: 'justify' });
  }
  if (e.proposals.length) {
    blocks.push({
      kind: 'table',
      size: 14,
      columns: [{ header: th('participation.report.no'), width: 1 }, { header: th('participation.saidDid.said'), width: 5 }, { header: th('participation.saidDid.did'), width: 6 }],
      rows: e.proposals.map((x, i) => [
        { text: digits(i + 1), align: 'right' },
        x.proposed_by ? { blocks: [{ kind: 'paragraph', content: x.proposal, size: 14 }, { kind: 'paragraph', content: `(${x.proposed_by})`, size: 14 }] } : x.proposal,
        { blocks: [{ kind: 'paragraph', content: [{ text: responseLabel('th', x.response_status), bold: true }], size: 14 }, ...(x.response ? [{ kind: 'paragraph' as const, content: x.response, size: 14 }] : [])] },
      ]),
    });
  }
  blocks.push({ kind: 'spacer', height: 8 });
  return blocks;
}

/** The report as the agency publishes it (PDF and DOCX from the same model). */
export function reportDoc(agency: string, r: YearReport): DocModel {
  const title = reportTitle(r.year, 'th', true);
  const range = fiscalYearRange(r.year);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title, align: 'center' },
    { kind: 'paragraph', content: agency, align: 'center' },
    { kind: 'paragraph', content: th('participation.report.period', { from: day(range.firstDay), to: day(range.lastDay) }), align: 'center' },
    { kind: 'spacer', height: 8 },
  ];
  if (r.open) blocks.push({ kind: 'paragraph', content: th('participation.report.open', { date: day(bangkokDay()) }) });
  if (!r.entries.length) {
    blocks.push({ kind: 'paragraph', content: [{ text: th('participation.report.none', { year: digits(r.year) }), bold: true }], align: 'center' });
    return { title, author: agency, lang: 'th', pageNumbers: true, blocks };
  }
  blocks.push(
    { kind: 'paragraph', content: th('participation.report.summary', { n: digits(r.entries.length), people: digits(r.participants), proposals: digits(r.proposals) }), indent: true, align: 'justify' },
    { kind: 'heading', level: 2, text: th('participation.report.list') },
    {
      kind: 'table',
      size: 14,
      columns: [{ header: th('participation.report.no'), width: 1 }, { header: th('participation.field.title_th'), width: 7 }, { header: th('participation.field.kind'), width: 4 }, { header: th('participation.report.when'), width: 4 }, { header: th('participation.report.participants'), width: 2 }],
      rows: r.entries.map((e, i) => [{ text: digits(i + 1), align: 'right' }, e.a.title_th, kindLabel('th', e.a.kind), daysText(e.a, 'th', true), { text: digits(totalOf(e.a)), align: 'right' }]),
    },
    { kind: 'spacer', height: 8 },
    {
      kind: 'table',
      columns: [{ header: th('participation.report.byGroup'), width: 4 }, { header: th('participation.report.people.header'), width: 2 }],
      rows: [
        ...GROUPS.map((g) => [groupLabel('th', g), { text: digits(r.byGroup[g]), align: 'right' as const }]),
        [{ text: th('participation.report.total'), bold: true }, { text: digits(r.participants), align: 'right', bold: true }],
      ],
    },
    { kind: 'spacer', height: 8 },
    {
      kind: 'table',
      columns: [{ header: th('participation.report.byResponse'), width: 4 }, { header: th('participation.report.proposals.header'), width: 2 }],
      rows: [
        ...RESPONSES.map((s) => [responseLabel('th', s), { text: digits(r.byResponse[s]), align: 'right' as const }]),
        [{ text: th('participation.report.total'), bold: true }, { text: digits(r.proposals), align: 'right', bold: true }],
      ],
    },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: th('participation.report.details') },
  );
  r.entries.forEach((e, i) => blocks.push(...entryBlocks(e, i + 1)));
  blocks.push({ kind: 'paragraph', content: th('participation.report.privacy'), size: 14 });
  return { title, author: agency, lang: 'th', pageNumbers: true, blocks };
}
