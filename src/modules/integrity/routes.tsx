import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { block, choice, day, email, formValues, int, money, parseForm, text, url, validationMessages, z, type FormValues } from '../../platform/http/forms.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { translate } from '../../platform/i18n/index.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { readPart } from '../../platform/files/index.ts';
import { listPublishedDocuments } from '../publishing/index.ts';
import { sendStoredFile } from '../../platform/files/routes.ts';
import { listDivisions } from '../agency/index.ts';
import { fmtScore, parseScore, type Rules } from './rules.ts';
import { getIssue, getMeasure, getReport, getResult, integrityYears, publishedReportFile, listReports, listResults, rulesFor, yearPlan, MEASURE_KINDS, MEASURE_STATUSES, REPORT_KINDS, type ReportKind, type Result } from './store.ts';
import { addEvidence, addMilestone, addOutcome, addRecommendation, importResults, removeRecommendation, removeRow, saveIssue, saveMeasure, saveResult, saveRules } from './service.ts';
import { whatIsMissing } from './report.ts';
import { publishReport, renderReport } from './reports.ts';
import { draftAnalysis } from './analysis.ts';
import { draftEthicsReport, draftPlanReport, draftRiskReport, ETHICS_KINDS, listEthics, listProjects, listRisks, PERIODS, PROCESSES, RISK_STATUSES, saveEthics, saveProject, saveRisk } from './registers.ts';
import { IntegrityIndexPage, IntegrityYearPage, MissingPage } from './views/public.tsx';
import { DashboardPage, HeadingPage, isOverdue, MeasurePage, YearPage } from './views/staff.tsx';
import { EthicsPage, ProjectsPage, RisksPage } from './views/registers.tsx';
import { idParam, yearParam } from '../../platform/http/params.ts';

const score = text({ min: 0, max: 6 }).transform((s, ctx) => {
  if (!s) return null;
  const v = parseScore(s);
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'integrity.err.score' });
    return z.NEVER;
  }
  return v;
});
const requiredScore = score.refine((v) => v !== null, { message: 'err.required' });
const rulesSchema = (levels: number) =>
  z.object({
    w_iit: int({ min: 0, max: 100 }), w_eit: int({ min: 0, max: 100 }), w_oit: int({ min: 0, max: 100 }),
    ...Object.fromEntries(Array.from({ length: levels }, (_, i) => [[`l${i}_total`, requiredScore], [`l${i}_each`, score]]).flat()),
  });
const resultSchema = z.object({ iit: score, eit: score, oit: score, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`i${i + 1}`, score])) });

const list = <T,>(parse: (s: string) => T | null, msg: 'err.invalid') =>
  text({ min: 0, max: 200 }).transform((s, ctx) => {
    const out: T[] = [];
    for (const part of s.split(/[\s,]+/).filter(Boolean)) {
      const v = parse(part);
      if (v === null) {
        ctx.addIssue({ code: 'custom', message: msg });
        return z.NEVER;
      }
      out.push(v);
    }
    return out;
  });
