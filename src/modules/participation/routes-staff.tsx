// Staff routes under /staff/participation, for those who manage participation (participation.manage): the list with
// filters, an activity's form and page (publication, participants, documents, proposals and responses), and the
// comment moderation queue. Files come only through the upload route (multipart nowhere else).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { paged } from '../../platform/http/paging.ts';
import { idParam, yearQuery } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { activitySchema, activityValues, commentStateChoice, countValues, countsSchema, documentSchema, moderateSchema, proposalSchema, proposalValues } from './forms.ts';
import { MANAGE, STATUSES, type CommentState, type Status } from './rules.ts';
import { addDocument, addProposal, createActivity, moderateComment, removeActivityDocument, removeProposal, saveCounts, setPublished, updateActivity, updateProposal } from './service.ts';
import { activityYears, documentsOf, getActivity, listActivities, listComments, pendingCounts, proposalsOf, type Activity } from './store.ts';
import { ActivityFormPage, CommentsPage, ProposalPage, StaffActivityPage, StaffListPage, type ActivityForms } from './views/staff.tsx';

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const manage = { preHandler: staffOnly(MANAGE) };

  app.get('/staff/participation', manage, async (req, reply) => {
    const q = req.query as { year?: unknown; status?: unknown; page?: unknown };
    const year = yearQuery(q.year);
    const status = typeof q.status === 'string' && (STATUSES as readonly string[]).includes(q.status) ? (q.status as Status) : null;
    const [list, years, pending] = await Promise.all([
      paged(q.page, 25, (limit, offset) => listActivities(p.db, req.agency.id, { year, status }, limit, offset)),
      activityYears(p.db, req.agency.id, false),
      pendingCounts(p.db, req.agency.id),
    ]);
    const pendingTotal = [...pending.values()].reduce((a, b) => a + b, 0);
    return sendHtml(reply, StaffListPage({ ctx: viewCtx(req, reply), rows: list.rows, info: list.info, year, status, years, pending, pendingTotal, now: new Date() }));
  });

  // ---- creating and editing an activity ----
  const formPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, a?: Activity, status = 200) => sendHtml(reply, ActivityFormPage({ ctx: viewCtx(req, reply), form, a }), status);
  app.get('/staff/participation/new', manage, async (req, reply) => formPage(req, reply, emptyForm({ status: 'planned' })));
  app.post('/staff/participation/new', manage, async (req, reply) =>
    handleForm(req, {
      schema: activitySchema,
      run: (d) => createActivity(p, req.user!, d),
      done: (id) => redirectWithFlash(reply, `/staff/participation/${id}`, 'success', 'participation.staff.created'),
      fail: (form) => formPage(req, reply, form, undefined, 422),
    }),
  );

  const load = async (req: FastifyRequest): Promise<Activity> => {
    const a = await getActivity(p.db, req.agency.id, idParam(req));
    if (!a) throw new NotFoundError();
    return a;
  };
  app.get('/staff/participation/:id/edit', manage, async (req, reply) => {
    const a = await load(req);
    return formPage(req, reply, emptyForm(activityValues(a)), a);
  });
  app.post('/staff/participation/:id/edit', manage, async (req, reply) => {
    const a = await load(req);
    return handleForm(req, {
      schema: activitySchema,
      run: (d) => updateActivity(p, req.user!, a.id, d),
      done: () => redirectWithFlash(reply, `/staff/participation/${a.id}`, 'success', 'participation.staff.saved'),
      fail: (form) => formPage(req, reply, form, a, 422),
    });
  });

  // ---- an activity's page, with its forms ----
  const activityPage = async (req: FastifyRequest, reply: FastifyReply, a: Activity, forms: Partial<ActivityForms> = {}, status = 200) => {
    const [docs, proposals, pending] = await Promise.all([documentsOf(p.db, a.id), proposalsOf(p.db, a.id), pendingCounts(p.db, req.agency.id)]);
    const all: ActivityForms = {
      counts: forms.counts ?? emptyForm(countValues(a)),
      document: forms.document ?? { values: { kind: 'minutes' }, errors: {}, idPrefix: 'doc-' },
      proposal: forms.proposal ?? { values: { response_status: 'pending' }, errors: {}, idPrefix: 'prop-' },
    };
    return sendHtml(reply, StaffActivityPage({ ctx: viewCtx(req, reply), a, docs, proposals, pending: pending.get(a.id) ?? 0, forms: all, now: new Date() }), status);
  };
  app.get('/staff/participation/:id', manage, async (req, reply) => activityPage(req, reply, await load(req)));

  app.post('/staff/participation/:id/publish', manage, async (req, reply) => {
    const a = await load(req);
    await setPublished(p, req.user!, a.id, true);
    return redirectWithFlash(reply, `/staff/participation/${a.id}`, 'success', 'participation.staff.publishedFlash');
  });
  app.post('/staff/participation/:id/unpublish', manage, async (req, reply) => {
    const a = await load(req);
    await setPublished(p, req.user!, a.id, false);
    return redirectWithFlash(reply, `/staff/participation/${a.id}`, 'success', 'participation.staff.unpublishedFlash');
  });

  app.post('/staff/participation/:id/counts', manage, async (req, reply) => {
    const a = await load(req);
    return handleForm(req, {
      schema: countsSchema,
      run: (d) => saveCounts(p, req.user!, a.id, d),
      done: () => redirectWithFlash(reply, `/staff/participation/${a.id}#counts`, 'success', 'participation.counts.saved'),
      fail: (form) => activityPage(req, reply, a, { counts: form }, 422),
    });
  });

  app.post('/staff/participation/:id/documents', uploadRoute(manage), async (req, reply) => {
    const a = await load(req);
    const { fields, files } = req.upload!;
    const fail = (form: FormState) => activityPage(req, reply, a, { document: { ...form, idPrefix: 'doc-' } }, 422);
    return handleForm(req, {
      schema: documentSchema,
      body: fields,
      run: async (d) => {
        const part = chosenFile(files, 'file');
        if (!part) throw new ValidationError({ file: 'err.fileMissing' });
        await addDocument(p, req.user!, a.id, part, d.kind, d.label);
      },
      done: () => redirectWithFlash(reply, `/staff/participation/${a.id}#documents`, 'success', 'participation.documents.added'),
      fail,
    });
  });
  app.post('/staff/participation/:id/documents/:doc/remove', manage, async (req, reply) => {
    const a = await load(req);
    await removeActivityDocument(p, req.user!, a.id, idParam(req, 'doc'));
    return redirectWithFlash(reply, `/staff/participation/${a.id}#documents`, 'success', 'participation.documents.removed');
  });

  app.post('/staff/participation/:id/proposals', manage, async (req, reply) => {
    const a = await load(req);
    return handleForm(req, {
      schema: proposalSchema,
      run: (d) => addProposal(p, req.user!, a.id, d),
      done: () => redirectWithFlash(reply, `/staff/participation/${a.id}#said-did`, 'success', 'participation.proposal.added'),
      fail: (form) => activityPage(req, reply, a, { proposal: { ...form, idPrefix: 'prop-' } }, 422),
    });
  });

  const proposalPage = async (req: FastifyRequest, reply: FastifyReply, a: Activity, form?: FormState, status = 200) => {
    const proposals = await proposalsOf(p.db, a.id);
    const i = proposals.findIndex((x) => x.id === idParam(req, 'pid'));
    if (i < 0) throw new NotFoundError();
    const x = proposals[i]!;
    return sendHtml(reply, ProposalPage({ ctx: viewCtx(req, reply), a, x, n: i + 1, form: form ?? emptyForm(proposalValues(x)) }), status);
  };
  app.get('/staff/participation/:id/proposals/:pid', manage, async (req, reply) => proposalPage(req, reply, await load(req)));
  app.post('/staff/participation/:id/proposals/:pid', manage, async (req, reply) => {
    const a = await load(req);
    return handleForm(req, {
      schema: proposalSchema,
      run: (d) => updateProposal(p, req.user!, a.id, idParam(req, 'pid'), d),
      done: () => redirectWithFlash(reply, `/staff/participation/${a.id}#said-did`, 'success', 'participation.proposal.saved'),
      fail: (form) => proposalPage(req, reply, a, form, 422),
    });
  });
  app.post('/staff/participation/:id/proposals/:pid/remove', manage, async (req, reply) => {
    const a = await load(req);
    await removeProposal(p, req.user!, a.id, idParam(req, 'pid'));
    return redirectWithFlash(reply, `/staff/participation/${a.id}#said-did`, 'success', 'participation.proposal.removed');
  });

  // ---- moderation ----
  const commentsPage = async (req: FastifyRequest, reply: FastifyReply, forms = new Map<number, FormState>(), status = 200) => {
    const q = req.query as { status?: unknown; activity?: unknown; page?: unknown };
    const parsed = commentStateChoice.safeParse(q.status ?? 'pending');
    const state: CommentState = parsed.success ? parsed.data : 'pending';
    const activityId = typeof q.activity === 'string' && /^\d{1,9}$/.test(q.activity) ? Number(q.activity) : null;
    const activity = activityId ? (await getActivity(p.db, req.agency.id, activityId)) ?? null : null;
    const list = await paged(q.page, 25, (limit, offset) => listComments(p.db, req.agency.id, { status: state, activityId: activity?.id ?? null }, limit, offset));
    return sendHtml(reply, CommentsPage({ ctx: viewCtx(req, reply), rows: list.rows, info: list.info, status: state, activity, forms }), status);
  };
  app.get('/staff/participation/comments', manage, async (req, reply) => commentsPage(req, reply));
  app.post('/staff/participation/comments/:cid', manage, async (req, reply) => {
    const id = idParam(req, 'cid');
    // back to the list the moderator was on (the form's address carries its filters)
    const q = req.query as { status?: unknown; activity?: unknown };
    const state = commentStateChoice.safeParse(q.status ?? 'pending');
    const activity = typeof q.activity === 'string' && /^\d{1,9}$/.test(q.activity) ? `&activity=${q.activity}` : '';
    const back = `/staff/participation/comments?status=${state.success ? state.data : 'pending'}${activity}`;
    const fail = (form: FormState) => commentsPage(req, reply, new Map([[id, { ...form, idPrefix: `c${id}-` }]]), 422);
    return handleForm(req, {
      schema: moderateSchema,
      run: (d) => moderateComment(p, req.user!, id, d.decision, d.note),
      done: () => redirectWithFlash(reply, back, 'success', 'participation.moderation.done'),
      fail,
    });
  });
}
