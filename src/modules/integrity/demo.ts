// The demo's integrity data: the seed report's FY 2567 headings, recommendations, measures and outcomes,
// results of other years, this year's measures in progress, risks, projects and ethics; the 2567 report published,
// and the finished years 2568 and 2569 with their yearly reports published and bound to the OIT items that ask for them.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { toJson, tx } from '../../platform/db/index.ts';
import { fiscalYearRange } from '../../platform/thai/index.ts';
import { readSeed, listDivisions } from '../agency/index.ts';
import { addBinding } from '../oit/index.ts';
import { DEFAULT_RULES, levelOf, parseScore, toolFromIndicators, totalOf } from './rules.ts';
import { publishReport } from './reports.ts';

interface SeedReport {
  fiscal_year_be: number;
  issues: Array<{ no: number; title_th: string; title_en: string; recommendations_th: string[]; measures_th: string[]; outcomes_th: string[]; evidence_th: string[] }>;
}
interface DemoIntegrity {
  results: Array<{ year: number; iit: string; eit: string; oit: string; indicators: Record<string, string> }>;
  issue_links: Array<{ no: number; indicators: number[]; oit_codes: string[] }>;
  owners: Array<{ match: string; division: string }>;
  evidence: Record<string, { slug?: string; oit?: string }>;
  report_oit: { year: number; code: string };
  /** past years whose yearly report the demo generates and publishes, bound to the OIT items that ask for it */
  reports: Array<{
    year: number;
    oit: Array<{ year: number; code: string }>;
    issues: Array<{
      no: number;
      recommendations: string[];
      measures: Array<{ title: string; division: string; summary: string; mid: string; done: string }>;
      outcomes: string[];
      evidence: Array<{ title: string; slug?: string; oit?: string }>;
    }>;
  }>;
  current: { year: number; measures: Array<{ issue: number; title: string; division: string; owner: string; start: string; due: string; status: string; percent: number; milestones: Array<{ day: string; note: string; percent: number }> }> };
  risks: Array<{ process: string; title: string; likelihood: number; impact: number; controls: string; mitigation: string; owner: string; due: string; status: string }>;
  projects: Array<{ title: string; objective: string; target: string; budget: number; spent: number; owner: string; percent: number; result: string }>;
  ethics: Array<{ kind: string; title: string; day: string; participants: number; result: string }>;
}

