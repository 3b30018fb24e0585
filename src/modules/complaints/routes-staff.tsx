// Officers' routes. Every one needs complaints.handle; what a case says opens only with the officer's key.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { int, text, z } from '../../platform/http/forms.ts';
import { uploadRoute } from '../../platform/http/multipart.ts';
import { paged } from '../../platform/http/paging.ts';
import { idParam, textQuery } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { listDivisions } from '../agency/index.ts';
import { HANDLE, officerCaseKeys } from './access.ts';
import { openJson, place } from './crypto.ts';
import { identityOf, messageSchema, moveSchema, reasonSchema, recordSchema, reportOf, statusSchema } from './forms.ts';
import { assign, caseView, exclude, include, loadCase, moveToConfidential, officerWrite, openFile, setStatus, viewIdentity } from './handling.ts';
import { submitCase, type Identity, type Report } from './intake.ts';
import { LANES, STATUSES, type Lane, type Status } from './kinds.ts';
import { activeStaff, listComplaints } from './store.ts';
import { caseUpload, filesFrom, laneOf } from './routes-public.tsx';
import { CaseListPage, CasePageStaff, ReadersPage, RecordCasePage } from './views/staff.tsx';
import { approveReader, listReaders, revokeReader, shareCaseKeys } from './readers.ts';
import { approvedReaders } from './access.ts';

