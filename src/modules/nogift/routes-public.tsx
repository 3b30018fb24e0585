// Public routes: /no-gift (the current fiscal year), /no-gift/{yearBE} (another year), and the yearly report of gifts
// received at /no-gift/report/{yearBE}[.csv|.pdf].
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { renderPublicPdf } from '../../platform/documents/index.ts';
import { yearParam } from '../../platform/http/params.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { giftReport, reportCsv, reportDoc } from './report.ts';
import { getYear, yearsDeclared, yearsWithGifts } from './store.ts';
import { NoGiftPage, ReportPage } from './views/public.tsx';

// the files are the same in both languages (Thai); the pages follow the visitor's language cookie and are not cached
const FILE_CACHE = 'public, max-age=300';

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  const yearPage = async (req: FastifyRequest, reply: FastifyReply, year: number) => {
    const now = fiscalYear();
    const [row, declaredYears, giftYears] = await Promise.all([getYear(p.db, req.agency.id, year), yearsDeclared(p.db, req.agency.id), yearsWithGifts(p.db, req.agency.id)]);
    const reportYears = [...new Set([now - 1, ...giftYears])].sort((a, b) => b - a);
    return sendHtml(reply, NoGiftPage({ ctx: viewCtx(req, reply), year, row, current: year === now, declaredYears, reportYears }));
  };
  app.get('/no-gift', async (req, reply) => yearPage(req, reply, fiscalYear()));
  app.get('/no-gift/:year', async (req, reply) => yearPage(req, reply, yearParam(req)));

  const load = (req: FastifyRequest) => giftReport(p.db, req.agency.id, yearParam(req));
  const attach = (reply: FastifyReply, type: string, name: string) => reply.header('cache-control', FILE_CACHE).type(type).header('content-disposition', `inline; filename="${name}"`);

  app.get('/no-gift/report/:year', async (req, reply) => {
    const [r, giftYears] = await Promise.all([load(req), yearsWithGifts(p.db, req.agency.id)]);
    const years = [...new Set([fiscalYear() - 1, ...giftYears])].sort((a, b) => b - a);
    return sendHtml(reply, ReportPage({ ctx: viewCtx(req, reply), r, years }));
  });
  app.get('/no-gift/report/:year.csv', async (req, reply) => {
    const r = await load(req);
    return attach(reply, 'text/csv; charset=utf-8', `no-gift-report-${r.year}.csv`).send(reportCsv(r));
  });
  app.get('/no-gift/report/:year.pdf', async (req, reply) => {
    const r = await load(req);
    return attach(reply, 'application/pdf', `no-gift-report-${r.year}.pdf`).send(await renderPublicPdf(reportDoc(req.agency.th.name, r)));
  });
}
