// Public routes: /participation (all activities, or one fiscal year with ?year=), /participation/{slug} with its
// comment form, the confirmation after a comment, and the yearly report /participation/report/{yearBE}[.pdf|.docx].
// A comment is counted per address (HMAC in the database, never the address itself) and never stores the address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { renderPublicDocx, renderPublicPdf } from '../../platform/documents/index.ts';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { paged } from '../../platform/http/paging.ts';
import { yearParam, yearQuery } from '../../platform/http/params.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { translate } from '../../platform/i18n/index.ts';
import { addressThrottle } from '../../platform/http/address-throttle.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { commentSchema } from './forms.ts';
import { reportDoc, yearReport } from './report.ts';
import { COMMENTS_PER_ADDRESS, COMMENTS_PER_ADDRESS_DAY, COMMENTS_PER_48_HOUR, COMMENTS_PER_SITE_HOUR, COMMENT_BODY_BYTES, RESERVED_SLUGS, SLUG_RE, commentState } from './rules.ts';
import { CommentsClosedError, addComment } from './service.ts';
import { activityBySlug, activityYears, approvedComments, documentsOf, listActivities, proposalsOf, type Activity } from './store.ts';
import { ActivityPage, ListPage, ReportPage, ThanksPage, type CommentView } from './views/public.tsx';

// the files are the same in both languages (Thai); the pages follow the visitor's language
const FILE_CACHE = 'public, max-age=300';
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/participation', async (req, reply) => {
    const q = req.query as { year?: unknown; page?: unknown };
    const year = yearQuery(q.year);
    const [list, years] = await Promise.all([
      paged(q.page, 10, (limit, offset) => listActivities(p.db, req.agency.id, { year, publishedOnly: true }, limit, offset)),
      activityYears(p.db, req.agency.id, true),
    ]);
    return sendHtml(reply, ListPage({ ctx: viewCtx(req, reply), rows: list.rows, info: list.info, year, years, now: new Date() }));
  });

  // ---- the yearly report ----
  const report = async (req: FastifyRequest) => yearReport(p.db, req.agency.id, yearParam(req));
  /** Documents only for a year that has published activities: a bounded set of models. */
  const reportWithData = async (req: FastifyRequest) => {
    const r = await report(req);
    if (!r.entries.length) throw new NotFoundError();
    return r;
  };
  const attach = (reply: FastifyReply, type: string, name: string) => reply.header('cache-control', FILE_CACHE).type(type).header('content-disposition', `inline; filename="${name}"`);
  app.get('/participation/report/:year', async (req, reply) => {
    const [r, years] = await Promise.all([report(req), activityYears(p.db, req.agency.id, true)]);
    return sendHtml(reply, ReportPage({ ctx: viewCtx(req, reply), r, years }));
  });
  app.get('/participation/report/:year.pdf', async (req, reply) => {
    const r = await reportWithData(req);
    return attach(reply, PDF, `participation-report-${r.year}.pdf`).send(await renderPublicPdf(reportDoc(req.agency.th.name, r)));
  });
  app.get('/participation/report/:year.docx', async (req, reply) => {
    const r = await reportWithData(req);
    return attach(reply, DOCX, `participation-report-${r.year}.docx`).send(await renderPublicDocx(reportDoc(req.agency.th.name, r)));
  });

  // ---- an activity ----
  /** A published activity by the slug in the path; anything else is a 404. */
  const published = async (req: FastifyRequest): Promise<Activity> => {
    const slug = (req.params as { slug?: string }).slug ?? '';
    if (slug.length > 80 || !SLUG_RE.test(slug) || RESERVED_SLUGS.has(slug)) throw new NotFoundError();
    const a = await activityBySlug(p.db, req.agency.id, slug);
    if (!a || !a.is_published) throw new NotFoundError();
    return a;
  };

  const activityPage = async (req: FastifyRequest, reply: FastifyReply, a: Activity, form: FormState = emptyForm(), status = 200, refusedText?: string) => {
    const now = new Date();
    const [docs, proposals, comments] = await Promise.all([documentsOf(p.db, a.id), proposalsOf(p.db, a.id), approvedComments(p.db, a.id)]);
    const v: CommentView = { state: commentState(a, now), comments, form, refusedText };
    // a page with the comment form carries a CSRF token: it is this visitor's, never kept by a cache
    if (v.state === 'open' || status !== 200) noStore(reply);
    return sendHtml(reply, ActivityPage({ ctx: viewCtx(req, reply), a, docs, proposals, comments: v, now }), status);
  };
  app.get('/participation/:slug', async (req, reply) => activityPage(req, reply, await published(req)));

  app.post('/participation/:slug/comments', {
    bodyLimit: COMMENT_BODY_BYTES,
    // refused before a byte of a too-large body is read, with the limit that applies here
    onRequest: async (req) => {
      if (Number(req.headers['content-length'] ?? 0) > COMMENT_BODY_BYTES) throw new HttpError(413, 'error.413.title', 'error.413.body', { max: `${COMMENT_BODY_BYTES / 1024} KB` });
    },
  }, async (req, reply) => {
    const a = await published(req);
    const values = formValues(req.body);
    const closed = () => activityPage(req, reply, a, emptyForm(), 409, typeof values.body === 'string' ? values.body : '');
    // after the closing time (or once staff closed it) nothing is taken, whatever was typed
    if (commentState(a) !== 'open') return closed();
    const f = parseForm(req.lang, commentSchema, req.body);
    if (!f.ok) return activityPage(req, reply, a, f, 422);
    // counted once the form is right: a missing consent never uses up an address's quota; in memory only (never
    // written, so that no stored trace of an address can be matched by its time to an anonymous comment)
    const limits = addressThrottle(p);
    const mine = await limits.take(req.ip, [
      { name: `participation-comment:${req.agency.id}`, max: COMMENTS_PER_ADDRESS, windowMs: 10 * 60_000 },
      { name: `participation-comment-day:${req.agency.id}`, max: COMMENTS_PER_ADDRESS_DAY, windowMs: 24 * 3600_000 },
      { name: `participation-comment-48:${req.agency.id}`, max: COMMENTS_PER_48_HOUR, windowMs: 3600_000, v6Prefix: 48 },
    ]);
    const taken = mine.ok ? await limits.take('*', [{ name: `participation-comment-all:${req.agency.id}`, max: COMMENTS_PER_SITE_HOUR, windowMs: 3600_000 }]) : mine;
    if (!taken.ok) {
      const minutes = Math.max(1, Math.ceil(taken.waitMs / 60_000));
      return activityPage(req, reply, a, { values, errors: { _form: translate(req.lang, 'participation.err.throttled', { minutes }) } }, 429);
    }
    try {
      return await handleForm(req, {
        schema: commentSchema,
        run: (d) => addComment(p, req.agency.id, a.id, { author_name: d.author_name, body: d.body }),
        done: () => reply.redirect(`/participation/${a.slug}/thanks`, 303),
        fail: (form) => activityPage(req, reply, a, form, 422),
      });
    } catch (err) {
      // closed between the page and the post (by staff, or the time ran out while checking)
      if (err instanceof CommentsClosedError) return closed();
      throw err;
    }
  });

  app.get('/participation/:slug/thanks', async (req, reply) => sendHtml(noStore(reply), ThanksPage({ ctx: viewCtx(req, reply), a: await published(req) })));
}
