// Staff pages: the overview, a year (results, rules, headings), a heading (recommendations, outcomes, evidence),
// a measure (with milestones). Routes parse and render; the services decide and write.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { block, z } from '../../platform/http/forms.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { idParam, yearParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { readPart } from '../../platform/files/index.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { listPublishedDocuments } from '../publishing/index.ts';
import { listDivisions } from '../agency/index.ts';
import { fmtScore } from './rules.ts';
import { getIssue, getMeasure, getResult, listReports, rulesFor, yearPlan } from './store.ts';
import { addEvidence, addMilestone, addOutcome, addRecommendation, importResults, removeUnder, saveIssue, saveMeasure, saveResult, saveRules, type RemovableKind } from './service.ts';
import { loadDashboard } from './dashboard.ts';
import { whatIsMissing } from './report.ts';
import { draftAnalysis } from './analysis.ts';
import { evidenceSchema, headingSchema, measureSchema, measureValues, milestoneSchema, resultSchema, resultValues, rulesSchema, rulesValues } from './forms.ts';
import { DashboardPage, HeadingPage, MeasurePage, YearPage } from './views/staff.tsx';

/** the largest ITA results file: a CSV of some years */
const RESULTS_CSV_MAX = 1024 * 1024;

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const read = { preHandler: staffOnly('integrity.read') };
  const manage = { preHandler: staffOnly('integrity.manage') };

  app.get('/staff/integrity', read, async (req, reply) => {
    const today = bangkokDay();
    // ?owner=me: the overdue and due-soon lists hold only the person's own measures (any other value: all of them)
    const mine = (req.query as Record<string, unknown>).owner === 'me';
    return sendHtml(reply, DashboardPage({ ctx: viewCtx(req, reply), ...(await loadDashboard(p, req.user!, today, { mine })), today, mine }));
  });

  // ---- a year ----
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
    return handleForm(req, {
      schema: resultSchema,
      run: (d) => {
        const scores = d as Record<string, number | null>;
        const indicators: Record<string, number> = {};
        for (let i = 1; i <= 10; i++) if (scores[`i${i}`] != null) indicators[i] = scores[`i${i}`]!;
        return saveResult(p, req.user!, { year, iit: scores.iit ?? null, eit: scores.eit ?? null, oit: scores.oit ?? null, indicators });
      },
      done: (r) => redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.staff.resultSaved', { total: fmtScore(r.total), level: r.level }),
      fail: (form) => yearPage(req, reply, year, { result: form }, 422),
    });
  });

  app.post('/staff/integrity/:year/rules', manage, async (req, reply) => {
    const year = yearParam(req);
    const levels = (await rulesFor(p.db, req.agency.id, year)).levels.length;
    return handleForm(req, {
      schema: rulesSchema(levels),
      run: (d) => {
        const v = d as Record<string, number | null>;
        return saveRules(p, req.user!, year, {
          weights: { iit: v.w_iit!, eit: v.w_eit!, oit: v.w_oit! },
          thresholds: Array.from({ length: levels }, (_, i) => ({ min_total: v[`l${i}_total`]!, min_each: v[`l${i}_each`] ?? null })),
        });
      },
      done: (n) => redirectWithFlash(reply, `/staff/integrity/${year}`, 'success', 'integrity.rules.saved', { year, n }),
      fail: (form) => yearPage(req, reply, year, { rules: form }, 422),
    });
  });

  app.post('/staff/integrity/results/import', uploadRoute(manage), async (req, reply) =>
    handleForm(req, {
      schema: z.object({}),
      body: req.upload!.fields,
      run: async () => {
        const file = chosenFile(req.upload!.files, 'file');
        if (!file) throw new ValidationError({ file: 'err.fileMissing' });
        const bytes = await readPart(file, RESULTS_CSV_MAX);
        if (!bytes) throw new ValidationError({ file: { key: 'err.fileTooLarge', vars: { max: '1 MB' } } });
        return importResults(p, req.user!, bytes.toString('utf8'));
      },
      done: (n) => redirectWithFlash(reply, '/staff/integrity', 'success', 'integrity.staff.imported', { n }),
      fail: (form) => yearPage(req, reply, fiscalYear(), { result: form }, 422),
    }),
  );

  app.post('/staff/integrity/:year/headings', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, {
      schema: headingSchema,
      run: (d) => saveIssue(p, req.user!, year, null, d),
      done: (id) => redirectWithFlash(reply, `/staff/integrity/headings/${id}`, 'success', 'integrity.staff.headingSaved'),
      fail: (form) => yearPage(req, reply, year, { heading: form }, 422),
    });
  });

  app.post('/staff/integrity/:year/analysis', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, {
      schema: z.object({}),
      run: () => draftAnalysis(p, req.user!, year),
      done: (id) => redirectWithFlash(reply, `/staff/content/${id}`, 'success', 'integrity.staff.analysisCreated'),
      fail: (form) => yearPage(req, reply, year, { heading: form }, 422),
    });
  });

  // ---- a heading ----
  const headingPage = async (req: FastifyRequest, reply: FastifyReply, issueId: number, forms: { form?: FormState; heading?: FormState } = {}, status = 200) => {
    const issue = await getIssue(p.db, req.agency.id, issueId);
    if (!issue) throw new NotFoundError();
    const [plan, documents] = await Promise.all([yearPlan(p.db, req.agency.id, issue.year), listPublishedDocuments(p.db, req.agency.id)]);
    const heading = forms.heading ?? emptyForm({ no: String(issue.no), title_th: issue.title_th, title_en: issue.title_en, indicators: issue.indicators.join(', '), oit_codes: issue.oit_codes.join(', '), remarks: issue.remarks });
    return sendHtml(reply, HeadingPage({ ctx: viewCtx(req, reply), issue, plan, headingForm: heading, form: forms.form ?? emptyForm(), documents, today: bangkokDay() }), status);
  };

  app.get('/staff/integrity/headings/:id', read, async (req, reply) => headingPage(req, reply, idParam(req)));

  /** A change under a heading: back to the heading page, with the message, or with the form and its errors. */
  const underHeading = <S extends z.ZodType>(schema: S, run: (req: FastifyRequest, issueId: number, data: z.output<S>) => Promise<Parameters<typeof redirectWithFlash>[3]>, which: 'form' | 'heading' = 'form') =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const issueId = idParam(req);
      return handleForm(req, {
        schema,
        run: (d) => run(req, issueId, d),
        done: (key) => redirectWithFlash(reply, `/staff/integrity/headings/${issueId}`, 'success', key),
        fail: (form) => headingPage(req, reply, issueId, { [which]: form }, 422),
      });
    };

  app.post('/staff/integrity/headings/:id', manage, underHeading(headingSchema, async (req, id, d) => {
    const issue = await getIssue(p.db, req.agency.id, id);
    if (!issue) throw new NotFoundError();
    await saveIssue(p, req.user!, issue.year, id, d);
    return 'integrity.staff.headingSaved';
  }, 'heading'));
  app.post('/staff/integrity/headings/:id/recommendations', manage, underHeading(z.object({ text_th: block({ min: 1, max: 2000 }) }), async (req, id, d) => {
    await addRecommendation(p, req.user!, id, d.text_th);
    return 'integrity.staff.recommendationAdded';
  }));
  app.post('/staff/integrity/headings/:id/outcomes', manage, underHeading(z.object({ outcome: block({ min: 1, max: 2000 }) }), async (req, id, d) => {
    await addOutcome(p, req.user!, id, null, d.outcome);
    return 'integrity.staff.outcomeAdded';
  }));
  app.post('/staff/integrity/headings/:id/evidence', manage, underHeading(evidenceSchema, async (req, id, d) => {
    const [oitYear, oitCode] = d.oit_ref ? d.oit_ref.split('/') : [null, null];
    await addEvidence(p, req.user!, id, null, { title_th: d.title, content_id: d.content_id, oit_year: oitYear ? Number(oitYear) : null, oit_code: oitCode ?? null, url: d.url });
    return 'integrity.staff.evidenceAdded';
  }));

  for (const kind of ['recommendations', 'outcomes', 'evidence', 'milestones'] as const satisfies readonly RemovableKind[]) {
    app.post(`/staff/integrity/${kind}/:id/remove`, manage, async (req, reply) => {
      const back = await removeUnder(p, req.user!, kind, idParam(req));
      return redirectWithFlash(reply, back, 'success', 'integrity.staff.removed');
    });
  }

  // ---- a measure ----
  const measurePage = async (req: FastifyRequest, reply: FastifyReply, issueId: number, measureId: number | null, forms: { form?: FormState; milestone?: FormState } = {}, status = 200) => {
    const issue = await getIssue(p.db, req.agency.id, issueId);
    if (!issue) throw new NotFoundError();
    const [measure, plan, divisions] = await Promise.all([measureId === null ? null : getMeasure(p.db, req.agency.id, measureId), yearPlan(p.db, req.agency.id, issue.year), listDivisions(p.db, req.agency.id)]);
    return sendHtml(reply, MeasurePage({
      ctx: viewCtx(req, reply), issue, measure: measure ?? null, form: forms.form ?? emptyForm(measureValues(measure ?? null)), milestoneForm: forms.milestone ?? emptyForm({ day: bangkokDay() }),
      divisions, recommendations: plan.recommendations.filter((r) => r.issue_id === issue.id),
      milestones: measure ? plan.milestones.filter((m) => m.measure_id === measure.id) : [], today: bangkokDay(),
    }), status);
  };
  const measureOf = async (req: FastifyRequest) => {
    const m = await getMeasure(p.db, req.agency.id, idParam(req));
    if (!m) throw new NotFoundError();
    return m;
  };

  app.get('/staff/integrity/headings/:id/measures/new', manage, async (req, reply) => measurePage(req, reply, idParam(req), null));
  app.get('/staff/integrity/measures/:id', read, async (req, reply) => {
    const m = await measureOf(req);
    return measurePage(req, reply, m.issue_id, m.id);
  });

  const postMeasure = (req: FastifyRequest, reply: FastifyReply, issueId: number, measureId: number | null) =>
    handleForm(req, {
      schema: measureSchema,
      run: ({ budget, ...rest }) => saveMeasure(p, req.user!, measureId, { ...rest, issue_id: issueId, budget_satang: budget }),
      done: (id) => redirectWithFlash(reply, `/staff/integrity/measures/${id}`, 'success', 'integrity.staff.measureSaved'),
      fail: (form) => measurePage(req, reply, issueId, measureId, { form }, 422),
    });
  app.post('/staff/integrity/headings/:id/measures/new', manage, async (req, reply) => postMeasure(req, reply, idParam(req), null));
  app.post('/staff/integrity/measures/:id', manage, async (req, reply) => {
    const m = await measureOf(req);
    return postMeasure(req, reply, m.issue_id, m.id);
  });
  app.post('/staff/integrity/measures/:id/milestones', manage, async (req, reply) => {
    const m = await measureOf(req);
    return handleForm(req, {
      schema: milestoneSchema,
      run: (d) => addMilestone(p, req.user!, m.id, d.day, d.note, d.percent),
      done: () => redirectWithFlash(reply, `/staff/integrity/measures/${m.id}`, 'success', 'integrity.staff.milestoneAdded'),
      fail: (form) => measurePage(req, reply, m.issue_id, m.id, { milestone: form }, 422),
    });
  });
}