const headingSchema = z.object({
  no: int({ min: 1, max: 99 }),
  title_th: text({ max: 500 }),
  title_en: text({ min: 0, max: 500 }),
  indicators: list((s) => (/^(10|[1-9])$/.test(s) ? Number(s) : null), 'err.invalid'),
  oit_codes: list((s) => (/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/.test(s) ? s : null), 'err.invalid'),
  remarks: block({ max: 2000 }),
});
const measureSchema = z.object({
  kind: choice(MEASURE_KINDS),
  title_th: block({ min: 1, max: 2000 }),
  recommendation_id: int({ min: 1, optional: true }),
  owner_division_id: int({ min: 1, optional: true }),
  owner_name: text({ min: 0, max: 200 }),
  owner_email: email({ optional: true }),
  start_date: day({ optional: true }),
  due_date: day({ optional: true }),
  steps: block({ max: 5000 }),
  budget: money({ optional: true }).transform((v) => v ?? 0),
  status: choice(MEASURE_STATUSES),
  percent: int({ min: 0, max: 100, optional: true }).transform((v) => v ?? 0),
  summary: block({ max: 5000 }),
  remarks: block({ max: 2000 }),
});
const milestoneSchema = z.object({ day: day(), note: block({ min: 1, max: 2000 }), percent: int({ min: 0, max: 100, optional: true }) });
const evidenceSchema = z.object({
  title: text({ max: 500 }),
  content_id: int({ min: 1, optional: true }),
  oit_ref: text({ min: 0, max: 30 }).pipe(z.string().regex(/^(\d{4}\/[A-Za-z0-9][A-Za-z0-9.-]{0,19})?$/, 'integrity.err.oitRef')),
  url: url({ optional: true }),
});
const level15 = choice(['1', '2', '3', '4', '5']).transform(Number);
const riskSchema = z.object({
  process: choice(PROCESSES), title_th: block({ min: 1, max: 1000 }), likelihood: level15, impact: level15, controls: block({ max: 2000 }), mitigation: block({ max: 2000 }),
  owner_name: text({ min: 0, max: 200 }), due_date: day({ optional: true }), follow_up: block({ max: 2000 }), status: choice(RISK_STATUSES),
});
const projectSchema = z.object({
  title_th: block({ min: 1, max: 1000 }), objective: block({ max: 2000 }), target: block({ max: 2000 }), budget: money({ optional: true }), spent: money({ optional: true }),
  owner_name: text({ min: 0, max: 200 }), percent: int({ min: 0, max: 100, optional: true }), result: block({ max: 2000 }),
});
const ethicsSchema = z.object({ kind: choice(ETHICS_KINDS), title_th: block({ min: 1, max: 1000 }), day: day(), participants: int({ min: 0, max: 1_000_000, optional: true }), result: block({ max: 2000 }) });

const resultValues = (r: Result | undefined): FormValues =>
  r ? { iit: fmtScore(r.iit), eit: fmtScore(r.eit), oit: fmtScore(r.oit), ...Object.fromEntries(Object.entries(r.indicators).map(([k, v]) => [`i${k}`, fmtScore(v)])) } : {};
const rulesValues = (r: Rules): FormValues => ({
  w_iit: String(r.weights.iit), w_eit: String(r.weights.eit), w_oit: String(r.weights.oit),
  ...Object.fromEntries(r.levels.flatMap((l, i) => [[`l${i}_total`, fmtScore(l.min_total)], [`l${i}_each`, l.min_each === null ? '' : fmtScore(l.min_each)]])),
});

