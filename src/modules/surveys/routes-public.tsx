// Public routes, only while the EIT is open and has its link: /ita-survey (the link, code and QR code, and what the
// ITA is), /ita-survey/poster (A4, to print) and /ita-survey/poster.pdf. Outside the window, or before the link is
// set, they answer 404 with a plain reason and show no link. The poster's style sheet is always served.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { renderPublicPdf } from '../../platform/documents/index.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import { POSTER_CSS, POSTER_CSS_URL, posterDoc } from './poster.ts';
import { activeSurvey } from './public.ts';
import { qrEncodable } from './qr.ts';
import { PosterPage, PublicPage } from './views/public.tsx';

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  const eitNow = async (req: FastifyRequest) => {
    const eit = await activeSurvey(p.db, req.agency.id, 'eit', bangkokDay());
    if (!eit) throw new HttpError(404, 'surveys.public.closed.title', 'surveys.public.closed.body');
    return eit;
  };
  // every page here draws the link as a QR code: a link too long for one (the settings refuse it; one saved before,
  // or written to the database, may remain) gets a page that says so, not a server error
  const drawableNow = async (req: FastifyRequest) => {
    const eit = await eitNow(req);
    if (!qrEncodable(eit.url)) throw new HttpError(503, 'surveys.public.unusable.title', 'surveys.public.unusable.body');
    return eit;
  };

  app.get('/ita-survey', async (req, reply) => {
    const eit = await drawableNow(req);
    return sendHtml(reply, PublicPage({ ctx: viewCtx(req, reply), eit }));
  });
  app.get('/ita-survey/poster', async (req, reply) => {
    const eit = await drawableNow(req);
    return sendHtml(reply, PosterPage({ ctx: viewCtx(req, reply), eit, agency: req.agency.th.name, css: POSTER_CSS_URL }));
  });
  app.get('/ita-survey/poster.pdf', async (req, reply) => {
    const eit = await drawableNow(req);
    const pdf = await renderPublicPdf(await posterDoc(req.agency.th.name, eit));
    return reply.type('application/pdf').header('cache-control', 'no-cache').header('content-disposition', `inline; filename="eit-poster-${eit.year}.pdf"`).send(pdf);
  });
  // the URL carries the content's hash: kept for a year
  app.get('/ita-survey/poster.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(POSTER_CSS));
}
