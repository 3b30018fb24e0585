// Staff pages: the content list, the editor, the workflow, attachments, previews and staff notices.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csvFromRecords } from '../../platform/csv.ts';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { HttpError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { block, checkbox, choice, dateTime, day, int, month, text, z, type FormValues } from '../../platform/http/forms.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { paged } from '../../platform/http/paging.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { formatDate, fromThaiDigits } from '../../platform/thai/index.ts';
import { isTemplate, templateValues, templateYear } from './templates.ts';
import { CATEGORIES, FORMATS, KINDS, STATUSES, type Kind } from './kinds.ts';
import { draftAttachments, getContent, getDraft, listPublishedDocuments, listAttachments, listForStaff, listRevisions, type Content } from './store.ts';
import { addAttachment, approveContent, archiveContent, createWithAttachments, discardChanges, removeAttachment, reopenContent, returnContent, submitContent, updateContent, type ContentInput } from './service.ts';
import { acknowledge, createNotice, listNotices, noticeReport } from './notices.ts';
import { coversOf } from './covers.ts';
import { QUEUES, queueIds, type Queue } from './todo.ts';
import { ATTACHMENT_SLOTS, ContentDetailPage, ContentFormPage, ContentListPage } from './views/staff.tsx';
import { ApprovePage, RemoveAttachmentPage, SubmitCheckPage } from './views/review.tsx';
import { approvalBar, checkWarnings, pendingOf } from './review.ts';
import { ContentPage } from './views/public.tsx';
import { NoticeFormPage, NoticeReportPage, NoticesPage } from './views/notices.tsx';
import { idParam, textQuery, yearQuery } from '../../platform/http/params.ts';

const contentSchema = z.object({
  kind: choice(KINDS),
  title_th: text({ max: 300 }),
  title_en: text({ min: 0, max: 300 }),
  summary_th: block({ max: 1000 }),
  summary_en: block({ max: 1000 }),
  category: text({ min: 0, max: 30 }).pipe(z.union([z.literal(''), z.enum(CATEGORIES)], { error: 'err.choice' })),
  fiscal_year: int({ min: 2400, max: 2800, optional: true }),
  period: month({ optional: true }),
  body_format: choice(FORMATS),
  body_th: block({ max: 100_000, keepSpaces: true }),
  body_en: block({ max: 100_000, keepSpaces: true }),
  slug: text({ min: 0, max: 80 }).transform((s) => s.toLowerCase()).pipe(z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'pub.err.slug')),
  is_signoff_required: checkbox(),
  signoff_name: text({ min: 0, max: 200 }),
  signoff_position: text({ min: 0, max: 200 }),
  signoff_date: day({ optional: true }),
});

// the new-item form also takes files, each with an optional label
const slots = Array.from({ length: ATTACHMENT_SLOTS }, (_, i) => ({ file: `attachment${i + 1}`, label: `attachment${i + 1}_label` }));
const createSchema = contentSchema.extend(Object.fromEntries(slots.map((s) => [s.label, text({ min: 0, max: 200 })])));

const approveSchema = z.object({
  publish_at: dateTime({ optional: true }),
  // the revision the approver had in front of them: approval fails if the text changed since
  revision: int({ min: 1, max: 1_000_000 }),
});

// a returned draft tells its writer what to change
const returnSchema = z.object({ note: block({ max: 1000 }).refine((s) => s.length > 0, 'pub.err.returnNote') });

const noticeSchema = z.object({
  title: text({ max: 300 }),
  body: block({ max: 10_000 }),
  content_id: int({ min: 1, optional: true }),
  fiscal_year: int({ min: 2400, max: 2800, optional: true }),
});