export async function seedDemoIntegrity(p: Platform, ctx: DemoContext): Promise<void> {
  const { agencyId, ids: contentIds } = ctx;
  const system = systemActor(agencyId, 'demo');
  const report = readSeed<SeedReport>('sample-integrity-report-2567.json');
  const demo = readSeed<DemoIntegrity>('demo-integrity.json');
  const divisions = await listDivisions(p.db, agencyId);
  const divisionId = (name: string) => divisions.find((d) => d.name_th === name)?.id ?? null;
  const ownerOf = (text: string) => divisionId(demo.owners.find((o) => text.includes(o.match))!.division);
  const now = new Date().toISOString();
  const year = report.fiscal_year_be;
  const fy = fiscalYearRange(year);
  await tx(p.db, async (t) => {
    for (const r of demo.results) {
      const indicators = Object.fromEntries(Object.entries(r.indicators).map(([k, v]) => [k, parseScore(v)!]));
      const s = { iit: parseScore(r.iit) ?? toolFromIndicators(DEFAULT_RULES, 'iit', indicators)!, eit: parseScore(r.eit)!, oit: parseScore(r.oit)! };
      const total = totalOf(DEFAULT_RULES, s);
      await t.k.insertInto('ita_result').values({ agency_id: agencyId, year: r.year, ...s, total, level_th: levelOf(DEFAULT_RULES, total, s).level_th, indicators: toJson(indicators), updated_by: null, updated_at: now }).execute();
    }
    const issueIds = new Map<number, number>();
    const headings = async (y: number) => {
      for (const issue of report.issues) {
        const links = demo.issue_links.find((l) => l.no === issue.no)!;
        const row = await t.k.insertInto('integrity_issue').values({ agency_id: agencyId, year: y, no: issue.no, title_th: issue.title_th, title_en: issue.title_en, indicators: toJson(links.indicators), oit_codes: toJson(links.oit_codes), remarks: '' }).returning('id').executeTakeFirstOrThrow();
        if (y === year) issueIds.set(issue.no, row.id);
        for (const [i, rec] of issue.recommendations_th.entries()) await t.k.insertInto('integrity_recommendation').values({ agency_id: agencyId, issue_id: row.id, text_th: rec, sort_order: i }).execute();
        if (y !== year) {
          for (const m of demo.current.measures.filter((x) => x.issue === issue.no)) {
            const mid = (await t.k.insertInto('integrity_measure').values({ agency_id: agencyId, issue_id: row.id, recommendation_id: null, kind: 'activity', title_th: m.title, owner_division_id: divisionId(m.division), owner_name: m.owner, owner_email: '', start_date: m.start, due_date: m.due, steps: '', budget_satang: 0, status: m.status, percent: m.percent, summary: '', remarks: '', sort_order: 0, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
            for (const ms of m.milestones) await t.k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: mid, day: ms.day, note: ms.note, percent: ms.percent, created_by: null, created_at: now }).execute();
          }
          continue;
        }
        for (const [i, text] of issue.measures_th.entries()) {
          const mid = (await t.k.insertInto('integrity_measure').values({
            agency_id: agencyId, issue_id: row.id, recommendation_id: null, kind: 'measure', title_th: text, owner_division_id: ownerOf(text), owner_name: '', owner_email: '',
            start_date: fy.firstDay, due_date: fy.lastDay, steps: '', budget_satang: 0, status: 'done', percent: 100, summary: 'ดำเนินการแล้วเสร็จตามมาตรการ และเผยแพร่ผลบนเว็บไซต์หลักของหน่วยงาน', remarks: '', sort_order: i, updated_at: now,
          }).returning('id').executeTakeFirstOrThrow()).id;
          await t.k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: mid, day: `${year - 543}-03-31`, note: 'ดำเนินการตามแผน', percent: 50, created_by: null, created_at: now }).execute();
          await t.k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: mid, day: `${year - 543}-09-15`, note: 'ดำเนินการแล้วเสร็จ', percent: 100, created_by: null, created_at: now }).execute();
        }
        for (const [i, text] of issue.outcomes_th.entries()) await t.k.insertInto('integrity_outcome').values({ agency_id: agencyId, issue_id: row.id, measure_id: null, text_th: text, sort_order: i }).execute();
        for (const [i, title] of issue.evidence_th.entries()) {
          const link = demo.evidence[title] ?? {};
          const [oy, oc] = link.oit ? link.oit.split('/') : [null, null];
          await t.k.insertInto('integrity_evidence').values({ agency_id: agencyId, issue_id: row.id, measure_id: null, title_th: title, content_id: link.slug ? contentIds.get(link.slug) ?? null : null, oit_year: oy ? Number(oy) : null, oit_code: oc ?? null, url: '', sort_order: i }).execute();
        }
      }
    };
    await headings(year);
    await headings(demo.current.year);
    const cy = demo.current.year;
    for (const r of demo.risks) await t.k.insertInto('integrity_risk').values({ agency_id: agencyId, year: cy, process: r.process, title_th: r.title, likelihood: r.likelihood, impact: r.impact, controls: r.controls, mitigation: r.mitigation, owner_name: r.owner, due_date: r.due, follow_up: '', status: r.status, updated_at: now }).execute();
    for (const x of demo.projects) await t.k.insertInto('integrity_project').values({ agency_id: agencyId, year: cy, title_th: x.title, objective: x.objective, target: x.target, budget_satang: x.budget * 100, spent_satang: x.spent * 100, owner_name: x.owner, percent: x.percent, result: x.result, updated_at: now }).execute();
    for (const x of demo.ethics) await t.k.insertInto('ethics_activity').values({ agency_id: agencyId, year: cy, kind: x.kind, title_th: x.title, day: x.day, participants: x.participants, result: x.result, updated_at: now }).execute();
    await recordAudit(t, { agencyId, actor: SYSTEM_ACTOR, action: 'demo.seed.integrity', targetType: 'agency', targetId: agencyId, summary: `results, ${report.issues.length} headings of ${year} and ${demo.current.year}` });
  });
  await publishReport(p, system, year, 'six_month');
  await publishReport(p, system, year, 'annual');
  await addBinding(p, system, demo.report_oit.year, demo.report_oit.code, { provider: 'integrity', ref: `${year}/annual` });
  for (const r of demo.reports) {
    await seedPastYear(p, ctx, report.issues, demo, r);
    const published = await publishReport(p, system, r.year, 'annual');
    if (!('ok' in published)) throw new Error(`demo: the ${r.year} report cannot be made (${published.missing.map((m) => m.key).join(', ')})`);
    for (const item of r.oit) await addBinding(p, system, item.year, item.code, { provider: 'integrity', ref: `${r.year}/annual` });
  }
}