export function registerIntegrityRoutes(app: FastifyInstance, p: Platform): void {
  // ---- public ----
  app.get('/integrity', async (req, reply) => {
    const [years, results] = await Promise.all([integrityYears(p.db, req.agency.id), listResults(p.db, req.agency.id)]);
    return sendHtml(reply, IntegrityIndexPage({ ctx: viewCtx(req, reply), years, results }));
  });

  app.get('/integrity/:year', async (req, reply) => {
    const year = yearParam(req);
    const [result, plan, reports, results, years] = await Promise.all([getResult(p.db, req.agency.id, year), yearPlan(p.db, req.agency.id, year), listReports(p.db, req.agency.id), listResults(p.db, req.agency.id), integrityYears(p.db, req.agency.id)]);
    if (!result && !plan.issues.length) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: await whatIsMissing(p.db, req.agency.id, year), years }), 404);
    return sendHtml(reply, IntegrityYearPage({ ctx: viewCtx(req, reply), year, result: result ?? null, rules: await rulesFor(p.db, req.agency.id, year), plan, reports: reports.filter((r) => r.year === year), results, today: bangkokDay() }));
  });

  /** A published report's frozen file, at its stable address (one lookup); otherwise a Thai page saying what is missing. */
  const servePublished = (kind: ReportKind, ext: 'pdf' | 'docx') => async (req: FastifyRequest, reply: FastifyReply) => {
    const year = yearParam(req);
    const file = await publishedReportFile(p.db, req.agency.id, year, kind, ext);
    if (!file) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: await whatIsMissing(p.db, req.agency.id, year), years: await integrityYears(p.db, req.agency.id) }), 404);
    return sendStoredFile(p, req, reply, file, 'public');
  };
  for (const kind of REPORT_KINDS) {
    const base = kind === 'annual' ? 'report' : 'report-6-months';
    app.get(`/integrity/:year/${base}.pdf`, servePublished(kind, 'pdf'));
    app.get(`/integrity/:year/${base}.docx`, servePublished(kind, 'docx'));
  }

  // ---- staff ----
  const read = { preHandler: staffOnly('integrity.read') };
  const manage = { preHandler: staffOnly('integrity.manage') };
  const publishing = { preHandler: staffOnly('integrity.publish') };

  app.get('/staff/integrity', read, async (req, reply) => {
    const today = bangkokDay();
    const current = fiscalYear();
    const years = await integrityYears(p.db, req.agency.id);
    const results = await listResults(p.db, req.agency.id);
    const measures = (await Promise.all(years.map((y) => yearPlan(p.db, req.agency.id, y)))).flatMap((x) => x.measures);
    const open = measures.filter((m) => m.status === 'planned' || m.status === 'in_progress');
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const mine = (await yearPlan(p.db, req.agency.id, current)).measures.filter((m) => m.status !== 'cancelled');
    return sendHtml(reply, DashboardPage({
      ctx: viewCtx(req, reply),
      years: years.map((year) => ({ year, result: results.find((r) => r.year === year) ?? null })),
      overdue: open.filter((m) => isOverdue(m, today)),
      dueSoon: open.filter((m) => m.due_date && m.due_date >= today && m.due_date <= soon),
      current: { year: current, total: mine.length, done: mine.filter((m) => m.status === 'done').length, percent: mine.length ? Math.round(mine.reduce((a, m) => a + m.percent, 0) / mine.length) : 0 },
      today,
    }));
  });

  const yearPage = async (req: FastifyRequest, reply: FastifyReply, year: number, forms: { result?: FormState; heading?: FormState; rules?: FormState } = {}, status = 200) => {
    const [rules, result, plan, reports, missing] = await Promise.all([rulesFor(p.db, req.agency.id, year), getResult(p.db, req.agency.id, year), yearPlan(p.db, req.agency.id, year), listReports(p.db, req.agency.id), whatIsMissing(p.db, req.agency.id, year)]);
    const nextNo = (plan.issues[plan.issues.length - 1]?.no ?? 0) + 1;
    return sendHtml(reply, YearPage({
      ctx: viewCtx(req, reply), year, rules, result: result ?? null, plan, reports: reports.filter((r) => r.year === year), missing, today: bangkokDay(),
      resultForm: forms.result ?? emptyForm(resultValues(result)), headingForm: forms.heading ?? emptyForm({ no: String(nextNo) }),
      rulesForm: forms.rules ?? emptyForm(rulesValues(rules)),
    }), status);
  };

  app.get('/staff/integrity/:year', read, async (req, reply) => yearPage(req, reply, yearParam(req)));

  app.post('/staff/integrity/:year/result', manage, async (req, reply) => {
    const year = yearParam(req);
    const f = parseForm(req.lang, resultSchema, req.body);
    if (!f.ok) return yearPage(req, reply, year, { result: f }, 422);
    const d = f.data as Record<string, number | null>;
    const indicators: Record<string, number> = {};
    for (let i = 1; i <= 10; i++) if (d[`i${i}`] !== null && d[`i${i}`] !== undefined) indicators[i] = d[`i${i}`]!;
    try {
      const r = await saveResult(p, req.user!, { year, iit: d.iit ?? null, eit: d.eit ?? null, oit: d.oit ?? null, indicators });
      return redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.staff.resultSaved', { total: fmtScore(r.total), level: r.level });
    } catch (err) {
      if (err instanceof ValidationError) return yearPage(req, reply, year, { result: { values: formValues(req.body), errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  });

  app.post('/staff/integrity/:year/rules', manage, async (req, reply) => {
    const year = yearParam(req);
    const levels = (await rulesFor(p.db, req.agency.id, year)).levels.length;
    const f = parseForm(req.lang, rulesSchema(levels), req.body);
    if (!f.ok) return yearPage(req, reply, year, { rules: f }, 422);
    const d = f.data as Record<string, number | null>;
    try {
      const n = await saveRules(p, req.user!, year, {
        weights: { iit: d.w_iit!, eit: d.w_eit!, oit: d.w_oit! },
        thresholds: Array.from({ length: levels }, (_, i) => ({ min_total: d[`l${i}_total`]!, min_each: d[`l${i}_each`] ?? null })),
      });
      return redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.rules.saved', { year, n });
    } catch (err) {
      if (err instanceof ValidationError) return yearPage(req, reply, year, { rules: { values: formValues(req.body), errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  });

  app.post('/staff/integrity/results/import', uploadRoute(manage), async (req, reply) => {
    const { files } = req.upload!;
    const file = chosenFile(files, 'file');
    const year = fiscalYear();
    if (!file) return yearPage(req, reply, year, { result: { values: {}, errors: { file: translate(req.lang, 'err.fileMissing') } } }, 422);
    try {
      const bytes = await readPart(file, 1024 * 1024);
      if (!bytes) throw new ValidationError({ file: { key: 'err.fileTooLarge', vars: { max: '1 MB' } } });
      const n = await importResults(p, req.user!, bytes.toString('utf8'));
      return redirectWithFlash(reply, '/staff/integrity', 'success', 'integrity.staff.imported', { n });
    } catch (err) {
      if (err instanceof ValidationError) return yearPage(req, reply, year, { result: { values: {}, errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  });

  app.post('/staff/integrity/:year/headings', manage, async (req, reply) => {
    const year = yearParam(req);
    const f = parseForm(req.lang, headingSchema, req.body);
    if (!f.ok) return yearPage(req, reply, year, { heading: f }, 422);
    try {
      const id = await saveIssue(p, req.user!, year, null, f.data);
      return redirectWithFlash(reply, `/staff/integrity/headings/${id}`, 'success', 'integrity.staff.headingSaved');
    } catch (err) {
      if (err instanceof ValidationError) return yearPage(req, reply, year, { heading: { values: formValues(req.body), errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  });

  const headingPage = async (req: FastifyRequest, reply: FastifyReply, issueId: number, forms: { form?: FormState; heading?: FormState } = {}, status = 200) => {
    const issue = await getIssue(p.db, req.agency.id, issueId);
    if (!issue) throw new NotFoundError();
    const plan = await yearPlan(p.db, req.agency.id, issue.year);
    const documents = await listPublishedDocuments(p.db, req.agency.id);
    const heading = forms.heading ?? emptyForm({ no: String(issue.no), title_th: issue.title_th, title_en: issue.title_en, indicators: issue.indicators.join(', '), oit_codes: issue.oit_codes.join(', '), remarks: issue.remarks });
    return sendHtml(reply, HeadingPage({ ctx: viewCtx(req, reply), issue, plan, headingForm: heading, form: forms.form ?? emptyForm(), documents, today: bangkokDay() }), status);
  };

  app.get('/staff/integrity/headings/:id', read, async (req, reply) => headingPage(req, reply, idParam(req)));

  /** A change under a heading: a broken rule brings the heading page back with the message. */
  const underHeading = (schema: z.ZodType, run: (req: FastifyRequest, issueId: number, data: never) => Promise<Parameters<typeof redirectWithFlash>[3]>, which: 'form' | 'heading' = 'form') =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const issueId = idParam(req);
      const f = parseForm(req.lang, schema, req.body);
      if (!f.ok) return headingPage(req, reply, issueId, { [which]: f }, 422);
      try {
        const key = await run(req, issueId, f.data as never);
        return redirectWithFlash(reply, `/staff/integrity/headings/${issueId}`, 'success', key);
      } catch (err) {
        if (err instanceof ValidationError) return headingPage(req, reply, issueId, { [which]: { values: formValues(req.body), errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
        throw err;
      }
    };

  app.post('/staff/integrity/headings/:id', manage, underHeading(headingSchema, async (req, id, d: z.output<typeof headingSchema>) => {
    const issue = (await getIssue(p.db, req.agency.id, id))!;
    await saveIssue(p, req.user!, issue.year, id, d);
    return 'integrity.staff.headingSaved';
  }, 'heading'));
  app.post('/staff/integrity/headings/:id/recommendations', manage, underHeading(z.object({ text_th: block({ min: 1, max: 2000 }) }), async (req, id, d: { text_th: string }) => {
    await addRecommendation(p, req.user!, id, d.text_th);
    return 'integrity.staff.recommendationAdded';
  }));
  app.post('/staff/integrity/headings/:id/outcomes', manage, underHeading(z.object({ outcome: block({ min: 1, max: 2000 }) }), async (req, id, d: { outcome: string }) => {
    await addOutcome(p, req.user!, id, null, d.outcome);
    return 'integrity.staff.outcomeAdded';
  }));
  app.post('/staff/integrity/headings/:id/evidence', manage, underHeading(evidenceSchema, async (req, id, d: z.output<typeof evidenceSchema>) => {
    const [oitYear, oitCode] = d.oit_ref ? d.oit_ref.split('/') : [null, null];
    await addEvidence(p, req.user!, id, null, { title_th: d.title, content_id: d.content_id, oit_year: oitYear ? Number(oitYear) : null, oit_code: oitCode ?? null, url: d.url });
    return 'integrity.staff.evidenceAdded';
  }));

  for (const [path, table] of [['recommendations', 'integrity_recommendation'], ['outcomes', 'integrity_outcome'], ['evidence', 'integrity_evidence'], ['milestones', 'integrity_milestone']] as const) {
    app.post(`/staff/integrity/${path}/:id/remove`, manage, async (req, reply) => {
      const id = idParam(req);
      // back to the page the row was shown on
      const back = table === 'integrity_milestone'
        ? await p.db.k.selectFrom(table).select('measure_id as parent').where('agency_id', '=', req.agency.id).where('id', '=', id).executeTakeFirst().then((r) => r && `/staff/integrity/measures/${r.parent}`)
        : await p.db.k.selectFrom(table).select('issue_id as parent').where('agency_id', '=', req.agency.id).where('id', '=', id).executeTakeFirst().then((r) => r && `/staff/integrity/headings/${r.parent}`);
      if (!back) throw new NotFoundError();
      if (table === 'integrity_recommendation') await removeRecommendation(p, req.user!, id);
      else await removeRow(p, req.user!, table, id);
      return redirectWithFlash(reply, back, 'success', 'integrity.staff.removed');
    });
  }

  const measurePage = async (req: FastifyRequest, reply: FastifyReply, issueId: number, measureId: number | null, forms: { form?: FormState; milestone?: FormState } = {}, status = 200) => {
    const issue = await getIssue(p.db, req.agency.id, issueId);
    if (!issue) throw new NotFoundError();
    const measure = measureId === null ? null : (await getMeasure(p.db, req.agency.id, measureId)) ?? null;
    const plan = await yearPlan(p.db, req.agency.id, issue.year);
    const values: FormValues = measure
      ? { kind: measure.kind, title_th: measure.title_th, recommendation_id: measure.recommendation_id ? String(measure.recommendation_id) : '', owner_division_id: measure.owner_division_id ? String(measure.owner_division_id) : '', owner_name: measure.owner_name, owner_email: measure.owner_email, start_date: measure.start_date ?? '', due_date: measure.due_date ?? '', steps: measure.steps, budget: measure.budget_satang ? (Number(measure.budget_satang) / 100).toFixed(2) : '', status: measure.status, percent: String(measure.percent), summary: measure.summary, remarks: measure.remarks }
      : { kind: 'measure', status: 'planned', percent: '0' };
    return sendHtml(reply, MeasurePage({
      ctx: viewCtx(req, reply), issue, measure, form: forms.form ?? emptyForm(values), milestoneForm: forms.milestone ?? emptyForm({ day: bangkokDay() }),
      divisions: await listDivisions(p.db, req.agency.id), recommendations: plan.recommendations.filter((r) => r.issue_id === issue.id),
      milestones: measure ? plan.milestones.filter((m) => m.measure_id === measure.id) : [], today: bangkokDay(),
    }), status);
  };

  app.get('/staff/integrity/headings/:id/measures/new', manage, async (req, reply) => measurePage(req, reply, idParam(req), null));
  app.get('/staff/integrity/measures/:id', read, async (req, reply) => {
    const m = await getMeasure(p.db, req.agency.id, idParam(req));
    if (!m) throw new NotFoundError();
    return measurePage(req, reply, m.issue_id, m.id);
  });

  const postMeasure = async (req: FastifyRequest, reply: FastifyReply, issueId: number, measureId: number | null) => {
    const f = parseForm(req.lang, measureSchema, req.body);
    if (!f.ok) return measurePage(req, reply, issueId, measureId, { form: f }, 422);
    const { budget, ...rest } = f.data;
    try {
      const id = await saveMeasure(p, req.user!, measureId, { ...rest, issue_id: issueId, budget_satang: budget });
      return redirectWithFlash(reply, `/staff/integrity/measures/${id}`, 'success', 'integrity.staff.measureSaved');
    } catch (err) {
      if (err instanceof ValidationError) return measurePage(req, reply, issueId, measureId, { form: { values: formValues(req.body), errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  };
  app.post('/staff/integrity/headings/:id/measures/new', manage, async (req, reply) => postMeasure(req, reply, idParam(req), null));
  app.post('/staff/integrity/measures/:id', manage, async (req, reply) => {
    const m = await getMeasure(p.db, req.agency.id, idParam(req));
    if (!m) throw new NotFoundError();
    return postMeasure(req, reply, m.issue_id, m.id);
  });
  app.post('/staff/integrity/measures/:id/milestones', manage, async (req, reply) => {
    const m = await getMeasure(p.db, req.agency.id, idParam(req));
    if (!m) throw new NotFoundError();
    const f = parseForm(req.lang, milestoneSchema, req.body);
    if (!f.ok) return measurePage(req, reply, m.issue_id, m.id, { milestone: f }, 422);
    await addMilestone(p, req.user!, m.id, f.data.day, f.data.note, f.data.percent);
    return redirectWithFlash(reply, `/staff/integrity/measures/${m.id}`, 'success', 'integrity.staff.milestoneAdded');
  });

  // ---- reports ----
  const reportKind = (req: FastifyRequest): ReportKind => {
    const k = (req.params as { kind: string }).kind;
    if (!(REPORT_KINDS as readonly string[]).includes(k)) throw new NotFoundError();
    return k as ReportKind;
  };

  for (const ext of ['pdf', 'docx'] as const) {
    app.get(`/staff/integrity/:year/report/:kind.${ext}`, read, async (req, reply) => {
      const year = yearParam(req);
      const r = await renderReport(p, req.agency.id, year, reportKind(req), ext);
      if ('missing' in r) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: r.missing, years: await integrityYears(p.db, req.agency.id) }), 422);
      return reply
        .type(ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="integrity-${year}-${reportKind(req)}.${ext}"`)
        .header('cache-control', 'private, no-store')
        .send(r.data);
    });
  }

  app.post('/staff/integrity/:year/report/:kind/publish', publishing, async (req, reply) => {
    const year = yearParam(req);
    const kind = reportKind(req);
    const r = await publishReport(p, req.user!, year, kind);
    if ('missing' in r) return sendHtml(reply, MissingPage({ ctx: viewCtx(req, reply), year, missing: r.missing, years: await integrityYears(p.db, req.agency.id) }), 422);
    return redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.staff.published', { kind: translate(req.lang, `integrity.kind.${kind}`) });
  });

  app.post('/staff/integrity/:year/analysis', manage, async (req, reply) => {
    const year = yearParam(req);
    try {
      const id = await draftAnalysis(p, req.user!, year);
      return redirectWithFlash(reply, `/staff/content/${id}`, 'success', 'integrity.staff.analysisCreated');
    } catch (err) {
      if (err instanceof ValidationError) return yearPage(req, reply, year, { heading: { values: {}, errors: validationMessages(viewCtx(req, reply).t, err) } }, 422);
      throw err;
    }
  });

  // ---- risks, action plan, ethics ----
  type Reg = 'risks' | 'projects' | 'ethics';
  const regPage = async (req: FastifyRequest, reply: FastifyReply, which: Reg, year: number, form: FormState | null, editId: number | null, status = 200) => {
    const ctx = viewCtx(req, reply);
    if (which === 'risks') {
      const risks = await listRisks(p, req.agency.id, year);
      const editing = editId ? risks.find((r) => r.id === editId) ?? null : null;
      if (editId && !editing) throw new NotFoundError();
      const values: FormValues = editing ? { ...Object.fromEntries(Object.entries(editing).map(([k, v]) => [k, v === null ? '' : String(v)])) } : { likelihood: '3', impact: '3', status: 'open', process: 'disbursement' };
      return sendHtml(reply, RisksPage({ ctx, year, risks, form: form ?? emptyForm(values), editing }), status);
    }
    if (which === 'projects') {
      const projects = await listProjects(p, req.agency.id, year);
      const editing = editId ? projects.find((r) => r.id === editId) ?? null : null;
      if (editId && !editing) throw new NotFoundError();
      const values: FormValues = editing ? { title_th: editing.title_th, objective: editing.objective, target: editing.target, budget: (Number(editing.budget_satang) / 100).toFixed(2), spent: (Number(editing.spent_satang) / 100).toFixed(2), owner_name: editing.owner_name, percent: String(editing.percent), result: editing.result } : { percent: '0' };
      return sendHtml(reply, ProjectsPage({ ctx, year, projects, form: form ?? emptyForm(values), editing }), status);
    }
    return sendHtml(reply, EthicsPage({ ctx, year, rows: await listEthics(p, req.agency.id, year), form: form ?? emptyForm({ kind: 'activity', day: bangkokDay() }) }), status);
  };

  for (const which of ['risks', 'projects', 'ethics'] as const) {
    app.get(`/staff/integrity/:year/${which}`, read, async (req, reply) => regPage(req, reply, which, yearParam(req), null, null));
  }
  const saveReg = async (req: FastifyRequest, reply: FastifyReply, which: Reg, year: number, id: number | null) => {
    const schema = which === 'risks' ? riskSchema : which === 'projects' ? projectSchema : ethicsSchema;
    const f = parseForm(req.lang, schema as z.ZodType, req.body);
    if (!f.ok) return regPage(req, reply, which, year, f, id, 422);
    const d = f.data as Record<string, never>;
    if (which === 'risks') await saveRisk(p, req.user!, year, id, d as never);
    else if (which === 'projects') {
      const { budget, spent, percent, ...rest } = d as unknown as { budget: number | null; spent: number | null; percent: number | null; title_th: string; objective: string; target: string; owner_name: string; result: string };
      await saveProject(p, req.user!, year, id, { ...rest, budget_satang: budget ?? 0, spent_satang: spent ?? 0, percent: percent ?? 0 });
    } else {
      const e = d as unknown as { kind: string; title_th: string; day: string; participants: number | null; result: string };
      await saveEthics(p, req.user!, year, id, { ...e, participants: e.participants ?? 0 });
    }
    const key = which === 'risks' ? 'integrity.risk.saved' : which === 'projects' ? 'integrity.project.saved' : 'integrity.ethics.saved';
    return redirectWithFlash(reply, `/staff/integrity/${year}/${which}`, 'success', key);
  };
  for (const which of ['risks', 'projects', 'ethics'] as const) {
    app.post(`/staff/integrity/:year/${which}`, manage, async (req, reply) => saveReg(req, reply, which, yearParam(req), null));
  }
  for (const which of ['risks', 'projects'] as const) {
    const table = which === 'risks' ? 'integrity_risk' : 'integrity_project';
    const find = async (req: FastifyRequest) => {
      const row = await p.db.k.selectFrom(table).select('year').where('agency_id', '=', req.agency.id).where('id', '=', idParam(req)).executeTakeFirst();
      if (!row) throw new NotFoundError();
      return row.year;
    };
    app.get(`/staff/integrity/${which}/:id`, read, async (req, reply) => regPage(req, reply, which, await find(req), null, idParam(req)));
    app.post(`/staff/integrity/${which}/:id`, manage, async (req, reply) => saveReg(req, reply, which, await find(req), idParam(req)));
  }
  const periodOf = (req: FastifyRequest) => {
    const v = (req.body as { period?: string })?.period;
    if (!(PERIODS as readonly string[]).includes(v ?? '')) throw new ValidationError({ period: 'err.choice' });
    return v as (typeof PERIODS)[number];
  };
  app.post('/staff/integrity/:year/risks/report', manage, async (req, reply) => redirectWithFlash(reply, `/staff/content/${await draftRiskReport(p, req.user!, yearParam(req), periodOf(req))}`, 'success', 'integrity.staff.reportDrafted'));
  app.post('/staff/integrity/:year/projects/report', manage, async (req, reply) => redirectWithFlash(reply, `/staff/content/${await draftPlanReport(p, req.user!, yearParam(req), periodOf(req))}`, 'success', 'integrity.staff.reportDrafted'));
  app.post('/staff/integrity/:year/ethics/report', manage, async (req, reply) => redirectWithFlash(reply, `/staff/content/${await draftEthicsReport(p, req.user!, yearParam(req))}`, 'success', 'integrity.staff.reportDrafted'));
}
