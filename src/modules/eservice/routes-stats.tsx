// Public statistics at /e-service/statistics/{yearBE} (+ .csv and .pdf), for the year or a half or quarter of it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { renderPublicPdf } from '../../platform/documents/index.ts';
import { yearParam } from '../../platform/http/params.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { periodOf, yearStats } from './stats.ts';
import { statsCsv, statsReport } from './stats-docs.ts';
import { yearsWithRequests } from './store.ts';
import { StatsPage } from './views/stats.tsx';

const FILE_CACHE = 'public, max-age=300';

export function registerStatsRoutes(app: FastifyInstance, p: Platform): void {
  const load = (req: FastifyRequest) => yearStats(p.db, req.agency.id, yearParam(req), periodOf((req.query as { period?: unknown }).period));
  const attach = (reply: FastifyReply, type: string, name: string) => reply.header('cache-control', FILE_CACHE).type(type).header('content-disposition', `inline; filename="${name}"`);
  app.get('/e-service/statistics', async (_req, reply) => reply.redirect(`/e-service/statistics/${fiscalYear()}`, 303));
  app.get('/e-service/statistics/:year', async (req, reply) => {
    const [s, years] = await Promise.all([load(req), yearsWithRequests(p.db, req.agency.id)]);
    return sendHtml(reply, StatsPage({ ctx: viewCtx(req, reply), s, years: [...new Set([fiscalYear(), ...years])].sort((a, b) => b - a) }));
  });
  app.get('/e-service/statistics/:year.csv', async (req, reply) => {
    const s = await load(req);
    return attach(reply, 'text/csv; charset=utf-8', `e-service-statistics-${s.year}.csv`).send(statsCsv(s));
  });
  app.get('/e-service/statistics/:year.pdf', async (req, reply) => {
    // a PDF only for a year that has one to show: the set of documents a visitor can ask to be made stays small
    const year = yearParam(req);
    if (year !== fiscalYear() && !(await yearsWithRequests(p.db, req.agency.id)).includes(year)) throw new NotFoundError();
    const s = await load(req);
    return attach(reply, 'application/pdf', `e-service-statistics-${s.year}.pdf`).send(await renderPublicPdf(statsReport(req.agency.th.name, s)));
  });
}
