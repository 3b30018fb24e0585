// The corruption risk register, the anti-corruption action plan and ethics activities, with their reports
// made as draft documents (with a generated PDF) for the publishing workflow.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { tx } from '../../platform/db/index.ts';
import { renderPdf, type Block } from '../../platform/documents/index.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { formatNumber, translate, type MessageKey } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { createContent, addAttachmentToContent } from '../publishing/index.ts';
import { getAgency } from '../../platform/tenant.ts';
import type { EthicsActivity, Project, Risk } from './store.ts';

export const PROCESSES = ['disbursement', 'procurement', 'permits', 'assets', 'personnel', 'other'] as const;
export const RISK_STATUSES = ['open', 'mitigated', 'closed'] as const;
export const ETHICS_KINDS = ['code', 'activity', 'assessment'] as const;
export const PERIODS = ['six_month', 'annual'] as const;

export type RiskLevel = 'low' | 'medium' | 'high' | 'very_high';
/** likelihood × impact, both 1–5: up to 3 low, 8 medium, 14 high, above very high. */
export function riskLevel(likelihood: number, impact: number): RiskLevel {
  const s = likelihood * impact;
  return s <= 3 ? 'low' : s <= 8 ? 'medium' : s <= 14 ? 'high' : 'very_high';
}

const th = (k: MessageKey, v?: Record<string, string | number>) => translate('th', k, v);

type Table = 'integrity_risk' | 'integrity_project' | 'ethics_activity';

async function save<T extends object>(p: Platform, actor: CurrentUser, table: Table, year: number, id: number | null, values: T, label: string): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  return tx(p.db, async (t) => {
    const row = { ...values, updated_at: new Date().toISOString() };
    let savedId = id;
    if (id === null) savedId = (await t.k.insertInto(table).values({ ...row, agency_id: actor.agencyId, year } as never).returning('id').executeTakeFirstOrThrow()).id;
    else {
      const r = await t.k.updateTable(table).set(row as never).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw new NotFoundError();
    }
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: `integrity.${table.replace('integrity_', '').replace('_activity', '')}.${id === null ? 'create' : 'update'}`, targetType: table, targetId: savedId!, summary: label.slice(0, 200) });
    return savedId!;
  });
}

export interface RiskInput { process: string; title_th: string; likelihood: number; impact: number; controls: string; mitigation: string; owner_name: string; due_date: string | null; follow_up: string; status: string }
export const saveRisk = (p: Platform, a: CurrentUser, year: number, id: number | null, v: RiskInput) => save(p, a, 'integrity_risk', year, id, v, `${v.process}: L${v.likelihood}×I${v.impact}`);

export interface ProjectInput { title_th: string; objective: string; target: string; budget_satang: number; spent_satang: number; owner_name: string; percent: number; result: string }
export const saveProject = (p: Platform, a: CurrentUser, year: number, id: number | null, v: ProjectInput) => save(p, a, 'integrity_project', year, id, v, `${v.percent}%`);

export interface EthicsInput { kind: string; title_th: string; day: string; participants: number; result: string }
export const saveEthics = (p: Platform, a: CurrentUser, year: number, id: number | null, v: EthicsInput) => save(p, a, 'ethics_activity', year, id, v, v.kind);

export async function listRisks(p: Platform, agencyId: number, year: number): Promise<Risk[]> {
  return p.db.k.selectFrom('integrity_risk').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('id').execute();
}
export async function listProjects(p: Platform, agencyId: number, year: number): Promise<Project[]> {
  return p.db.k.selectFrom('integrity_project').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('id').execute();
}
export async function listEthics(p: Platform, agencyId: number, year: number): Promise<EthicsActivity[]> {
  return p.db.k.selectFrom('ethics_activity').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('day').orderBy('id').execute();
}