/** A finished year: the seed's headings with that year's recommendations, measures (done, with their milestones),
 * outcomes and evidence, from which its yearly report is generated. */
async function seedPastYear(p: Platform, ctx: DemoContext, headings: SeedReport['issues'], demo: DemoIntegrity, r: DemoIntegrity['reports'][number]): Promise<void> {
  const { agencyId, ids: contentIds } = ctx;
  const divisions = await listDivisions(p.db, agencyId);
  const fy = fiscalYearRange(r.year);
  const now = new Date().toISOString();
  const mid = `${r.year - 543}-03-31`;
  await tx(p.db, async (t) => {
    for (const issue of r.issues) {
      const heading = headings.find((h) => h.no === issue.no)!;
      const links = demo.issue_links.find((l) => l.no === issue.no)!;
      const issueId = (await t.k.insertInto('integrity_issue').values({ agency_id: agencyId, year: r.year, no: issue.no, title_th: heading.title_th, title_en: heading.title_en, indicators: toJson(links.indicators), oit_codes: toJson(links.oit_codes), remarks: '' }).returning('id').executeTakeFirstOrThrow()).id;
      for (const [i, text] of issue.recommendations.entries()) await t.k.insertInto('integrity_recommendation').values({ agency_id: agencyId, issue_id: issueId, text_th: text, sort_order: i }).execute();
      for (const [i, m] of issue.measures.entries()) {
        const measureId = (await t.k.insertInto('integrity_measure').values({
          agency_id: agencyId, issue_id: issueId, recommendation_id: null, kind: 'measure', title_th: m.title, owner_division_id: divisions.find((d) => d.name_th === m.division)?.id ?? null, owner_name: '', owner_email: '',
          start_date: fy.firstDay, due_date: fy.lastDay, steps: '', budget_satang: 0, status: 'done', percent: 100, summary: m.summary, remarks: '', sort_order: i, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow()).id;
        // half way at the end of March, unless it was done before
        if (m.done > mid) await t.k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: measureId, day: mid, note: m.mid, percent: 50, created_by: null, created_at: now }).execute();
        await t.k.insertInto('integrity_milestone').values({ agency_id: agencyId, measure_id: measureId, day: m.done, note: 'ดำเนินการแล้วเสร็จ', percent: 100, created_by: null, created_at: now }).execute();
      }
      for (const [i, text] of issue.outcomes.entries()) await t.k.insertInto('integrity_outcome').values({ agency_id: agencyId, issue_id: issueId, measure_id: null, text_th: text, sort_order: i }).execute();
      for (const [i, e] of issue.evidence.entries()) {
        const [oy, oc] = e.oit ? e.oit.split('/') : [null, null];
        const contentId = e.slug ? contentIds.get(e.slug) : undefined;
        if (e.slug && contentId === undefined) throw new Error(`demo: no document ${e.slug} for the ${r.year} report`);
        await t.k.insertInto('integrity_evidence').values({ agency_id: agencyId, issue_id: issueId, measure_id: null, title_th: e.title, content_id: contentId ?? null, oit_year: oy ? Number(oy) : null, oit_code: oc ?? null, url: '', sort_order: i }).execute();
      }
    }
    await recordAudit(t, { agencyId, actor: SYSTEM_ACTOR, action: 'demo.seed.integrity', targetType: 'agency', targetId: agencyId, summary: `${r.issues.length} headings of ${r.year} with their measures, outcomes and evidence` });
  });
}