const assignSchema = z.object({ assigned_user_id: int({ min: 1, optional: true }), assigned_division_id: int({ min: 1, optional: true }) });
const excludeSchema = z.object({ user_id: int({ min: 1 }), reason: text({ min: 5, max: 300 }) });
const includeSchema = z.object({ user_id: int({ min: 1 }) });

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const handle = { preHandler: staffOnly(HANDLE) };

  app.get('/staff/complaints', handle, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const query = {
      lane: (LANES as readonly string[]).includes(textQuery(q.lane)) ? textQuery(q.lane) : '',
      status: (STATUSES as readonly string[]).includes(textQuery(q.status)) ? textQuery(q.status) : '',
      state: ['open', 'overdue', 'all'].includes(textQuery(q.state)) ? textQuery(q.state) : 'open',
      mine: q.mine === 'on',
    };
    const now = new Date().toISOString();
    const { info, rows } = await paged(q.page, 25, (limit, offset) => listComplaints(p.db, {
      agencyId: req.agency.id, lane: query.lane || undefined, status: query.status || undefined, state: query.state === 'all' ? undefined : (query.state as 'open' | 'overdue'),
      assignedTo: query.mine ? req.user!.id : undefined, viewer: req.user!.id, now, limit, offset,
    }));
    const keys = await officerCaseKeys(p, req, rows.map((r) => r.id));
    const subjects = new Map(rows.map((r) => {
      const k = keys.get(r.id);
      try {
        return [r.id, k && r.content_sealed ? openJson<Report>(k, r.content_sealed, place.content(r.id)).subject : null] as const;
      } catch {
        return [r.id, null] as const;
      }
    }));
    return sendHtml(reply, CaseListPage({ ctx: viewCtx(req, reply), rows, info, query, subjects, now }));
  });

  // ---- who receives case keys ----
  const readersPage = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const canApprove = (await approvedReaders(p.db, req.agency.id)).includes(req.user!.id);
    return sendHtml(reply, ReadersPage({ ctx: viewCtx(req, reply), rows: await listReaders(p.db, req.agency.id), form, canApprove }), status);
  };
  app.get('/staff/complaints/readers', handle, async (req, reply) => readersPage(req, reply));
  app.post('/staff/complaints/readers/approve', handle, async (req, reply) =>
    handleForm(req, {
      schema: includeSchema,
      // the approver's keys seal every case they can open to the new reader at once
      run: async (d) => (await approveReader(p, req.user!, d.user_id), shareCaseKeys(p, req)),
      done: () => redirectWithFlash(reply, '/staff/complaints/readers', 'success', 'complaints.readers.approvedFlash'),
      fail: (form) => readersPage(req, reply, form, 422),
    }));
  app.post('/staff/complaints/readers/revoke', handle, async (req, reply) =>
    handleForm(req, {
      schema: includeSchema,
      run: (d) => revokeReader(p, req.user!, d.user_id),
      done: () => redirectWithFlash(reply, '/staff/complaints/readers', 'success', 'complaints.readers.revokedFlash'),
      fail: (form) => readersPage(req, reply, form, 422),
    }));

  // ---- recording a case received by phone, letter or in person ----
  const recordPage = (req: FastifyRequest, reply: FastifyReply, lane: Lane, form: FormState, status = 200, recorded?: { number: string; receipt: string }) =>
    sendHtml(reply, RecordCasePage({ ctx: viewCtx(req, reply), form, lane, recorded }), status);
  app.get('/staff/complaints/new', handle, async (req, reply) => recordPage(req, reply, laneOf(req) ?? 'general', emptyForm({ channel: 'phone' })));
  app.post('/staff/complaints/new', uploadRoute({ ...handle, limits: caseUpload }), async (req, reply) => {
    const lane = laneOf(req) ?? 'general';
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: recordSchema(lane),
      body: fields,
      run: (d) => submitCase(p, req.agency.id, { lane, category: d.category, channel: d.channel, report: reportOf(d), identity: identityOf(d) }, filesFrom(files), req.user!),
      // the receipt is shown once, to be given to the complainant; the form is empty again for the next case
      done: (r) => recordPage(req, reply, lane, emptyForm({ channel: 'phone' }), 200, { number: r.number, receipt: r.receipt }),
      fail: (form) => recordPage(req, reply, lane, form, 422),
    });
  });

  // ---- a case ----
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState = emptyForm(), status = 200, identity: { shown: Identity | null; reason: string } | null = null) => {
    const v = await caseView(p, req, id);
    const divisions = (await listDivisions(p.db, req.agency.id)).map((d) => ({ id: d.id, name: req.lang === 'en' && d.name_en ? d.name_en : d.name_th }));
    const staff = await activeStaff(p.db, req.agency.id);
    return sendHtml(reply, CasePageStaff({ ctx: viewCtx(req, reply), v, form, identity, divisions, staff, now: new Date().toISOString() }), status);
  };
  app.get('/staff/complaints/:id', handle, async (req, reply) => page(req, reply, idParam(req)));

  const done = (reply: FastifyReply, id: number, key: Parameters<typeof redirectWithFlash>[3]) => redirectWithFlash(reply, `/staff/complaints/${id}`, 'success', key);

  app.post('/staff/complaints/:id/identity', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: reasonSchema,
      run: async (d) => ({ shown: await viewIdentity(p, req, id, d.reason), reason: d.reason }),
      done: (identity) => page(req, reply, id, emptyForm(), 200, identity),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/message', uploadRoute({ ...handle, limits: caseUpload }), async (req, reply) => {
    const id = idParam(req);
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: messageSchema,
      body: fields,
      run: async (d) => (await officerWrite(p, req, id, d.body, filesFrom(files), d.note), d.note),
      done: (note) => done(reply, id, note ? 'complaints.staff.noteSaved' : 'complaints.staff.messageSent'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/status', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: statusSchema,
      run: (d) => setStatus(p, req.user!, id, d.status as Status, d.forwarded_to),
      done: () => done(reply, id, 'complaints.staff.statusSaved'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/assign', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: assignSchema,
      run: (d) => assign(p, req.user!, id, d.assigned_user_id, d.assigned_division_id),
      done: () => done(reply, id, 'complaints.staff.assigned.saved'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/exclude', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: excludeSchema,
      run: (d) => exclude(p, req.user!, id, d.user_id, d.reason),
      done: () => done(reply, id, 'complaints.staff.excluded'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/include', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: includeSchema,
      run: (d) => include(p, req.user!, id, d.user_id),
      done: () => done(reply, id, 'complaints.staff.included'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.post('/staff/complaints/:id/lane', handle, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, {
      schema: moveSchema,
      run: (d) => moveToConfidential(p, req.user!, id, d.category),
      done: () => done(reply, id, 'complaints.staff.moved'),
      fail: (form) => page(req, reply, id, form, 422),
    });
  });

  app.get('/staff/complaints/:id/files/:file', handle, async (req, reply) => {
    const { c, key } = await loadCase(p, req, idParam(req));
    if (!key) return reply.code(404).send();
    const f = await openFile(p, c, key, idParam(req, 'file'), false);
    return reply.type(f.meta.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.meta.name)}`).header('x-content-type-options', 'nosniff').send(f.bytes);
  });
}
