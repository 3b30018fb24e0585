// Statistics: public (small counts hidden) at /complaints/statistics/{yearBE}[.csv|.pdf]; every count for staff, with
// the memo to the head of the agency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { renderDocx, renderPdf, renderPublicPdf } from '../../platform/documents/index.ts';
import { yearParam } from '../../platform/http/params.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { headOfAgency } from '../agency/index.ts';
import { STATS } from './access.ts';
import { fiscalStats, yearsWithCases } from './stats.ts';
import { statsCsv, statsMemo, statsReport } from './stats-docs.ts';
import { periodOf, StatsPage } from './views/stats.tsx';

const PUBLIC_CACHE = 'public, max-age=300';

export function registerStatsRoutes(app: FastifyInstance, p: Platform): void {
  const min = p.config.complaints.statsMin;
  const load = (req: FastifyRequest) => fiscalStats(p.db, req.agency.id, yearParam(req));
  const period = (req: FastifyRequest) => periodOf((req.query as { period?: unknown }).period);
  const fileName = (req: FastifyRequest, ext: string) => `complaint-statistics-${yearParam(req)}.${ext}`;
  const attach = (reply: FastifyReply, type: string, name: string) => reply.type(type).header('content-disposition', `inline; filename="${name}"`);

  app.get('/complaints/statistics/:year', async (req, reply) => {
    const [f, years] = await Promise.all([load(req), yearsWithCases(p.db, req.agency.id)]);
    return sendHtml(reply.header('cache-control', PUBLIC_CACHE), StatsPage({ ctx: viewCtx(req, reply), f, period: period(req), min, years }));
  });
  app.get('/complaints/statistics/:year.csv', async (req, reply) => attach(reply.header('cache-control', PUBLIC_CACHE), 'text/csv; charset=utf-8', fileName(req, 'csv')).send(statsCsv(await load(req), period(req), min)));
  app.get('/complaints/statistics/:year.pdf', async (req, reply) => attach(reply.header('cache-control', PUBLIC_CACHE), 'application/pdf', fileName(req, 'pdf')).send(await renderPublicPdf(statsReport(viewCtx(req, reply).site.name, await load(req), period(req), min))));

  const staff = { preHandler: staffOnly(STATS) };
  app.get('/staff/complaints/statistics/:year', staff, async (req, reply) => {
    const [f, years] = await Promise.all([load(req), yearsWithCases(p.db, req.agency.id)]);
    return sendHtml(reply, StatsPage({ ctx: viewCtx(req, reply), f, period: period(req), min: null, years, staff: true }));
  });
  app.get('/staff/complaints/statistics/:year.csv', staff, async (req, reply) => attach(reply, 'text/csv; charset=utf-8', fileName(req, 'csv')).send(statsCsv(await load(req), period(req), null)));
  app.get('/staff/complaints/statistics/:year.pdf', staff, async (req, reply) => attach(reply, 'application/pdf', fileName(req, 'pdf')).send(await renderPdf(statsReport(viewCtx(req, reply).site.name, await load(req), period(req), null))));
  const memo = async (req: FastifyRequest) => statsMemo(req.agency.th.name, await headOfAgency(p.db, req.agency.id), req.user!.displayName, await load(req), period(req));
  app.get('/staff/complaints/statistics/:year/memo.docx', staff, async (req, reply) =>
    attach(reply, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `complaint-memo-${yearParam(req)}.docx`).send(await renderDocx(await memo(req))));
  app.get('/staff/complaints/statistics/:year/memo.pdf', staff, async (req, reply) => attach(reply, 'application/pdf', `complaint-memo-${yearParam(req)}.pdf`).send(await renderPdf(await memo(req))));
}
