// Public routes: the catalogue, each service's manual (page, PDF, DOCX, one-page summary, blank form), the request
// form and its confirmation, tracking with the code (answering, rating), the user guide and the poster. No login.
// Pages with what someone typed or reads with their code are never cached and send no referrer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { renderPublicDocx, renderPublicPdf } from '../../platform/documents/index.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { textQuery } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { translate, type Lang } from '../../platform/i18n/index.ts';
import { takeAttempt, throttleKey } from '../../platform/throttle.ts';
import { addressGroup } from '../../platform/http/address.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import type { UploadPart } from '../../platform/files/index.ts';
import { listDivisions } from '../agency/index.ts';
import { eitBlock } from '../surveys/index.ts';
import { blankFormDoc, guideDoc, guideSections, manualDoc, posterDoc, summaryDoc, unitName, type DivisionNames } from './docs.ts';
import { answerSchema, answersFrom, fieldName, rateSchema, requestSchema } from './forms.ts';
import { MAX_FILE_BYTES, MAX_FILES, SLUG_RE } from './kinds.ts';
import { answerInfo, rate, submitRequest } from './requests.ts';
import { allDefs, answersOf, eventsOf, requestSteps, serviceDef, serviceNames, type Request, type ServiceDef } from './store.ts';
import { stepLabel, stepTimings } from './timing.ts';
import { findByCode } from './tracking.ts';
import { CataloguePage, ConfirmationPage, GuidePage, RequestFormPage, ServicePage, TrackLookupPage, TrackPage, type TrackView } from './views/public.tsx';

/** Requests per address: 5 in 10 minutes and 30 a day; for everyone 2,000 an hour (a flood cannot fill the disk). */
export const SUBMIT_PER_IP = 5;
export const SUBMIT_PER_IP_DAY = 30;
/** requests an hour from one IPv6 /48 */
export const SUBMIT_PER_48_HOUR = 50;

const FILE_CACHE = 'public, max-age=300';
const privatePage = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

export async function divisionNames(p: Platform, agencyId: number, lang: Lang): Promise<DivisionNames> {
  return new Map((await listDivisions(p.db, agencyId)).map((d) => [d.id, (lang === 'en' && d.name_en) || d.name_th]));
}

export const requestUpload = { maxFiles: MAX_FILES, maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: MAX_FILES * MAX_FILE_BYTES };

/** The files of a request form by field key; an empty file input is not a file. */
export function filesByKey(def: ServiceDef, files: Record<string, UploadPart>): Record<string, UploadPart> {
  const out: Record<string, UploadPart> = {};
  for (const f of def.fields) {
    if (f.kind !== 'file') continue;
    const part = chosenFile(files, fieldName(f.field_key));
    if (part) out[f.field_key] = part;
  }
  return out;
}