function valuesOf(c: Content): FormValues {
  return {
    kind: c.kind, title_th: c.title_th, title_en: c.title_en, summary_th: c.summary_th, summary_en: c.summary_en, category: c.category,
    fiscal_year: c.fiscal_year ? String(c.fiscal_year) : '', period: c.period ?? '', body_format: c.body_format, body_th: c.body_th, body_en: c.body_en,
    slug: c.slug, is_signoff_required: c.is_signoff_required ? 'on' : undefined, signoff_name: c.signoff_name, signoff_position: c.signoff_position, signoff_date: c.signoff_date ?? '',
  };
}

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const editor = { preHandler: staffOnly('content.edit') };
  const anyStaff = { preHandler: staffOnly() };

  // approvers (who may not have content.edit) see the list and the detail pages too
  const canSee = { preHandler: staffOnly('content.view') };
  const approver = { preHandler: staffOnly('content.publish') };

  app.get('/staff/content', canSee, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const filter = {
      kind: (KINDS as readonly string[]).includes(q.kind ?? '') ? q.kind! : '',
      status: (STATUSES as readonly string[]).includes(q.status ?? '') ? q.status! : '',
      q: String(q.q ?? '').slice(0, 100).trim(),
      queue: (QUEUES as readonly string[]).includes(q.queue ?? '') ? q.queue! : '',
    };
    const ids = filter.queue ? await queueIds(p, req.user!, filter.queue as Queue) : undefined;
    const { info, rows } = await paged(q.page, 25, (limit, offset) => listForStaff(p.db, { agencyId: req.agency.id, kind: filter.kind || undefined, status: filter.status || undefined, q: filter.q || undefined, ids, limit, offset }));
    return sendHtml(reply, ContentListPage({ ctx: viewCtx(req, reply), rows, info, filter }));
  });

  const kindOf = (req: FastifyRequest): Kind => {
    const k = (req.query as { kind?: string }).kind;
    return (KINDS as readonly string[]).includes(k ?? '') ? (k as Kind) : 'document';
  };

  app.get('/staff/content/new', editor, async (req, reply) => {
    const kind = kindOf(req);
    const ctx = viewCtx(req, reply);
    const q = req.query as Record<string, unknown>;
    // ?template=hr_plan&fy=2570: the form filled in from a template (nothing is saved until the editor saves)
    const asked = textQuery(q.template, 40);
    if (asked) {
      const typedYear = fromThaiDigits(textQuery(q.fy, 10));
      const year = typedYear ? yearQuery(typedYear, 2400, 2800) : null;
      if (kind !== 'document' || !isTemplate(asked) || (typedYear && year === null)) throw new HttpError(400, 'pub.tpl.unknownTitle', 'pub.tpl.unknownBody');
      const chosen = { template: asked, year: year ?? templateYear(asked, ctx.fiscalYear) };
      const form = emptyForm(await templateValues(p.db, req.agency.id, chosen.template, chosen.year));
      return sendHtml(reply, ContentFormPage({ ctx, form, kind, content: null, template: chosen }));
    }
    const form = emptyForm({ kind, body_format: 'markdown', category: kind === 'document' ? 'announcement' : '', fiscal_year: String(ctx.fiscalYear) });
    return sendHtml(reply, ContentFormPage({ ctx, form, kind, content: null }));
  });

  const formFailure = (req: FastifyRequest, reply: FastifyReply, form: FormState, kind: string, content: Content | null) =>
    sendHtml(reply, ContentFormPage({ ctx: viewCtx(req, reply), form, kind, content }), 422);

  app.post('/staff/content/new', uploadRoute(editor), async (req, reply) => {
    const kind = kindOf(req);
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: createSchema,
      body: { ...fields, kind },
      run: (d) => {
        const input: Record<string, unknown> = { ...d };
        const attachments = slots.flatMap(({ file, label }) => {
          const text = String(input[label] ?? '');
          delete input[label];
          const part = chosenFile(files, file);
          return part ? [{ part, label: text }] : [];
        });
        return createWithAttachments(p, req.user!, input as unknown as ContentInput, chosenFile(files, 'cover'), attachments);
      },
      done: (id) => redirectWithFlash(reply, `/staff/content/${id}`, 'success', 'pub.staff.created'),
      fail: (form) => formFailure(req, reply, form, kind, null),
    });
  });


  const load = async (req: FastifyRequest): Promise<Content> => {
    const c = await getContent(p.db, req.agency.id, idParam(req));
    if (!c) throw new NotFoundError();
    return c;
  };

  const draftOf = (c: Content) => (c.status === 'published' ? getDraft(p.db, c.agency_id, c.id) : Promise.resolve(undefined));

  const detail = async (req: FastifyRequest, reply: FastifyReply, c: Content, form: FormState = emptyForm(), status = 200) => {
    const [attachments, revisions, draft] = await Promise.all([listAttachments(p.db, req.agency.id, [c.id]), listRevisions(p.db, req.agency.id, c.id), draftOf(c)]);
    const pending = draft ? { draft, attachments: await draftAttachments(p.db, req.agency.id, draft) } : null;
    return sendHtml(reply, ContentDetailPage({ ctx: viewCtx(req, reply), c, attachments: attachments.get(c.id) ?? [], revisions, form, pending }), status);
  };

  app.get('/staff/content/:id', canSee, async (req, reply) => detail(req, reply, await load(req)));

  // the version under work: the pending changes of a published item, else the item
  app.get('/staff/content/:id/preview', canSee, async (req, reply) => {
    const live = await load(req);
    const draft = await draftOf(live);
    const c = draft ? { ...live, ...draft.fields } : live;
    const attachments = draft ? await draftAttachments(p.db, req.agency.id, draft) : (await listAttachments(p.db, req.agency.id, [c.id])).get(c.id) ?? [];
    const cover = c.cover_file_id ? (await coversOf(p.db, req.agency.id, [c])).get(c.cover_file_id) ?? null : null;
    return sendHtml(reply.header('x-robots-tag', 'noindex'), ContentPage({ ctx: viewCtx(req, reply), c, attachments, cover, preview: true }));
  });

  app.get('/staff/content/:id/edit', editor, async (req, reply) => {
    const live = await load(req);
    const draft = await draftOf(live);
    const c = draft ? { ...live, ...draft.fields } : live;
    return sendHtml(reply, ContentFormPage({ ctx: viewCtx(req, reply), form: emptyForm(valuesOf(c)), kind: c.kind, content: live, pending: !!draft || live.status === 'published' }));
  });

  app.post('/staff/content/:id/edit', uploadRoute(editor), async (req, reply) => {
    const c = await load(req);
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: contentSchema,
      body: { ...fields, kind: c.kind },
      run: (d) => updateContent(p, req.user!, c.id, d as ContentInput, chosenFile(files, 'cover')),
      done: () => redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', 'pub.staff.saved'),
      fail: (form) => formFailure(req, reply, form, c.kind, c),
    });
  });


  type Done = { key: Parameters<typeof redirectWithFlash>[3]; vars?: Record<string, string> };
  /** A workflow step: its form (often empty) parsed, the service run; bad input or a broken rule brings the detail page back. */
  const step = <S extends z.ZodType>(schema: S, run: (req: FastifyRequest, c: Content, data: z.output<S>) => Promise<Done>, body?: (req: FastifyRequest) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const c = await load(req);
      return handleForm(req, {
        schema,
        body: body?.(req),
        run: (d) => run(req, c, d),
        done: (r) => redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', r.key, r.vars),
        fail: (form) => detail(req, reply, c, form, 422),
      });
    };
  const none = z.object({});

  /** The version under work: the pending changes of a published item, else the item; with its files and review state. */
  const underWork = async (live: Content) => {
    const draft = await draftOf(live);
    return draft
      ? { c: { ...live, ...draft.fields }, attachments: await draftAttachments(p.db, live.agency_id, draft), pending: pendingOf(live, draft) }
      : { c: live, attachments: (await listAttachments(p.db, live.agency_id, [live.id])).get(live.id) ?? [], pending: pendingOf(live, null) };
  };
  const back = (reply: FastifyReply, c: Content) => reply.redirect(`/staff/content/${c.id}`, 303);

  // sending for approval: a check page, then the post
  const checkPage = async (req: FastifyRequest, reply: FastifyReply, live: Content, form: FormState = emptyForm(), status = 200) => {
    const w = await underWork(live);
    if (w.pending.status !== 'draft') return back(reply, live);
    const ctx = viewCtx(req, reply);
    return sendHtml(reply, SubmitCheckPage({ ctx, c: w.c, attachments: w.attachments, revision: w.pending.revision, warnings: checkWarnings(w.c, w.attachments).map((k) => ctx.t(k)), form }), status);
  };
  app.get('/staff/content/:id/submit', editor, async (req, reply) => checkPage(req, reply, await load(req)));
  app.post('/staff/content/:id/submit', editor, async (req, reply) => {
    const c = await load(req);
    return handleForm(req, {
      schema: none,
      run: () => submitContent(p, req.user!, c.id),
      done: () => redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', 'pub.staff.submitted'),
      fail: (form) => checkPage(req, reply, c, form, 422),
    });
  });

  // approving: the text being approved, then approve or return
  const approvePage = async (req: FastifyRequest, reply: FastifyReply, live: Content, form: FormState = emptyForm(), status = 200) => {
    const w = await underWork(live);
    if (w.pending.status !== 'in_review') return back(reply, live);
    const ctx = viewCtx(req, reply);
    const bar = approvalBar(w.pending, req.user!.id);
    return sendHtml(reply, ApprovePage({ ctx, c: w.c, attachments: w.attachments, revision: w.pending.revision, changes: !!w.pending.draft, bar: bar ? ctx.t(bar) : null, form }), status);
  };
  app.get('/staff/content/:id/approve', approver, async (req, reply) => approvePage(req, reply, await load(req)));
  app.post('/staff/content/:id/approve', approver, async (req, reply) => {
    const c = await load(req);
    return handleForm(req, {
      schema: approveSchema,
      run: (d) => approveContent(p, req.user!, c.id, d.publish_at, d.revision),
      done: (done) => done.published_at! > new Date().toISOString()
        ? redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', 'pub.staff.scheduled', { date: formatDate(done.published_at!, { lang: req.lang, withTime: true }) })
        : redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', 'pub.staff.approved'),
      fail: (form) => approvePage(req, reply, c, form, 422),
    });
  });
  app.post('/staff/content/:id/return', approver, async (req, reply) => {
    const c = await load(req);
    return handleForm(req, {
      schema: returnSchema,
      run: (d) => returnContent(p, req.user!, c.id, d.note),
      done: () => redirectWithFlash(reply, `/staff/content/${c.id}`, 'success', 'pub.staff.returned'),
      fail: (form) => approvePage(req, reply, c, form, 422),
    });
  });
  app.post('/staff/content/:id/discard', editor, step(none, async (req, c) => (await discardChanges(p, req.user!, c.id), { key: 'pub.staff.discarded' })));
  app.post('/staff/content/:id/archive', approver, step(none, async (req, c) => (await archiveContent(p, req.user!, c.id), { key: 'pub.staff.archived' })));
  app.post('/staff/content/:id/reopen', approver, step(none, async (req, c) => (await reopenContent(p, req.user!, c.id), { key: 'pub.staff.reopened' })));

  app.post('/staff/content/:id/attachments', uploadRoute(editor), step(z.object({ label: text({ min: 0, max: 200 }) }), async (req, c, d) => {
    const part = chosenFile(req.upload!.files, 'file');
    if (!part) throw new ValidationError({ file: 'err.fileMissing' });
    await addAttachment(p, req.user!, c.id, part, d.label);
    return { key: 'pub.staff.uploaded' };
  }, (req) => req.upload!.fields));
  app.get('/staff/content/:id/attachments/:att/remove', editor, async (req, reply) => {
    const live = await load(req);
    const w = await underWork(live);
    const attachment = w.attachments.find((a) => a.id === idParam(req, 'att'));
    if (!attachment) throw new NotFoundError();
    return sendHtml(reply, RemoveAttachmentPage({ ctx: viewCtx(req, reply), c: w.c, attachment }));
  });
  app.post('/staff/content/:id/attachments/:att/remove', editor, step(none, async (req, c) => (await removeAttachment(p, req.user!, c.id, idParam(req, 'att')), { key: 'pub.staff.attachmentRemoved' })));

  // ---- staff notices ----
  app.get('/staff/notices', anyStaff, async (req, reply) => sendHtml(reply, NoticesPage({ ctx: viewCtx(req, reply), notices: await listNotices(p.db, req.user!) })));

  const noticeDocs = (agencyId: number) => listPublishedDocuments(p.db, agencyId, 200);

  app.get('/staff/notices/new', { preHandler: staffOnly('notice.manage') }, async (req, reply) =>
    sendHtml(reply, NoticeFormPage({ ctx: viewCtx(req, reply), form: emptyForm({ fiscal_year: String(viewCtx(req, reply).fiscalYear) }), documents: await noticeDocs(req.agency.id) })),
  );
  app.post('/staff/notices/new', { preHandler: staffOnly('notice.manage') }, async (req, reply) =>
    handleForm(req, {
      schema: noticeSchema,
      run: (d) => createNotice(p, req.user!, d),
      done: (id) => redirectWithFlash(reply, `/staff/notices/${id}`, 'success', 'notice.created'),
      fail: async (form) => sendHtml(reply, NoticeFormPage({ ctx: viewCtx(req, reply), form, documents: await noticeDocs(req.agency.id) }), 422),
    }),
  );
  app.post('/staff/notices/:id/ack', anyStaff, async (req, reply) => {
    await acknowledge(p, req.user!, idParam(req));
    return redirectWithFlash(reply, '/staff/notices', 'success', 'notice.acked');
  });
  app.get('/staff/notices/:id', { preHandler: staffOnly('notice.report') }, async (req, reply) =>
    sendHtml(reply, NoticeReportPage({ ctx: viewCtx(req, reply), report: await noticeReport(p, req.user!, idParam(req)) })),
  );
  app.get('/staff/notices/:id/report.csv', { preHandler: staffOnly('notice.report') }, async (req, reply) => {
    const r = await noticeReport(p, req.user!, idParam(req));
    const csv = csvFromRecords(['display_name', 'username', 'acknowledged_at'], r.people.map((x) => ({ display_name: x.display_name, username: x.username, acknowledged_at: x.acked_at ?? '' })));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="notice-${r.notice.id}-acknowledgements.csv"`).send(csv);
  });
}
