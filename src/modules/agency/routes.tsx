import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { block, checkbox, choice, email, int, text, url, z } from '../../platform/http/forms.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { getAgency } from '../../platform/tenant.ts';
import { getDivision, getExecutive, listDivisions, listExecutives, SIDES, type Executive } from './store.ts';
import { leadersCache, saveDivision, saveExecutive, updateProfile } from './service.ts';
import { ContactPage, ExecutivesPage, HomePage, StructurePage } from './views/public.tsx';
import { AgencyAdminPage, DivisionForm, ExecutiveForm } from './views/admin.tsx';
import { idParam } from '../../platform/http/params.ts';

const profileSchema = z.object({
  name_th: text({ max: 200 }),
  name_en: text({ min: 0, max: 200 }),
  address_th: block({ max: 500 }),
  address_en: block({ max: 500 }),
  postcode: text({ min: 0, max: 5 }).pipe(z.string().regex(/^(\d{5})?$/, 'err.invalid')),
  phone: text({ min: 0, max: 100 }),
  fax: text({ min: 0, max: 100 }),
  email: email({ optional: true }),
  office_hours_th: text({ min: 0, max: 200 }),
  office_hours_en: text({ min: 0, max: 200 }),
  map_url: url({ optional: true }),
});

const executiveSchema = z.object({
  side: choice(SIDES),
  name_th: text({ max: 200 }),
  name_en: text({ min: 0, max: 200 }),
  position_th: text({ max: 200 }),
  position_en: text({ min: 0, max: 200 }),
  phone: text({ min: 0, max: 100 }),
  email: email({ optional: true }),
  sort_order: int({ min: 0, max: 9999, optional: true }).transform((n) => n ?? 0),
  is_current: checkbox(),
});

const divisionSchema = z.object({
  side: choice(SIDES),
  name_th: text({ max: 200 }),
  name_en: text({ min: 0, max: 200 }),
  duties_th: block({ max: 2000 }),
  parent_id: int({ min: 1, optional: true }),
  sort_order: int({ min: 0, max: 9999, optional: true }).transform((n) => n ?? 0),
});

