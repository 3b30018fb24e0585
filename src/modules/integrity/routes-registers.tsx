// The year's registers: corruption risks, the anti-corruption action plan, ethics activities; each makes its report
// as a draft document for the publishing workflow.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { idParam, yearParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { registerRowYear } from './store.ts';
import { draftEthicsReport, draftPlanReport, draftRiskReport, listEthics, listProjects, listRisks, saveEthics, saveProject, saveRisk } from './registers.ts';
import { ethicsSchema, periodSchema, projectSchema, projectValues, riskSchema, riskValues } from './forms.ts';
import { EthicsPage, ProjectsPage, RisksPage } from './views/registers.tsx';

export function registerRegisterRoutes(app: FastifyInstance, p: Platform): void {
  const read = { preHandler: staffOnly('integrity.read') };
  const manage = { preHandler: staffOnly('integrity.manage') };
  const drafted = (reply: FastifyReply, id: number) => redirectWithFlash(reply, `/staff/content/${id}`, 'success', 'integrity.staff.reportDrafted');

  // ---- risks ----
  const risksPage = async (req: FastifyRequest, reply: FastifyReply, year: number, editId: number | null, form?: FormState, status = 200) => {
    const risks = await listRisks(p, req.agency.id, year);
    const editing = editId ? risks.find((r) => r.id === editId) ?? null : null;
    if (editId && !editing) throw new NotFoundError();
    return sendHtml(reply, RisksPage({ ctx: viewCtx(req, reply), year, risks, form: form ?? emptyForm(riskValues(editing)), editing }), status);
  };
  const saveRiskRoute = (req: FastifyRequest, reply: FastifyReply, year: number, id: number | null) =>
    handleForm(req, {
      schema: riskSchema,
      run: (d) => saveRisk(p, req.user!, year, id, d),
      done: () => redirectWithFlash(reply, `/staff/integrity/${year}/risks`, 'success', 'integrity.risk.saved'),
      fail: (form) => risksPage(req, reply, year, id, form, 422),
    });
  const riskYear = async (req: FastifyRequest) => (await registerRowYear(p.db, req.agency.id, 'integrity_risk', idParam(req))) ?? Promise.reject(new NotFoundError());

  app.get('/staff/integrity/:year/risks', read, async (req, reply) => risksPage(req, reply, yearParam(req), null));
  app.post('/staff/integrity/:year/risks', manage, async (req, reply) => saveRiskRoute(req, reply, yearParam(req), null));
  app.get('/staff/integrity/risks/:id', read, async (req, reply) => risksPage(req, reply, await riskYear(req), idParam(req)));
  app.post('/staff/integrity/risks/:id', manage, async (req, reply) => saveRiskRoute(req, reply, await riskYear(req), idParam(req)));

  // ---- the action plan ----
  const projectsPage = async (req: FastifyRequest, reply: FastifyReply, year: number, editId: number | null, form?: FormState, status = 200) => {
    const projects = await listProjects(p, req.agency.id, year);
    const editing = editId ? projects.find((r) => r.id === editId) ?? null : null;
    if (editId && !editing) throw new NotFoundError();
    return sendHtml(reply, ProjectsPage({ ctx: viewCtx(req, reply), year, projects, form: form ?? emptyForm(projectValues(editing)), editing }), status);
  };
  const saveProjectRoute = (req: FastifyRequest, reply: FastifyReply, year: number, id: number | null) =>
    handleForm(req, {
      schema: projectSchema,
      run: ({ budget, spent, percent, ...rest }) => saveProject(p, req.user!, year, id, { ...rest, budget_satang: budget ?? 0, spent_satang: spent ?? 0, percent: percent ?? 0 }),
      done: () => redirectWithFlash(reply, `/staff/integrity/${year}/projects`, 'success', 'integrity.project.saved'),
      fail: (form) => projectsPage(req, reply, year, id, form, 422),
    });
  const projectYear = async (req: FastifyRequest) => (await registerRowYear(p.db, req.agency.id, 'integrity_project', idParam(req))) ?? Promise.reject(new NotFoundError());

  app.get('/staff/integrity/:year/projects', read, async (req, reply) => projectsPage(req, reply, yearParam(req), null));
  app.post('/staff/integrity/:year/projects', manage, async (req, reply) => saveProjectRoute(req, reply, yearParam(req), null));
  app.get('/staff/integrity/projects/:id', read, async (req, reply) => projectsPage(req, reply, await projectYear(req), idParam(req)));
  app.post('/staff/integrity/projects/:id', manage, async (req, reply) => saveProjectRoute(req, reply, await projectYear(req), idParam(req)));

  // ---- ethics ----
  const ethicsPage = async (req: FastifyRequest, reply: FastifyReply, year: number, form?: FormState, status = 200) =>
    sendHtml(reply, EthicsPage({ ctx: viewCtx(req, reply), year, rows: await listEthics(p, req.agency.id, year), form: form ?? emptyForm({ kind: 'activity', day: bangkokDay() }) }), status);

  app.get('/staff/integrity/:year/ethics', read, async (req, reply) => ethicsPage(req, reply, yearParam(req)));
  app.post('/staff/integrity/:year/ethics', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, {
      schema: ethicsSchema,
      run: (d) => saveEthics(p, req.user!, year, null, { ...d, participants: d.participants ?? 0 }),
      done: () => redirectWithFlash(reply, `/staff/integrity/${year}/ethics`, 'success', 'integrity.ethics.saved'),
      fail: (form) => ethicsPage(req, reply, year, form, 422),
    });
  });

  // ---- reports of the registers, as draft documents ----
  app.post('/staff/integrity/:year/risks/report', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, { schema: periodSchema, run: (d) => draftRiskReport(p, req.user!, year, d.period), done: (id) => drafted(reply, id), fail: (form) => risksPage(req, reply, year, null, form, 422) });
  });
  app.post('/staff/integrity/:year/projects/report', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, { schema: periodSchema, run: (d) => draftPlanReport(p, req.user!, year, d.period), done: (id) => drafted(reply, id), fail: (form) => projectsPage(req, reply, year, null, form, 422) });
  });
  app.post('/staff/integrity/:year/ethics/report', manage, async (req, reply) => drafted(reply, await draftEthicsReport(p, req.user!, yearParam(req))));
}
