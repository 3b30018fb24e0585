// Public complaint pages. Nothing here records who is asking: no address or device is stored with a case, throttles
// keep only HMACs of addresses, and pages with what someone typed or reads are never cached.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { idParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { translate } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import type { UploadPart } from '../../platform/files/index.ts';
import { wipe } from '../../platform/vault/box.ts';
import { intakeReady } from './access.ts';
import { addressThrottle, type MemoryRule } from '../../platform/http/address-throttle.ts';
import { openJson, place } from './crypto.ts';
import { caseSchema, followSchema, identityOf, replySchema, reportOf } from './forms.ts';
import { complainantReply, currentVisit, endVisit, openVisit, setVisitCookie } from './follow.ts';
import { guideline } from './guideline.ts';
import { openFile, type FileMeta } from './handling.ts';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, submitCase, type Report } from './intake.ts';
import { LANES, type Lane } from './kinds.ts';
import { filesOf, messagesOf, statusHistory } from './store.ts';
import { CasePage, ComplaintFormPage, ComplaintsIndexPage, FollowPage, GuidelinePage, ReceiptPage, type ComplainantView } from './views/public.tsx';

/** Submissions per address (or IPv6 /64): 5 in 10 minutes and 20 a day; for everyone 1,000 an hour per lane (below). */
export const SUBMIT_PER_IP = 5;
/**
 * Cases an hour from everyone, in each lane: a flood cannot fill the disk, and a flood of general complaints cannot
 * close the corruption lane (nor the other way round).
 */
export const laneHour = (agencyId: number, lane: Lane): MemoryRule => ({ name: `submit-all:${agencyId}:${lane}`, max: 1000, windowMs: 3600_000 });
/** Replies with files per address: 10 in 10 minutes (each case also has its own daily and total caps). */
export const REPLIES_PER_IP = 10;
/** cases an hour from one IPv6 /48 (a site's allocation, 65,536 /64s) */
export const SUBMIT_PER_48_HOUR = 30;

const private_ = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export const laneOf = (req: FastifyRequest): Lane | null => {
  const t = (req.query as { type?: unknown }).type;
  return typeof t === 'string' && (LANES as readonly string[]).includes(t) ? (t as Lane) : null;
};

/** The files of a form, file1 … file3, in order; an empty file input is not a file. */
export const filesFrom = (files: Record<string, UploadPart>): UploadPart[] =>
  Array.from({ length: MAX_FILES }, (_, i) => chosenFile(files, `file${i + 1}`)).filter((f): f is UploadPart => f !== null);

