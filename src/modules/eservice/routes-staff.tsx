// Staff routes: the queue per unit and a request's actions (eservice.handle), recording a request from the counter
// or the phone, the catalogue editor (eservice.manage), Open311 API keys (eservice.keys), the equal-service view
// (eservice.read).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { can } from '../../platform/auth/roles.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { text, z } from '../../platform/http/forms.ts';
import { uploadRoute } from '../../platform/http/multipart.ts';
import { paged } from '../../platform/http/paging.ts';
import { idParam, textQuery, yearParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { createApiKey, revokeApiKey } from './apikeys.ts';
import { divisionIdsOf, rowsToInput, saveService } from './catalogue.ts';
import { actionSchema, answersFrom, completeSchema, fieldRows, infoSchema, rejectSchema, requestSchema, serviceSchema, serviceValues, stepRows } from './forms.ts';
import { AREA, HANDLE, KEYS, MANAGE, READ, STATUSES } from './kinds.ts';
import { accept, complete, nextStep, reject, requestInfo, submitRequest } from './requests.ts';
import { divisionNames, filesByKey, requestUpload } from './routes-public.tsx';
import { ratingComments, yearStats } from './stats.ts';
import { allDefs, answersOf, eventsOf, getRequest, listApiKeys, listRequests, listServices, openByDivision, requestSteps, serviceDef, serviceNames, yearsWithRequests } from './store.ts';
import { stepLabel, stepTimings } from './timing.ts';
import { ApiKeysPage, ChooseServicePage, EqualityPage, HubPage, QueuePage, RecordPage, RequestPage, ServiceEditPage, ServicesPage, type QueueQuery } from './views/staff.tsx';

const keySchema = z.object({ name: text({ min: 2, max: 100 }) });

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const handle = { preHandler: staffOnly(HANDLE) };
  const manage = { preHandler: staffOnly(MANAGE) };
  const read = { preHandler: staffOnly(READ) };
  const keys = { preHandler: staffOnly(KEYS) };
  const divisionsOf = async (req: FastifyRequest) => [...(await divisionNames(p, req.agency.id, req.lang)).entries()].map(([id, name]) => ({ id, name }));

  // ---- the queue (for the officers; the others get links to what they may use) ----
  app.get('/staff/e-service', { preHandler: staffOnly(AREA) }, async (req, reply) => {
    const u = req.user!;
    if (!can(u, HANDLE)) return sendHtml(reply, HubPage({ ctx: viewCtx(req, reply), can: { manage: can(u, MANAGE), read: can(u, READ), keys: can(u, KEYS) } }));
    const q = req.query as Record<string, unknown>;
    const num = (v: unknown) => (/^\d{1,9}$/.test(textQuery(v)) ? Number(textQuery(v)) : null);
    const state = textQuery(q.state);
    const query: QueueQuery = {
      state: state === 'overdue' || state === 'closed' || state === 'all' ? state : 'open',
      status: (STATUSES as readonly string[]).includes(textQuery(q.status)) ? textQuery(q.status) : '',
      unit: num(q.unit),
      service: num(q.service),
    };
    const now = new Date().toISOString();
    const [list, divisions, counts, services] = await Promise.all([
      paged(q.page, 25, (limit, offset) => listRequests(p.db, { agencyId: req.agency.id, state: query.state, status: query.status || undefined, divisionId: query.unit ?? undefined, serviceId: query.service ?? undefined, now, limit, offset })),
      divisionsOf(req),
      openByDivision(p.db, req.agency.id),
      listServices(p.db, req.agency.id, { publishedOnly: false }),
    ]);
    return sendHtml(reply, QueuePage({ ctx: viewCtx(req, reply), rows: list.rows, info: list.info, query, divisions, counts, services, now, can: { manage: can(u, MANAGE), read: can(u, READ), keys: can(u, KEYS) } }));
  });

  // ---- a request ----
  const requestPage = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState = emptyForm(), status = 200) => {
    const r = await getRequest(p.db, req.agency.id, id);
    if (!r) throw new NotFoundError();
    const [steps, events, service, names] = await Promise.all([
      requestSteps(p.db, r.id),
      eventsOf(p.db, r.id),
      serviceNames(p.db, r.service_id),
      divisionNames(p, req.agency.id, req.lang),
    ]);
    const lang = req.lang;
    const v = {
      r, service, steps: stepTimings(r, steps), answers: answersOf(r), unit: (r.division_id !== null && names.get(r.division_id)) || req.agency[req.lang].name,
      history: events.map((e) => ({
        at: e.at, kind: e.kind, position: e.position, note: e.note, stepName: e.position !== null ? stepLabel(steps[e.position], lang) : undefined, by: e.display_name,
        file: e.file_public_id && e.file_name ? { name: e.file_name, href: `/files/${e.file_public_id}/${encodeURIComponent(e.file_name)}` } : null,
      })),
    };
    return sendHtml(reply, RequestPage({ ctx: viewCtx(req, reply), v, form, now: new Date().toISOString() }), status);
  };
  app.get('/staff/e-service/requests/:id', handle, async (req, reply) => requestPage(req, reply, idParam(req)));

  const action = <S extends z.ZodType<{ step: number }>>(name: string, schema: S, run: (req: FastifyRequest, id: number, d: z.output<S>) => Promise<void>, flash: MessageKey) =>
    app.post(`/staff/e-service/requests/:id/${name}`, handle, async (req, reply) => {
      const id = idParam(req);
      return handleForm(req, {
        schema,
        run: (d) => run(req, id, d),
        done: () => redirectWithFlash(reply, `/staff/e-service/requests/${id}`, 'success', flash),
        fail: (form) => requestPage(req, reply, id, form, 422),
      });
    });
  action('accept', actionSchema, (req, id, d) => accept(p, req.user!, id, { expectStep: d.step }), 'eservice.staff.accepted');
  action('next', actionSchema, (req, id, d) => nextStep(p, req.user!, id, { expectStep: d.step }), 'eservice.staff.moved');
  action('info', infoSchema, (req, id, d) => requestInfo(p, req.user!, id, d.question, { expectStep: d.step }), 'eservice.staff.asked');
  action('complete', completeSchema, (req, id, d) => complete(p, req.user!, id, d.note, { expectStep: d.step }), 'eservice.staff.completed');
  action('reject', rejectSchema, (req, id, d) => reject(p, req.user!, id, d.reason, { expectStep: d.step }), 'eservice.staff.rejected');

  // ---- recording a request from the counter or the phone ----
  const recordDef = async (req: FastifyRequest) => {
    const slug = textQuery((req.query as { service?: unknown }).service, 80);
    return slug ? serviceDef(p.db, req.agency.id, { slug }) : undefined;
  };
  const recordPage = (req: FastifyRequest, reply: FastifyReply, def: NonNullable<Awaited<ReturnType<typeof recordDef>>>, form: FormState, status = 200, recorded?: { number: string; code: string }) =>
    sendHtml(reply, RecordPage({ ctx: viewCtx(req, reply), def, form, recorded }), status);
  app.get('/staff/e-service/new', handle, async (req, reply) => {
    const def = await recordDef(req);
    if (!def) return sendHtml(reply, ChooseServicePage({ ctx: viewCtx(req, reply), services: await listServices(p.db, req.agency.id, { publishedOnly: false }) }));
    return recordPage(req, reply, def, emptyForm({ channel: 'walk_in' }));
  });
  app.post('/staff/e-service/new', uploadRoute({ ...handle, limits: requestUpload }), async (req, reply) => {
    const def = await recordDef(req);
    if (!def) throw new NotFoundError();
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: requestSchema(def, 'staff'),
      body: fields,
      run: (d) => {
        const data = d as Record<string, unknown> & { name: string; email: string; phone: string; channel: 'walk_in' | 'phone' };
        return submitRequest(p, req.agency.id, def, { channel: data.channel, requester: { name: data.name, email: data.email, phone: data.phone }, answers: answersFrom(def, data), files: filesByKey(def, files) }, req.user!);
      },
      // the code is shown once, to give to the requester; the form is empty again for the next one
      done: (r) => recordPage(req, reply, def, emptyForm({ channel: String(fields.channel ?? 'walk_in') }), 200, { number: r.number, code: r.code }),
      fail: (form) => recordPage(req, reply, def, form, 422),
    });
  });

  // ---- the catalogue ----
  app.get('/staff/e-service/services', manage, async (req, reply) => sendHtml(reply, ServicesPage({ ctx: viewCtx(req, reply), defs: await allDefs(p.db, req.agency.id, { publishedOnly: false }) })));
  const editPage = async (req: FastifyRequest, reply: FastifyReply, id: number | null, form: FormState, status = 200) =>
    sendHtml(reply, ServiceEditPage({ ctx: viewCtx(req, reply), form, id, divisions: await divisionsOf(req) }), status);
  const saveRoute = (id: number | null) => async (req: FastifyRequest, reply: FastifyReply) =>
    handleForm(req, {
      schema: serviceSchema,
      run: async (d) => {
        const body = req.body as Record<string, string>;
        const rows = rowsToInput(stepRows(body), fieldRows(body), await divisionIdsOf(p.db, req.agency.id));
        return saveService(p, req.user!, id, d, rows.steps, rows.fields);
      },
      done: (saved) => redirectWithFlash(reply, `/staff/e-service/services/${saved}`, 'success', 'eservice.edit.saved'),
      fail: (form) => editPage(req, reply, id, form, 422),
    });
  app.get('/staff/e-service/services/new', manage, async (req, reply) => editPage(req, reply, null, emptyForm(serviceValues(undefined))));
  app.post('/staff/e-service/services/new', manage, saveRoute(null));
  app.get('/staff/e-service/services/:id', manage, async (req, reply) => {
    const def = await serviceDef(p.db, req.agency.id, { id: idParam(req) });
    if (!def) throw new NotFoundError();
    return editPage(req, reply, def.service.id, emptyForm(serviceValues(def)));
  });
  app.post('/staff/e-service/services/:id', manage, async (req, reply) => {
    const id = idParam(req);
    if (!(await serviceDef(p.db, req.agency.id, { id }))) throw new NotFoundError();
    return saveRoute(id)(req, reply);
  });

  // ---- Open311 API keys ----
  const keysPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200, created?: { key: string; name: string }) =>
    sendHtml(reply, ApiKeysPage({ ctx: viewCtx(req, reply), keys: await listApiKeys(p.db, req.agency.id), form, created }), status);
  app.get('/staff/e-service/api-keys', keys, async (req, reply) => keysPage(req, reply));
  app.post('/staff/e-service/api-keys', keys, async (req, reply) =>
    handleForm(req, {
      schema: keySchema,
      run: async (d) => ({ ...(await createApiKey(p, req.user!, d.name)), name: d.name }),
      // shown once, on this answer only (never stored, never redirected with)
      done: (k) => keysPage(req, reply, emptyForm(), 200, { key: k.key, name: k.name }),
      fail: (form) => keysPage(req, reply, form, 422),
    }),
  );
  app.post('/staff/e-service/api-keys/:id/revoke', keys, async (req, reply) => {
    await revokeApiKey(p, req.user!, idParam(req));
    return redirectWithFlash(reply, '/staff/e-service/api-keys', 'success', 'eservice.keys.revokedFlash');
  });

  // ---- the equal-service view ----
  app.get('/staff/e-service/equality', read, async (_req, reply) => reply.redirect(`/staff/e-service/equality/${fiscalYear()}`, 303));
  app.get('/staff/e-service/equality/:year', read, async (req, reply) => {
    const year = yearParam(req);
    const [s, years, comments] = await Promise.all([yearStats(p.db, req.agency.id, year), yearsWithRequests(p.db, req.agency.id), ratingComments(p.db, req.agency.id, year)]);
    return sendHtml(reply, EqualityPage({ ctx: viewCtx(req, reply), s, years: [...new Set([fiscalYear(), ...years])].sort((a, b) => b - a), comments }));
  });
}