export function registerAgencyRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/', async (req, reply) => {
    const ctx = viewCtx(req, reply);
    // the head of each side: the first by display order
    const leaders = await leadersCache.get(String(req.agency.id), async () => {
      const execs = await listExecutives(p.db, req.agency.id);
      return (['political', 'permanent'] as const).map((s) => execs.find((e) => e.side === s)).filter((e): e is Executive => !!e);
    });
    const blocks = await Promise.all(app.homeBlocks.map((b) => b(p, ctx, req)));
    return sendHtml(reply, HomePage({ ctx, leaders, blocks }));
  });

  app.get('/about/structure', async (req, reply) => {
    const [divisions, executives] = await Promise.all([listDivisions(p.db, req.agency.id), listExecutives(p.db, req.agency.id)]);
    const heads = executives.filter((e, i) => executives.findIndex((x) => x.side === e.side) === i);
    return sendHtml(reply, StructurePage({ ctx: viewCtx(req, reply), divisions, executives: heads }));
  });

  app.get('/about/executives', async (req, reply) =>
    sendHtml(reply, ExecutivesPage({ ctx: viewCtx(req, reply), executives: await listExecutives(p.db, req.agency.id) })),
  );

  app.get('/contact', async (req, reply) => {
    const agency = await getAgency(p.db, req.agency.id);
    return sendHtml(reply, ContactPage({ ctx: viewCtx(req, reply), agency: agency! }));
  });

  // ---- staff ----
  const guard = { preHandler: staffOnly('agency.edit') };

  const adminPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const [executives, divisions] = await Promise.all([listExecutives(p.db, req.agency.id, false), listDivisions(p.db, req.agency.id)]);
    return sendHtml(reply, AgencyAdminPage({ ctx: viewCtx(req, reply), form, executives, divisions }), status);
  };

  app.get('/staff/agency', guard, async (req, reply) => {
    const a = (await getAgency(p.db, req.agency.id))!;
    const { id: _id, slug: _s, hostname: _h, created_at: _c, updated_at: _u, ...values } = a;
    return adminPage(req, reply, emptyForm(values as Record<string, string>));
  });

  app.post('/staff/agency', guard, async (req, reply) =>
    handleForm(req, {
      schema: profileSchema,
      run: (d) => updateProfile(p, req.user!, d),
      done: () => redirectWithFlash(reply, '/staff/agency', 'success', 'agency.admin.saved'),
      fail: (form) => adminPage(req, reply, form, 422),
    }),
  );

  const executiveValues = (e: Executive) => ({
    side: e.side, name_th: e.name_th, name_en: e.name_en, position_th: e.position_th, position_en: e.position_en,
    phone: e.phone, email: e.email, sort_order: String(e.sort_order), is_current: e.is_current ? 'on' : undefined,
  });

  app.get('/staff/agency/executives/new', guard, async (req, reply) =>
    sendHtml(reply, ExecutiveForm({ ctx: viewCtx(req, reply), form: emptyForm({ side: 'political', is_current: 'on', sort_order: '0' }), executive: null })),
  );
  app.get('/staff/agency/executives/:id', guard, async (req, reply) => {
    const e = await getExecutive(p.db, req.agency.id, idParam(req));
    if (!e) throw new NotFoundError();
    return sendHtml(reply, ExecutiveForm({ ctx: viewCtx(req, reply), form: emptyForm(executiveValues(e)), executive: e }));
  });

  const postExecutive = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const existing = id === null ? null : (await getExecutive(p.db, req.agency.id, id)) ?? null;
    if (id !== null && !existing) throw new NotFoundError();
    const { fields, files } = req.upload!;
    return handleForm(req, {
      schema: executiveSchema,
      body: fields,
      run: (d) => saveExecutive(p, req.user!, id, d, chosenFile(files, 'portrait')),
      done: () => redirectWithFlash(reply, '/staff/agency#executives', 'success', 'agency.admin.executiveSaved'),
      fail: (form) => sendHtml(reply, ExecutiveForm({ ctx: viewCtx(req, reply), form, executive: existing }), 422),
    });
  };
  app.post('/staff/agency/executives/new', uploadRoute(guard), (req, reply) => postExecutive(req, reply, null));
  app.post('/staff/agency/executives/:id', uploadRoute(guard), (req, reply) => postExecutive(req, reply, idParam(req)));

  app.get('/staff/agency/divisions/new', guard, async (req, reply) =>
    sendHtml(reply, DivisionForm({ ctx: viewCtx(req, reply), form: emptyForm({ side: 'permanent', sort_order: '0' }), division: null, divisions: await listDivisions(p.db, req.agency.id) })),
  );
  app.get('/staff/agency/divisions/:id', guard, async (req, reply) => {
    const d = await getDivision(p.db, req.agency.id, idParam(req));
    if (!d) throw new NotFoundError();
    const values = { side: d.side, name_th: d.name_th, name_en: d.name_en, duties_th: d.duties_th, parent_id: d.parent_id ? String(d.parent_id) : '', sort_order: String(d.sort_order) };
    return sendHtml(reply, DivisionForm({ ctx: viewCtx(req, reply), form: emptyForm(values), division: d, divisions: await listDivisions(p.db, req.agency.id) }));
  });

  const postDivision = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const existing = id === null ? null : (await getDivision(p.db, req.agency.id, id)) ?? null;
    if (id !== null && !existing) throw new NotFoundError();
    return handleForm(req, {
      schema: divisionSchema,
      run: (d) => saveDivision(p, req.user!, id, d),
      done: () => redirectWithFlash(reply, '/staff/agency#divisions', 'success', 'agency.admin.divisionSaved'),
      fail: async (form) => sendHtml(reply, DivisionForm({ ctx: viewCtx(req, reply), form, division: existing, divisions: await listDivisions(p.db, req.agency.id) }), 422),
    });
  };

  app.post('/staff/agency/divisions/new', guard, (req, reply) => postDivision(req, reply, null));
  app.post('/staff/agency/divisions/:id', guard, (req, reply) => postDivision(req, reply, idParam(req)));
}
