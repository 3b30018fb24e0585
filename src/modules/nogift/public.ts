// What the No Gift module offers the rest of the site: each year's declaration, its activities and the yearly report
// of gifts as OIT evidence, its pages for the sitemap, and a to-do line while the current year has no declaration.
import type { Evidence, EvidenceIssue, EvidenceProvider } from '../../platform/evidence.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { TodoLine } from '../../platform/todo.ts';
import type { Platform } from '../../platform/platform.ts';
import type { DbLike } from '../../platform/db/index.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { can } from '../../platform/auth/roles.ts';
import { bangkokDay, fiscalYear, fiscalYearRange } from '../../platform/thai/index.ts';
import { MANAGE } from './rules.ts';
import { activityLines, getYear, hasDeclaration, yearsRecorded, yearsWithGifts } from './store.ts';

export const titles = {
  declaration: (y: number) => ({ th: `ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. ${y}`, en: `No Gift Policy declaration, fiscal year B.E. ${y}` }),
  activities: (y: number) => ({ th: `กิจกรรมสร้างวัฒนธรรม No Gift Policy ประจำปีงบประมาณ พ.ศ. ${y}`, en: `Activities building a No Gift culture, fiscal year B.E. ${y}` }),
  report: (y: number) => ({ th: `รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา ประจำปีงบประมาณ พ.ศ. ${y}`, en: `Report on gifts and benefits received, fiscal year B.E. ${y}` }),
};

/** The years worth offering: this one, the previous one (its report), and every year with a record or a gift. */
async function knownYears(db: DbLike, agencyId: number): Promise<number[]> {
  const now = fiscalYear();
  return [...new Set([now, now - 1, ...(await yearsRecorded(db, agencyId)), ...(await yearsWithGifts(db, agencyId))])].sort((a, b) => b - a);
}

const REF = /^(declaration|activities|report)\/(\d{4})$/;

export const nogiftEvidence: EvidenceProvider = {
  key: 'nogift',
  label: { th: 'นโยบายไม่รับของขวัญ (No Gift Policy)', en: 'No Gift Policy' },
  async candidates(db, agencyId, q, filter = {}) {
    const years = (await knownYears(db, agencyId)).filter((y) => !filter.fiscalYears?.length || filter.fiscalYears.includes(y));
    const out: Array<{ ref: string; title: string; detail: string }> = [];
    for (const y of years) {
      const row = await getYear(db, agencyId, y);
      const pick = (b: { th: string; en: string }) => (filter.lang === 'en' ? b.en : b.th);
      if (!filter.publishedOnly || hasDeclaration(row)) out.push({ ref: `declaration/${y}`, title: pick(titles.declaration(y)), detail: `/no-gift/${y}` });
      if (!filter.publishedOnly || activityLines(row).length) out.push({ ref: `activities/${y}`, title: pick(titles.activities(y)), detail: `/no-gift/${y}#activities` });
      out.push({ ref: `report/${y}`, title: pick(titles.report(y)), detail: `/no-gift/report/${y}` });
    }
    const words = q.trim().split(/\s+/).filter(Boolean);
    return out.filter((c) => words.every((w) => c.title.includes(w) || c.detail.includes(w))).slice(0, filter.limit ?? 50);
  },
  async resolve(db, agencyId, ref): Promise<Evidence | null> {
    const m = REF.exec(ref);
    if (!m) return null;
    const kind = m[1] as 'declaration' | 'activities' | 'report';
    const year = Number(m[2]);
    if (year < 2400 || year > 2800) return null;
    const base = { fiscalYear: year, period: null, attachments: [] as Evidence['attachments'], issues: [] as EvidenceIssue[] };
    if (kind === 'report') {
      const url = `/no-gift/report/${year}`;
      const over = bangkokDay() > fiscalYearRange(year).lastDay;
      return {
        ...base, title: titles.report(year), url, published: true, publishedAt: null,
        attachments: [{ name: `no-gift-report-${year}.pdf`, url: `${url}.pdf`, ext: 'pdf', size: 0 }, { name: `no-gift-report-${year}.csv`, url: `${url}.csv`, ext: 'csv', size: 0 }],
        issues: over ? [] : [{ key: 'nogift.evidence.notOver', vars: { year } }],
      };
    }
    const row = await getYear(db, agencyId, year);
    if (kind === 'declaration') {
      const ok = hasDeclaration(row);
      return { ...base, title: titles.declaration(year), url: `/no-gift/${year}`, published: ok, publishedAt: ok ? row.updated_at : null, issues: ok ? [] : [{ key: 'nogift.evidence.noDeclaration', vars: { year } }] };
    }
    const some = activityLines(row).length > 0;
    return { ...base, title: titles.activities(year), url: `/no-gift/${year}#activities`, published: some, publishedAt: some ? row!.updated_at : null, issues: some ? [] : [{ key: 'nogift.evidence.noActivities', vars: { year } }] };
  },
};

export const nogiftSitemap: SitemapSource = async (db, agencyId) => {
  const now = fiscalYear();
  const years = await knownYears(db, agencyId);
  return [
    { path: '/no-gift' },
    ...years.filter((y) => y !== now).map((y) => ({ path: `/no-gift/${y}` })),
    ...years.map((y) => ({ path: `/no-gift/report/${y}` })),
  ];
};

/** The integrity officers are reminded while the current fiscal year has no signed declaration. */
export async function nogiftTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, MANAGE)) return [];
  const year = fiscalYear();
  const declared = hasDeclaration(await getYear(p.db, user.agencyId, year));
  return [{ kind: 'task', order: 45, label: 'nogift.todo.noDeclaration', vars: { year }, count: declared ? 0 : 1, href: `/staff/no-gift/${year}#declaration` }];
}
