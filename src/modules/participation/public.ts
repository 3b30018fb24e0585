// What the participation module offers the rest of the site: the list page of a fiscal year and the yearly report as
// OIT evidence, its pages for the sitemap, who may read its files, and the moderators' to-do line.
import type { Evidence, EvidenceProvider } from '../../platform/evidence.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { TodoLine } from '../../platform/todo.ts';
import type { FileAccessRule } from '../../platform/files/index.ts';
import type { Platform } from '../../platform/platform.ts';
import type { DbLike } from '../../platform/db/index.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { can } from '../../platform/auth/roles.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { MANAGE } from './rules.ts';
import { activityYears, publishedSlugs } from './store.ts';

export const titles = {
  list: (y: number) => ({ th: `ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน ปีงบประมาณ พ.ศ. ${y}`, en: `Public participation in the agency's work, fiscal year B.E. ${y}` }),
  report: (y: number) => ({ th: `รายงานผลการเปิดโอกาสให้มีส่วนร่วม ประจำปีงบประมาณ พ.ศ. ${y}`, en: `Participation report, fiscal year B.E. ${y}` }),
};

export const yearListUrl = (y: number) => `/participation?year=${y}`;
export const reportUrl = (y: number) => `/participation/report/${y}`;

/** What a year has: published activities, how many have reported results, the latest publication. */
async function yearFacts(db: DbLike, agencyId: number, year: number): Promise<{ published: number; reported: number; proposals: number; latest: string | null }> {
  const rows = await db.k
    .selectFrom('participation_activity')
    .select(['id', 'status', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('fiscal_year', '=', year)
    .where('is_published', '=', true)
    .execute();
  const ids = rows.map((r) => r.id);
  const proposals = ids.length
    ? Number((await db.k.selectFrom('participation_proposal').select((eb) => eb.fn.countAll().as('n')).where('activity_id', 'in', ids).executeTakeFirstOrThrow()).n)
    : 0;
  const latest = rows.map((r) => r.published_at).filter((x): x is string => !!x).sort().at(-1) ?? null;
  return { published: rows.length, reported: rows.filter((r) => r.status === 'reported').length, proposals, latest };
}

const REF = /^(list|report)\/(\d{4})$/;

export const participationEvidence: EvidenceProvider = {
  key: 'participation',
  label: { th: 'การเปิดโอกาสให้มีส่วนร่วม', en: 'Public participation' },
  async candidates(db, agencyId, q, filter = {}) {
    const known = await activityYears(db, agencyId, !!filter.publishedOnly);
    const years = [...new Set([fiscalYear(), ...known])].sort((a, b) => b - a).filter((y) => !filter.fiscalYears?.length || filter.fiscalYears.includes(y));
    const pick = (b: { th: string; en: string }) => (filter.lang === 'en' ? b.en : b.th);
    const out = years.filter((y) => !filter.publishedOnly || known.includes(y)).flatMap((y) => [
      { ref: `list/${y}`, title: pick(titles.list(y)), detail: yearListUrl(y) },
      { ref: `report/${y}`, title: pick(titles.report(y)), detail: reportUrl(y) },
    ]);
    const words = q.trim().split(/\s+/).filter(Boolean);
    return out.filter((c) => words.every((w) => c.title.includes(w) || c.detail.includes(w))).slice(0, filter.limit ?? 50);
  },
  async resolve(db, agencyId, ref): Promise<Evidence | null> {
    const m = REF.exec(ref);
    if (!m) return null;
    const year = Number(m[2]);
    if (year < 2400 || year > 2800) return null;
    const f = await yearFacts(db, agencyId, year);
    const issues: Evidence['issues'] = [];
    if (!f.published) issues.push({ key: 'participation.evidence.none', vars: { year } });
    // the item asks for results: what was proposed and done, or a reported activity
    else if (!f.reported && !f.proposals) issues.push({ key: 'participation.evidence.noResults', vars: { year } });
    const base = { fiscalYear: year, period: null, published: f.published > 0, publishedAt: f.latest, issues };
    if (m[1] === 'list') return { ...base, title: titles.list(year), url: yearListUrl(year), attachments: [] };
    const url = reportUrl(year);
    return {
      ...base, title: titles.report(year), url,
      attachments: f.published ? [{ name: `participation-report-${year}.pdf`, url: `${url}.pdf`, ext: 'pdf', size: 0 }, { name: `participation-report-${year}.docx`, url: `${url}.docx`, ext: 'docx', size: 0 }] : [],
    };
  },
};

export const participationSitemap: SitemapSource = async (db, agencyId) => {
  const [slugs, years] = await Promise.all([publishedSlugs(db, agencyId), activityYears(db, agencyId, true)]);
  return [
    { path: '/participation' },
    ...years.map((y) => ({ path: reportUrl(y) })),
    ...slugs.map((s) => ({ path: `/participation/${s.slug}`, lastmod: s.updated_at })),
  ];
};

/** Files of an activity are public once it is; before, only those who manage participation read them. */
export const participationFileAccess: FileAccessRule = async (db, file, reader) => {
  const row = await db.k
    .selectFrom('participation_document')
    .innerJoin('participation_activity', 'participation_activity.id', 'participation_document.activity_id')
    .select('participation_activity.is_published')
    .where('participation_document.file_id', '=', file.id)
    .executeTakeFirst();
  if (row?.is_published) return 'public';
  return can(reader, MANAGE) ? 'private' : null;
};

/** Comments waiting for a moderator. */
export async function participationTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, MANAGE)) return [];
  const n = Number((await p.db.k.selectFrom('participation_comment').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', user.agencyId).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
  return [{ kind: 'task', order: 48, label: 'participation.todo.pending', count: n, href: '/staff/participation/comments?status=pending' }];
}
