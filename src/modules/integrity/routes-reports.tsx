// Report previews (PDF and DOCX of today's data), publication, and the draft analysis of last year's results.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { yearParam } from '../../platform/http/params.ts';
import { translate } from '../../platform/i18n/index.ts';
import { integrityYears, REPORT_KINDS, type ReportKind } from './store.ts';
import { publishReport, renderReport } from './reports.ts';
import { MissingPage } from './views/public.tsx';

export function registerReportRoutes(app: FastifyInstance, p: Platform): void {
  const read = { preHandler: staffOnly('integrity.read') };
  const publishing = { preHandler: staffOnly('integrity.publish') };
  const reportKind = (req: FastifyRequest): ReportKind => {
    const k = (req.params as { kind: string }).kind;
    if (!(REPORT_KINDS as readonly string[]).includes(k)) throw new NotFoundError();
    return k as ReportKind;
  };

  for (const ext of ['pdf', 'docx'] as const) {
    app.get(`/staff/integrity/:year/report/:kind.${ext}`, read, async (req, reply) => {
      const year = yearParam(req);
      const kind = reportKind(req);
      const r = await renderReport(p, req.user!, year, kind, ext);
      if ('missing' in r) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: r.missing, years: await integrityYears(p.db, req.agency.id) }), 422);
      return reply
        .type(ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="integrity-${year}-${kind}.${ext}"`)
        .header('cache-control', 'private, no-store')
        .send(r.data);
    });
  }

  app.post('/staff/integrity/:year/report/:kind/publish', publishing, async (req, reply) => {
    const year = yearParam(req);
    const kind = reportKind(req);
    const r = await publishReport(p, req.user!, year, kind);
    if ('missing' in r) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: r.missing, years: await integrityYears(p.db, req.agency.id) }), 422);
    return redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.staff.published', { kind: translate(req.lang, `integrity.kind.${kind}`) });
  });
}
