// Public pages: the ITA results of every year, a year's summary, and the published reports at their stable URLs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { yearParam } from '../../platform/http/params.ts';
import { sendStoredFile } from '../../platform/files/routes.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import type { Lang } from '../../platform/i18n/index.ts';
import { getResult, integrityYears, listReports, listResults, publishedReportFile, REPORT_KINDS, rulesFor, yearPlan, type ReportKind, type Result } from './store.ts';
import { whatIsMissing } from './report.ts';
import { levelIn, levelOf } from './rules.ts';
import { IntegrityIndexPage, IntegrityYearPage, MissingPage } from './views/public.tsx';

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  /** Each result's level as the rules of its year name it, in the visitor's language. */
  const levelNames = async (results: Result[], agencyId: number, lang: Lang): Promise<Map<number, string>> =>
    new Map(await Promise.all(results.map(async (r) => {
      const level = levelOf(await rulesFor(p.db, agencyId, r.year), r.total, r);
      return [r.year, levelIn(level, lang).name] as const;
    })));

  app.get('/integrity', async (req, reply) => {
    const ctx = viewCtx(req, reply);
    const agencyId = req.agency.id;
    const [years, results, reports] = await Promise.all([integrityYears(p.db, agencyId), listResults(p.db, agencyId), listReports(p.db, agencyId)]);
    const levels = await levelNames(results, agencyId, ctx.lang);
    const all = [...new Set([...years, ...results.map((r) => r.year), ...reports.map((r) => r.year)])].sort((a, b) => b - a);
    const cards = all.map((year) => {
      const r = results.find((x) => x.year === year);
      return { year, result: r ? { total: r.total, level: levels.get(year) ?? r.level_th } : null, reports: reports.filter((x) => x.year === year) };
    });
    return sendHtml(reply, IntegrityIndexPage({ ctx, cards }));
  });

  const missing = async (req: FastifyRequest, reply: FastifyReply, year: number) =>
    sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: await whatIsMissing(p.db, req.agency.id, year), years: await integrityYears(p.db, req.agency.id) }), 404);

  app.get('/integrity/:year', async (req, reply) => {
    const year = yearParam(req);
    const [result, plan, reports, results] = await Promise.all([getResult(p.db, req.agency.id, year), yearPlan(p.db, req.agency.id, year), listReports(p.db, req.agency.id), listResults(p.db, req.agency.id)]);
    if (!result && !plan.issues.length) return missing(req, reply, year);
    const ctx = viewCtx(req, reply);
    return sendHtml(reply, IntegrityYearPage({ ctx, year, result: result ?? null, rules: await rulesFor(p.db, req.agency.id, year), plan, reports: reports.filter((r) => r.year === year), results, levels: await levelNames(results, req.agency.id, ctx.lang), today: bangkokDay() }));
  });

  /** A published report's frozen file, at its stable address (one lookup); otherwise a Thai page saying what is missing. */
  const servePublished = (kind: ReportKind, ext: 'pdf' | 'docx') => async (req: FastifyRequest, reply: FastifyReply) => {
    const year = yearParam(req);
    const file = await publishedReportFile(p.db, req.agency.id, year, kind, ext);
    return file ? sendStoredFile(p, req, reply, file, 'public') : missing(req, reply, year);
  };
  for (const kind of REPORT_KINDS) {
    const base = kind === 'annual' ? 'report' : 'report-6-months';
    app.get(`/integrity/:year/${base}.pdf`, servePublished(kind, 'pdf'));
    app.get(`/integrity/:year/${base}.docx`, servePublished(kind, 'docx'));
  }
}
