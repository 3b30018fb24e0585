// The yearly report in the seed's structure, as one document model for PDF and DOCX.
import type { DbLike } from '../../platform/db/index.ts';
import type { Block, Cell, DocModel } from '../../platform/documents/index.ts';
import { translate, type MessageKey, type Vars } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { contentUrl, getContent } from '../publishing/index.ts';
import { listExecutives } from '../agency/index.ts';
import { getAgency } from '../../platform/tenant.ts';
import { fmtScore, levelOf } from './rules.ts';
import { getResult, rulesFor, yearPlan, type EvidenceRow, type Measure, type ReportKind } from './store.ts';

export interface Missing {
  key: MessageKey;
  vars?: Vars;
}

const th = (key: MessageKey, vars?: Vars) => translate('th', key, vars);

export function reportTitle(year: number, kind: ReportKind): string {
  return th(kind === 'annual' ? 'integrity.report.title' : 'integrity.report.title6', { year });
}

/** Where a piece of evidence lives, as an absolute URL. */
export async function evidenceUrl(db: DbLike, agencyId: number, e: EvidenceRow, baseUrl: string): Promise<string> {
  if (e.content_id) {
    const c = await getContent(db, agencyId, e.content_id);
    if (c) return `${baseUrl}${contentUrl(c.kind, c.slug)}`;
  }
  if (e.oit_year && e.oit_code) return `${baseUrl}/oit/${e.oit_year}/${encodeURIComponent(e.oit_code)}`;
  return e.url;
}

export async function whatIsMissing(db: DbLike, agencyId: number, year: number): Promise<Missing[]> {
  const missing: Missing[] = [];
  if (!(await getResult(db, agencyId, year))) missing.push({ key: 'integrity.missing.result', vars: { year } });
  const plan = await yearPlan(db, agencyId, year);
  if (!plan.issues.length) missing.push({ key: 'integrity.missing.issues', vars: { year } });
  else if (!plan.measures.length) missing.push({ key: 'integrity.missing.measures' });
  return missing;
}

function progressText(m: Measure, upTo: string | null, milestones: Array<{ measure_id: number; day: string; note: string; percent: number | null }>): string {
  const mine = milestones.filter((x) => x.measure_id === m.id && (!upTo || x.day <= upTo));
  const last = mine[mine.length - 1];
  const pct = upTo ? (last?.percent ?? (m.status === 'planned' ? 0 : m.percent)) : m.percent;
  const status = th(`integrity.status.${m.status as 'done'}`);
  return `${upTo ? `${th('integrity.public.progress', { percent: pct })}` : status}${last ? ` — ${last.note}` : ''}`;
}

/** The report as a document model, or what is still missing for it. */
export async function reportModel(db: DbLike, agencyId: number, year: number, kind: ReportKind, baseUrl: string): Promise<{ model: DocModel } | { missing: Missing[] }> {
  const missing = await whatIsMissing(db, agencyId, year);
  if (missing.length) return { missing };
  const [agency, result, rules, plan, execs] = await Promise.all([
    getAgency(db, agencyId),
    getResult(db, agencyId, year),
    rulesFor(db, agencyId, year),
    yearPlan(db, agencyId, year),
    listExecutives(db, agencyId),
  ]);
  const a = agency!;
  const r = result!;
  const level = levelOf(rules, r.total, r);
  const title = reportTitle(year, kind);
  const [line1, line2] = title.split(' ประจำปีงบประมาณ');
  // the six-month version reports what stood at the end of March
  const upTo = kind === 'six_month' ? `${year - 543}-03-31` : null;
  const head = execs.find((e) => e.side === 'political');
  const blocks: Block[] = [
    { kind: 'spacer', height: 160 },
    { kind: 'heading', level: 1, text: line1!, align: 'center' },
    { kind: 'heading', level: 1, text: `ประจำปีงบประมาณ${line2 ?? ''}`, align: 'center' },
    { kind: 'spacer', height: 60 },
    { kind: 'paragraph', content: a.name_th, align: 'center', size: 20 },
    { kind: 'paragraph', content: a.district_th, align: 'center', size: 18 },
    { kind: 'paragraph', content: `จังหวัด${a.province_th}`, align: 'center', size: 18 },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: title, align: 'center' },
    {
      kind: 'paragraph',
      indent: true,
      align: 'justify',
      content: th('integrity.public.opening', { agency: a.name_th, year: r.year, score: fmtScore(r.total), max: 100, level: level.level_th, meaning: level.meaning_th }),
    },
  ];
  const rows: Cell[][] = plan.issues.map((issue) => {
    const recs = plan.recommendations.filter((x) => x.issue_id === issue.id);
    const measures = plan.measures.filter((m) => m.issue_id === issue.id);
    const outcomes = plan.outcomes.filter((o) => o.issue_id === issue.id);
    const remarks = [issue.remarks, ...measures.map((m) => m.remarks)].filter(Boolean);
    return [
      { blocks: [{ kind: 'paragraph', content: [{ text: `${issue.no}. ${issue.title_th}`, bold: true }] }, ...(recs.length ? [{ kind: 'paragraph' as const, content: 'ข้อเสนอแนะ' }, { kind: 'list' as const, items: recs.map((x) => x.text_th) }] : [])] },
      { blocks: [{ kind: 'list', ordered: true, items: measures.map((m) => m.title_th) }] },
      { blocks: [{ kind: 'list', items: measures.map((m) => m.summary || progressText(m, upTo, plan.milestones)) }] },
      { blocks: outcomes.length ? [{ kind: 'list', items: outcomes.map((o) => o.text_th) }] : [{ kind: 'paragraph', content: '-' }] },
      remarks.join(' ') || '-',
    ];
  });
  blocks.push({
    kind: 'table',
    columns: [
      { header: th('integrity.col.issue'), width: 3.3 },
      { header: th('integrity.col.measure'), width: 3.3 },
      { header: th('integrity.col.summary'), width: 3 },
      { header: th('integrity.col.outcome'), width: 3 },
      { header: th('integrity.col.remarks'), width: 1.8 },
    ],
    rows,
    size: 12,
  });
  // part two: each outcome's evidence with its address and a QR code to it
  blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 2, text: title, align: 'center' }, { kind: 'paragraph', content: 'หลักฐานการดำเนินการ', align: 'center' });
  for (const issue of plan.issues) {
    blocks.push({ kind: 'heading', level: 3, text: `${issue.no}. ${issue.title_th}` });
    for (const o of plan.outcomes.filter((x) => x.issue_id === issue.id)) blocks.push({ kind: 'paragraph', content: `• ${o.text_th}` });
    for (const e of plan.evidence.filter((x) => x.issue_id === issue.id)) {
      const url = await evidenceUrl(db, agencyId, e, baseUrl);
      blocks.push({
        kind: 'keep',
        blocks: [
          { kind: 'paragraph', content: [{ text: e.title_th, bold: true }] },
          { kind: 'paragraph', content: [{ text: url, link: url }], size: 12 },
          { kind: 'qr', value: url, size: 64 },
        ],
      });
    }
  }
  blocks.push({ kind: 'signature', lines: ['ลงชื่อ ..................................................', head ? `(${head.name_th})` : '(..................................................)', head?.position_th ?? '', `วันที่ ${formatDate(new Date(), { style: 'long' })}`] });
  return { model: { title, subject: title, author: a.name_th, lang: 'th', pageNumbers: true, blocks } };
}