/** Makes a draft document with the report as its PDF; approval and publication go through publishing. */
async function draftReport(p: Platform, actor: CurrentUser, year: number, title: string, category: 'risk' | 'report_6m' | 'report_annual' | 'ethics', blocks: Block[]): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  const agency = (await getAgency(p.db, actor.agencyId))!;
  const pdf = await renderPdf({ title, blocks: [{ kind: 'heading', level: 1, text: title, align: 'center' }, { kind: 'paragraph', content: agency.name_th, align: 'center' }, ...blocks] });
  // the PDF is stored first; the document and its attachment then commit together, or neither does (nor the PDF)
  const file = await p.files.putGenerated(`${title}.pdf`, pdf, 'pdf');
  const id = await p.files.keepIf([file], () => tx(p.db, async (t) => {
    const contentId = await createContent(p, actor, {
      kind: 'document', slug: '', title_th: title, title_en: '', summary_th: title, summary_en: '', body_format: 'markdown',
      body_th: `${title}\n\nรายละเอียดอยู่ในไฟล์แนบ (จัดทำเมื่อ ${formatDate(new Date())})`, body_en: '', category, fiscal_year: year, period: null,
      is_signoff_required: false, signoff_name: '', signoff_position: '', signoff_date: null,
    }, null, t);
    await addAttachmentToContent(p, actor, contentId, file, `${title} (PDF)`, t);
    return contentId;
  }));
  return id;
}

export async function draftRiskReport(p: Platform, actor: CurrentUser, year: number, period: (typeof PERIODS)[number]): Promise<number> {
  const risks = await listRisks(p, actor.agencyId, year);
  const title = th('integrity.risk.reportTitle', { period: th(`integrity.period.${period}`), year });
  return draftReport(p, actor, year, title, 'risk', [
    {
      kind: 'table',
      size: 12,
      columns: [
        { header: th('integrity.risk.process'), width: 1.4 }, { header: th('integrity.risk.title'), width: 2.4 }, { header: th('integrity.risk.level'), width: 1.2 },
        { header: th('integrity.risk.mitigation'), width: 2.4 }, { header: th('integrity.risk.owner'), width: 1.5 }, { header: th('integrity.risk.followUp'), width: 2 },
      ],
      rows: risks.map((r) => [th(`integrity.risk.proc.${r.process as 'other'}`), r.title_th, `${th(`integrity.risk.lv.${riskLevel(r.likelihood, r.impact)}`)} (${r.likelihood}×${r.impact})`, r.mitigation, r.owner_name, `${th(`integrity.risk.status.${r.status as 'open'}`)}${r.follow_up ? ` — ${r.follow_up}` : ''}`]),
    },
  ]);
}

export async function draftPlanReport(p: Platform, actor: CurrentUser, year: number, period: (typeof PERIODS)[number]): Promise<number> {
  const projects = await listProjects(p, actor.agencyId, year);
  const title = th('integrity.project.reportTitle', { period: th(`integrity.period.${period}`), year });
  const budget = projects.reduce((a, x) => a + Number(x.budget_satang), 0);
  const spent = projects.reduce((a, x) => a + Number(x.spent_satang), 0);
  return draftReport(p, actor, year, title, period === 'annual' ? 'report_annual' : 'report_6m', [
    { kind: 'paragraph', content: th('integrity.project.total', { n: projects.length, budget: formatNumber('th', budget / 100, 2), spent: formatNumber('th', spent / 100, 2) }) },
    {
      kind: 'table',
      size: 12,
      columns: [
        { header: th('integrity.project.title'), width: 2.6 }, { header: th('integrity.project.target'), width: 2 }, { header: th('integrity.project.budget'), width: 1.2 },
        { header: th('integrity.project.spent'), width: 1.2 }, { header: th('integrity.project.percent'), width: 1 }, { header: th('integrity.project.result'), width: 2.2 },
      ],
      rows: projects.map((x) => [x.title_th, x.target, formatNumber('th', Number(x.budget_satang) / 100, 2), formatNumber('th', Number(x.spent_satang) / 100, 2), `${x.percent}%`, x.result || '-']),
    },
  ]);
}

export async function draftEthicsReport(p: Platform, actor: CurrentUser, year: number): Promise<number> {
  const rows = await listEthics(p, actor.agencyId, year);
  const title = th('integrity.ethics.reportTitle', { year });
  return draftReport(p, actor, year, title, 'ethics', [
    {
      kind: 'table',
      size: 12,
      columns: [{ header: th('integrity.ethics.kind'), width: 1.5 }, { header: th('integrity.ethics.title'), width: 3 }, { header: th('integrity.ethics.day'), width: 1.3 }, { header: th('integrity.ethics.participants'), width: 1 }, { header: th('integrity.ethics.result'), width: 2.5 }],
      rows: rows.map((x) => [th(`integrity.ethics.kind.${x.kind as 'code'}`), x.title_th, formatDate(x.day), x.participants ? String(x.participants) : '-', x.result || '-']),
    },
  ]);
}