// in memory: a plain copy of a confidential file never touches the disk, not even as a temporary file; past the total,
// the form is still read so that the refusal is a message on the file's field with what was typed kept
export const caseUpload = { maxFiles: MAX_FILES, maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: MAX_TOTAL_BYTES, inMemory: true, markOverTotal: true };

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  const settings = p.config.complaints;

  app.get('/complaints', async (req, reply) =>
    sendHtml(reply, ComplaintsIndexPage({ ctx: viewCtx(req, reply), nacc: settings.naccUrl, pacc: settings.paccUrl, ready: await intakeReady(p.db, req.agency.id) })),
  );

  const formPage = (req: FastifyRequest, reply: FastifyReply, lane: Lane, form: FormState, status = 200) =>
    sendHtml(private_(reply), ComplaintFormPage({ ctx: viewCtx(req, reply), form, lane, retentionDays: settings.retentionDays }), status);

  app.get('/complaints/new', async (req, reply) => {
    const lane = laneOf(req);
    if (!lane) return reply.redirect('/complaints', 303);
    return formPage(req, reply, lane, emptyForm());
  });

  app.post('/complaints/new', uploadRoute({ limits: caseUpload }), async (req, reply) => {
    const lane = laneOf(req);
    if (!lane) throw new NotFoundError();
    const { fields, files } = req.upload!;
    const f = parseForm(req.lang, caseSchema(lane), fields);
    if (!f.ok) return formPage(req, reply, lane, f, 422);
    const mine = await addressThrottle(p).take(req.ip, [
      { name: `submit:${req.agency.id}`, max: SUBMIT_PER_IP, windowMs: 10 * 60_000 },
      { name: `submit-day:${req.agency.id}`, max: 20, windowMs: 24 * 3600_000 },
      // the addresses of one IPv6 site cannot use up the hour for everyone below by themselves
      { name: `submit-48:${req.agency.id}`, max: SUBMIT_PER_48_HOUR, windowMs: 3600_000, v6Prefix: 48 },
    ]);
    const taken = mine.ok ? await addressThrottle(p).take('*', [laneHour(req.agency.id, lane)]) : mine;
    const values = formValues(fields);
    if (!taken.ok) {
      const minutes = Math.max(1, Math.ceil(taken.waitMs / 60_000));
      return formPage(req, reply, lane, { values, errors: { _form: translate(req.lang, 'complaints.err.throttled', { minutes }) } }, 429);
    }
    return handleForm(req, {
      schema: caseSchema(lane),
      body: fields,
      run: (d) => submitCase(p, req.agency.id, { lane, category: d.category, channel: 'web', report: reportOf(d), identity: identityOf(d) }, filesFrom(files), null),
      done: (r) => sendHtml(private_(reply), ReceiptPage({ ctx: viewCtx(req, reply), receipt: r.receipt, lane, at: r.at, ackDays: settings.ackDays })),
      fail: (form) => formPage(req, reply, lane, form, 422),
    });
  });

  // ---- following a case ----
  const followPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => sendHtml(private_(reply), FollowPage({ ctx: viewCtx(req, reply), form }), status);
  app.get('/complaints/follow', async (req, reply) => followPage(req, reply, emptyForm()));
  app.post('/complaints/follow', async (req, reply) => {
    const f = parseForm(req.lang, followSchema, req.body);
    if (!f.ok) return followPage(req, reply, f, 422);
    const r = await openVisit(p, req.agency.id, f.data.receipt, req.ip);
    if (r.ok) {
      setVisitCookie(p, reply, r.cookie);
      return reply.redirect('/complaints/case', 303);
    }
    const message = r.reason === 'throttled' ? translate(req.lang, 'complaints.follow.throttled', { minutes: r.minutes ?? 1 }) : translate(req.lang, `complaints.follow.${r.reason}`);
    // the receipt is not typed back into the page
    return followPage(req, reply, { values: {}, errors: { receipt: message } }, r.reason === 'throttled' ? 429 : r.reason === 'busy' ? 503 : 422);
  });

  const visitOr = async (req: FastifyRequest, reply: FastifyReply) => {
    const v = await currentVisit(p, req);
    if (!v) redirectWithFlash(reply, '/complaints/follow', 'info', 'complaints.follow.expired');
    return v;
  };

  const casePage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    const v = await visitOr(req, reply);
    if (!v) return reply;
    const { c, key } = v;
    const [history, msgs, files] = await Promise.all([statusHistory(p.db, c.id), messagesOf(p.db, c.id, false), filesOf(p.db, c.id)]);
    const noteIds = new Set((await messagesOf(p.db, c.id, true)).filter((m) => m.author === 'note').map((m) => m.id));
    const view: ComplainantView = {
      status: c.status, lane: c.lane as Lane, receivedAt: c.received_at, history,
      report: openJson<Report>(key, c.content_sealed!, place.content(c.id)),
      messages: msgs.map((m) => ({ id: m.id, author: m.author, at: m.created_at, text: openJson<{ text: string }>(key, m.body_sealed, place.message(c.id, m.id)).text })),
      files: files.filter((f) => f.message_id === null || !noteIds.has(f.message_id)).map((f) => {
        const meta = openJson<FileMeta>(key, f.meta_sealed, place.fileMeta(c.id, f.id));
        return { id: f.id, messageId: f.message_id, name: meta.name, ext: meta.ext, size: meta.size };
      }),
    };
    return sendHtml(private_(reply), CasePage({ ctx: viewCtx(req, reply), v: view, form }), status);
  };
  app.get('/complaints/case', async (req, reply) => casePage(req, reply));

  // no visit, no upload: the guard answers before a byte of a file is read into memory
  const visitGuard = async (req: FastifyRequest, reply: FastifyReply) => {
    const v = await currentVisit(p, req);
    if (!v) return redirectWithFlash(reply, '/complaints/follow', 'info', 'complaints.follow.expired');
    wipe(v.key);
  };
  app.post('/complaints/case/reply', uploadRoute({ preHandler: visitGuard, limits: caseUpload }), async (req, reply) => {
    const v = await visitOr(req, reply);
    if (!v) return reply;
    const { fields, files } = req.upload!;
    const taken = await addressThrottle(p).take(req.ip, [{ name: `reply:${req.agency.id}`, max: REPLIES_PER_IP, windowMs: 10 * 60_000 }]);
    if (!taken.ok) return casePage(req, reply, { values: formValues(fields), errors: { body: translate(req.lang, 'complaints.err.throttled', { minutes: Math.max(1, Math.ceil(taken.waitMs / 60_000)) }) } }, 429);
    return handleForm(req, {
      schema: replySchema,
      body: fields,
      run: (d) => complainantReply(p, v, d.body, filesFrom(files)),
      done: () => redirectWithFlash(reply, '/complaints/case', 'success', 'complaints.case.sent'),
      fail: (form) => casePage(req, reply, form, 422),
    });
  });

  app.get('/complaints/case/files/:id', async (req, reply) => {
    const v = await visitOr(req, reply);
    if (!v) return reply;
    const f = await openFile(p, v.c, v.key, idParam(req), true);
    return private_(reply).type(f.meta.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.meta.name)}`).header('x-content-type-options', 'nosniff').send(f.bytes);
  });

  app.post('/complaints/case/leave', async (req, reply) => {
    await endVisit(p, req, reply);
    return redirectWithFlash(reply, '/complaints', 'success', 'complaints.case.left');
  });

  app.get('/complaints/guideline', async (req, reply) =>
    sendHtml(reply, GuidelinePage({ ctx: viewCtx(req, reply), paragraphs: guideline(req.lang, viewCtx(req, reply).site.name, settings) })),
  );
}
