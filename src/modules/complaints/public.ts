// What the complaints module offers the rest of the site: its guideline, channels and statistics as OIT evidence,
// its pages for the sitemap, its to-do lines, and the rule that its files are never served as plain files.
import type { EvidenceProvider } from '../../platform/evidence.ts';
import type { FileAccessRule } from '../../platform/files/index.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { TodoLine } from '../../platform/todo.ts';
import type { Platform } from '../../platform/platform.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { can } from '../../platform/auth/roles.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { HANDLE } from './access.ts';
import { listComplaints } from './store.ts';
import { yearsWithCases } from './stats.ts';

const GUIDELINE = { th: 'แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', en: 'Guideline for handling complaints of corruption and misconduct' };
const CHANNELS = { th: 'ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', en: 'Channels for complaints of corruption and misconduct' };
const statsTitle = (year: number, half: boolean) => ({
  th: `สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ${half ? 'รอบ 6 เดือนแรก ' : ''}ปีงบประมาณ พ.ศ. ${year}`,
  en: `Complaint statistics, ${half ? 'first six months of ' : ''}fiscal year B.E. ${year}`,
});

export const complaintsEvidence: EvidenceProvider = {
  key: 'complaints',
  label: { th: 'เรื่องร้องเรียน', en: 'Complaints' },
  async candidates(db, agencyId, q, filter) {
    const years = [...new Set([fiscalYear(), ...(await yearsWithCases(db, agencyId))])].sort((a, b) => b - a);
    const stats = years.filter((y) => !filter?.fiscalYears?.length || filter.fiscalYears.includes(y)).flatMap((y) => [
      { ref: `statistics/${y}`, title: statsTitle(y, false).th, detail: `/complaints/statistics/${y}` },
      { ref: `statistics/${y}/h1`, title: statsTitle(y, true).th, detail: `/complaints/statistics/${y}?period=h1` },
    ]);
    const all = [{ ref: 'guideline', title: GUIDELINE.th, detail: '/complaints/guideline' }, { ref: 'channels', title: CHANNELS.th, detail: '/complaints' }, ...stats];
    const words = q.trim().split(/\s+/).filter(Boolean);
    return all.filter((c) => words.every((w) => c.title.includes(w) || c.detail.includes(w))).slice(0, filter?.limit ?? 50);
  },
  async resolve(_db, _agencyId, ref) {
    const page = (title: { th: string; en: string }, url: string, year: number | null) => ({ title, url, published: true, fiscalYear: year, period: null, publishedAt: null, attachments: [], issues: [] });
    if (ref === 'guideline') return page(GUIDELINE, '/complaints/guideline', null);
    if (ref === 'channels') return page(CHANNELS, '/complaints', null);
    const m = /^statistics\/(\d{4})(\/h1)?$/.exec(ref);
    if (!m) return null;
    const year = Number(m[1]);
    const base = `/complaints/statistics/${year}`;
    const q = m[2] ? '?period=h1' : '';
    return page(statsTitle(year, !!m[2]), `${base}${q}`, year);
  },
};

export const complaintsSitemap: SitemapSource = async (db, agencyId) => [
  { path: '/complaints' }, { path: '/complaints/guideline' }, { path: '/complaints/follow' },
  ...[...new Set([fiscalYear(), ...(await yearsWithCases(db, agencyId))])].map((y) => ({ path: `/complaints/statistics/${y}` })),
];

/** Case files are sealed: /files/ never serves them; officers and complainants get them opened through the module. */
export const complaintFileAccess: FileAccessRule = async () => null;

export async function complaintsTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, HANDLE)) return [];
  const now = new Date().toISOString();
  const base = { agencyId: user.agencyId, viewer: user.id, now, limit: 1, offset: 0 };
  const [fresh, overdue] = await Promise.all([listComplaints(p.db, { ...base, status: 'received' }), listComplaints(p.db, { ...base, state: 'overdue' })]);
  return [
    { kind: 'task', order: 5, label: 'complaints.todo.new', count: fresh.total, href: '/staff/complaints?status=received&state=all' },
    { kind: 'task', order: 6, urgent: true, label: 'complaints.todo.overdue', count: overdue.total, href: '/staff/complaints?state=overdue' },
  ];
}
