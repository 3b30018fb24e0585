// /open-data lists the datasets modules declare; each downloads as CSV, JSON and a DCAT description.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { NotFoundError } from '../http/errors.ts';
import { sendHtml, viewCtx } from '../http/render.ts';
import { dcat, getDataset, listDatasets, toCsv, toJson } from './index.ts';
import { OpenDataPage } from './view.tsx';

export function registerOpenDataRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/open-data', async (req, reply) => {
    const datasets = await Promise.all(listDatasets().map(async (d) => ({ d, rows: (await d.rows(p.db, req.agency.id)).length })));
    return sendHtml(reply, OpenDataPage({ ctx: viewCtx(req, reply), datasets }));
  });

  app.get('/open-data/:file', async (req, reply) => {
    const m = /^([a-z0-9-]+)\.(csv|json|jsonld)$/.exec((req.params as { file: string }).file);
    const d = m ? getDataset(m[1]!) : undefined;
    if (!m || !d) throw new NotFoundError();
    const rows = await d.rows(p.db, req.agency.id);
    reply.header('cache-control', 'public, max-age=300');
    if (m[2] === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${d.key}.csv"`).send(toCsv(d, rows));
    if (m[2] === 'json') return reply.type('application/json; charset=utf-8').send(toJson(d, rows));
    const site = req.agency;
    return reply.type('application/ld+json; charset=utf-8').send(dcat(d, { name: { th: site.th.name, en: site.en.name }, baseUrl: site.url }, rows.length, new Date().toISOString()));
  });
}