/** What the holder of the code sees: the steps timed, the history with the notes written to them, their answers. */
export async function trackView(p: Platform, r: Request, code: string, lang: Lang): Promise<TrackView> {
  const [steps, events, service] = await Promise.all([
    requestSteps(p.db, r.id),
    eventsOf(p.db, r.id),
    serviceNames(p.db, r.service_id),
  ]);
  const question = [...events].reverse().find((e) => e.kind === 'info_requested')?.note ?? null;
  return {
    code, r, def: service, steps: stepTimings(r, steps), answers: answersOf(r), question: r.status === 'info_requested' ? question : null,
    history: events.map((e) => ({ at: e.at, kind: e.kind, position: e.position, note: e.note, stepName: e.position !== null ? stepLabel(steps[e.position], lang) : undefined, file: e.file_name ? { name: e.file_name } : null })),
  };
}

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  const attach = (reply: FastifyReply, type: string, name: string) => reply.header('cache-control', FILE_CACHE).type(type).header('content-disposition', `inline; filename="${name}"`);
  const PDF = 'application/pdf';
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  /** A published service by the slug in the path; anything else is a 404. */
  const published = async (req: FastifyRequest): Promise<ServiceDef> => {
    const slug = (req.params as { slug?: string }).slug ?? '';
    if (!SLUG_RE.test(slug) || slug.length > 80) throw new NotFoundError();
    const def = await serviceDef(p.db, req.agency.id, { slug });
    if (!def || !def.service.is_published) throw new NotFoundError();
    return def;
  };

  app.get('/e-service', async (req, reply) => sendHtml(reply, CataloguePage({ ctx: viewCtx(req, reply), defs: await allDefs(p.db, req.agency.id, { publishedOnly: true }) })));

  // ---- tracking ----
  const lookupPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => sendHtml(privatePage(reply), TrackLookupPage({ ctx: viewCtx(req, reply), form }), status);
  const trackPage = async (req: FastifyRequest, reply: FastifyReply, r: Request, code: string, form: FormState = emptyForm(), status = 200) => {
    const ctx = viewCtx(req, reply);
    // the ITA survey's EIT link and QR code, while it is open (surveys module)
    return sendHtml(privatePage(reply), TrackPage({ ctx, v: await trackView(p, r, code, req.lang), form, safeEit: await eitBlock(p, ctx) }), status);
  };

  /** The request the typed code opens, or the lookup page again with what went wrong (the code is not typed back). */
  const byCode = async (req: FastifyRequest, reply: FastifyReply, typed: string): Promise<{ r: Request; code: string } | null> => {
    const found = await findByCode(p, req.agency.id, typed, req.ip);
    if (found.ok) return found;
    const message = found.reason === 'throttled' ? translate(req.lang, 'eservice.track.throttled', { minutes: found.minutes ?? 1 }) : translate(req.lang, found.reason === 'format' ? 'eservice.track.format' : 'eservice.track.unknown');
    await lookupPage(req, reply, { values: {}, errors: { code: message } }, found.reason === 'throttled' ? 429 : found.reason === 'format' ? 422 : 404);
    return null;
  };

  app.get('/e-service/track', async (req, reply) => {
    const typed = textQuery((req.query as { code?: unknown }).code, 60);
    if (!typed) return lookupPage(req, reply, emptyForm());
    const found = await byCode(req, reply, typed);
    return found ? trackPage(req, reply, found.r, found.code) : reply;
  });

  app.post('/e-service/track/answer', uploadRoute({ limits: { maxFiles: 1, maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: MAX_FILE_BYTES } }), async (req, reply) => {
    const { fields, files } = req.upload!;
    const found = await byCode(req, reply, typeof fields.code === 'string' ? fields.code : '');
    if (!found) return reply;
    return handleForm(req, {
      schema: answerSchema,
      body: fields,
      run: (d) => answerInfo(p, req.agency.id, found.r.id, d.answer, chosenFile(files, 'file')),
      done: () => redirectWithFlash(reply, `/e-service/track?code=${encodeURIComponent(found.code)}`, 'success', 'eservice.track.answered'),
      fail: (form) => trackPage(req, reply, found.r, found.code, form, 422),
    });
  });

  app.post('/e-service/track/rate', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const found = await byCode(req, reply, typeof body.code === 'string' ? body.code : '');
    if (!found) return reply;
    return handleForm(req, {
      schema: rateSchema,
      run: (d) => rate(p, req.agency.id, found.r.id, Number(d.rating), d.comment),
      done: () => redirectWithFlash(reply, `/e-service/track?code=${encodeURIComponent(found.code)}#rate`, 'success', 'eservice.rate.saved'),
      fail: (form) => trackPage(req, reply, found.r, found.code, form, 422),
    });
  });

  // ---- the user guide and the poster ----
  const defsFor = (req: FastifyRequest) => allDefs(p.db, req.agency.id, { publishedOnly: true });
  app.get('/e-service/guide', async (req, reply) => {
    const ctx = viewCtx(req, reply);
    return sendHtml(reply, GuidePage({ ctx, sections: guideSections(req.lang, ctx.site.name, req.agency.url, await defsFor(req)) }));
  });
  app.get('/e-service/guide.pdf', async (req, reply) => attach(reply, PDF, 'e-service-guide.pdf').send(await renderPublicPdf(guideDoc(req.agency.th.name, req.agency.url, await defsFor(req)))));
  app.get('/e-service/guide.docx', async (req, reply) => attach(reply, DOCX, 'e-service-guide.docx').send(await renderPublicDocx(guideDoc(req.agency.th.name, req.agency.url, await defsFor(req)))));
  app.get('/e-service/poster.pdf', async (req, reply) =>
    attach(reply, PDF, 'e-service-poster.pdf').send(await renderPublicPdf(posterDoc(req.agency.th, req.agency.url, (await defsFor(req)).map((d) => d.service.name_th)))));

  // ---- a service: its manual, documents and request form ----
  const units = async (req: FastifyRequest, def: ServiceDef, lang: Lang) => {
    const names = await divisionNames(p, req.agency.id, lang);
    const agency = req.agency[lang].name;
    return { names, unit: unitName(names, def.service.division_id, agency), stepUnits: def.steps.map((s) => unitName(names, s.division_id ?? def.service.division_id, agency)) };
  };
  app.get('/e-service/:slug', async (req, reply) => {
    const def = await published(req);
    const u = await units(req, def, req.lang);
    return sendHtml(reply, ServicePage({ ctx: viewCtx(req, reply), def, unit: u.unit, stepUnits: u.stepUnits }));
  });
  const doc = async (req: FastifyRequest) => {
    const def = await published(req);
    return { def, names: (await units(req, def, 'th')).names, agency: req.agency.th.name };
  };
  app.get('/e-service/:slug/manual.pdf', async (req, reply) => {
    const d = await doc(req);
    return attach(reply, PDF, `manual-${d.def.service.slug}.pdf`).send(await renderPublicPdf(manualDoc(d.def, d.agency, d.names, req.agency.url)));
  });
  app.get('/e-service/:slug/manual.docx', async (req, reply) => {
    const d = await doc(req);
    return attach(reply, DOCX, `manual-${d.def.service.slug}.docx`).send(await renderPublicDocx(manualDoc(d.def, d.agency, d.names, req.agency.url)));
  });
  app.get('/e-service/:slug/summary.pdf', async (req, reply) => {
    const d = await doc(req);
    return attach(reply, PDF, `summary-${d.def.service.slug}.pdf`).send(await renderPublicPdf(summaryDoc(d.def, d.agency, d.names, req.agency.url)));
  });
  app.get('/e-service/:slug/form.pdf', async (req, reply) => {
    const d = await doc(req);
    return attach(reply, PDF, `form-${d.def.service.slug}.pdf`).send(await renderPublicPdf(blankFormDoc(d.def, d.agency)));
  });

  const formPage = (req: FastifyRequest, reply: FastifyReply, def: ServiceDef, form: FormState, status = 200) =>
    sendHtml(privatePage(reply), RequestFormPage({ ctx: viewCtx(req, reply), def, form }), status);
  app.get('/e-service/:slug/request', async (req, reply) => formPage(req, reply, await published(req), emptyForm()));

  // a service that is not published is a 404 before a byte of a file is read
  app.post('/e-service/:slug/request', uploadRoute({ preHandler: async (req) => void (await published(req)), limits: requestUpload }), async (req, reply) => {
    const def = await published(req);
    const { fields, files } = req.upload!;
    const schema = requestSchema(def, 'online');
    const f = parseForm(req.lang, schema, fields);
    if (!f.ok) return formPage(req, reply, def, f, 422);
    // counted once the form is right: a typo never uses up an address's quota
    const taken = await takeAttempt(p.db, [
      { key: throttleKey(p.keys, 'eservice-submit-ip', addressGroup(req.ip)), max: SUBMIT_PER_IP, windowMs: 10 * 60_000 },
      { key: throttleKey(p.keys, 'eservice-submit-ip-day', addressGroup(req.ip)), max: SUBMIT_PER_IP_DAY, windowMs: 24 * 3600_000 },
      // one IPv6 site (a /48 holds 65,536 /64s) cannot use up the hour for everyone below by itself
      { key: throttleKey(p.keys, 'eservice-submit-48', addressGroup(req.ip, 48)), max: SUBMIT_PER_48_HOUR, windowMs: 3600_000 },
      { key: throttleKey(p.keys, 'eservice-submit-all', req.agency.id), max: 2000, windowMs: 3600_000 },
    ]);
    if (!taken.ok) {
      const minutes = Math.max(1, Math.ceil(taken.waitMs / 60_000));
      return formPage(req, reply, def, { values: formValues(fields), errors: { _form: translate(req.lang, 'eservice.err.throttled', { minutes }) } }, 429);
    }
    return handleForm(req, {
      schema,
      body: fields,
      run: (d) => {
        const data = d as Record<string, unknown> & { name: string; email: string; phone: string };
        return submitRequest(p, req.agency.id, def, { channel: 'online', requester: { name: data.name, email: data.email, phone: data.phone }, answers: answersFrom(def, data), files: filesByKey(def, files) }, null);
      },
      done: async (r) => {
        const ctx = viewCtx(req, reply);
        return sendHtml(privatePage(reply), ConfirmationPage({ ctx, def, number: r.number, code: r.code, at: new Date().toISOString(), dueAt: r.dueAt, email: !!(fields.email && String(fields.email).trim()), safeEit: await eitBlock(p, ctx) }));
      },
      fail: (form) => formPage(req, reply, def, form, 422),
    });
  });
}
