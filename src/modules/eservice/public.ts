// What the E-Service module offers the rest of the site: the working system, its user guide, the manuals and the
// statistics as OIT evidence; its pages for the sitemap; its to-do lines; and who may read the files requesters send.
import type { Evidence, EvidenceIssue, EvidenceProvider } from '../../platform/evidence.ts';
import type { Cell, Dataset } from '../../platform/opendata/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { FileAccessRule } from '../../platform/files/index.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { TodoLine } from '../../platform/todo.ts';
import type { Platform } from '../../platform/platform.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { can } from '../../platform/auth/roles.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { CHANNELS, HANDLE } from './kinds.ts';
import { yearStats } from './stats.ts';
import { countRequests, listServices, yearsWithRequests } from './store.ts';

const SYSTEM = { th: 'ระบบบริการออนไลน์ (E-Service) พร้อมคู่มือการใช้งานและสถิติการใช้งาน', en: 'The E-Service system with its user guide and usage statistics' };
const MANUALS = { th: 'คู่มือสำหรับประชาชน (คู่มือการให้บริการ) ทุกงานบริการ', en: 'Citizen’s manuals of every service' };
const GUIDE = { th: 'คู่มือการใช้งานระบบบริการออนไลน์ (E-Service)', en: 'E-Service user guide' };
const statsTitle = (year: number, half: boolean) => ({
  th: `สถิติการให้บริการ ${half ? 'รอบ 6 เดือนแรก ' : ''}ปีงบประมาณ พ.ศ. ${year}`,
  en: `Service statistics, ${half ? 'first six months of ' : ''}fiscal year B.E. ${year}`,
});
const satisfactionTitle = (year: number) => ({ th: `ผลการประเมินความพึงพอใจการให้บริการ ปีงบประมาณ พ.ศ. ${year}`, en: `Satisfaction with the services, fiscal year B.E. ${year}` });

async function knownYears(db: Parameters<EvidenceProvider['candidates']>[0], agencyId: number): Promise<number[]> {
  return [...new Set([fiscalYear(), ...(await yearsWithRequests(db, agencyId))])].sort((a, b) => b - a);
}

const guideFiles = [
  { name: 'e-service-guide.pdf', url: '/e-service/guide.pdf', ext: 'pdf', size: 0 },
  { name: 'e-service-guide.docx', url: '/e-service/guide.docx', ext: 'docx', size: 0 },
];
const statsFiles = (year: number) => [
  { name: `e-service-statistics-${year}.pdf`, url: `/e-service/statistics/${year}.pdf`, ext: 'pdf', size: 0 },
  { name: `e-service-statistics-${year}.csv`, url: `/e-service/statistics/${year}.csv`, ext: 'csv', size: 0 },
];

export const eserviceEvidence: EvidenceProvider = {
  key: 'eservice',
  label: { th: 'บริการออนไลน์ (E-Service)', en: 'E-Service' },
  async candidates(db, agencyId, q, filter) {
    const years = (await knownYears(db, agencyId)).filter((y) => !filter?.fiscalYears?.length || filter.fiscalYears.includes(y));
    const all = [
      { ref: 'system', title: SYSTEM.th, detail: '/e-service' },
      { ref: 'manuals', title: MANUALS.th, detail: '/e-service' },
      { ref: 'guide', title: GUIDE.th, detail: '/e-service/guide' },
      ...years.flatMap((y) => [
        { ref: `statistics/${y}`, title: statsTitle(y, false).th, detail: `/e-service/statistics/${y}` },
        { ref: `statistics/${y}/h1`, title: statsTitle(y, true).th, detail: `/e-service/statistics/${y}?period=h1` },
        { ref: `satisfaction/${y}`, title: satisfactionTitle(y).th, detail: `/e-service/statistics/${y}#satisfaction` },
      ]),
    ];
    const words = q.trim().split(/\s+/).filter(Boolean);
    return all.filter((c) => words.every((w) => c.title.includes(w) || c.detail.includes(w))).slice(0, filter?.limit ?? 50);
  },
  async resolve(db, agencyId, ref) {
    const services = await listServices(db, agencyId, { publishedOnly: true });
    const none: EvidenceIssue[] = services.length ? [] : [{ key: 'eservice.evidence.noServices' }];
    const page = (title: { th: string; en: string }, url: string, year: number | null, attachments: Evidence['attachments'] = []): Evidence => ({
      title, url, published: services.length > 0, fiscalYear: year, period: null, publishedAt: null, attachments, issues: none,
    });
    // the working system, its user guide and its usage statistics together (what the E-Service item asks from 2569)
    if (ref === 'system') return page(SYSTEM, '/e-service', null, [...guideFiles, ...statsFiles(fiscalYear())]);
    if (ref === 'manuals') return page(MANUALS, '/e-service', null, services.map((s) => ({ name: `manual-${s.slug}.pdf`, url: `/e-service/${s.slug}/manual.pdf`, ext: 'pdf', size: 0 })));
    if (ref === 'guide') return page(GUIDE, '/e-service/guide', null, guideFiles);
    const m = /^(statistics|satisfaction)\/(\d{4})(\/h1)?$/.exec(ref);
    if (!m || (m[1] === 'satisfaction' && m[3])) return null;
    const year = Number(m[2]);
    const base = `/e-service/statistics/${year}`;
    // statistics of a year without requests (or ratings) are published but say nothing: the OIT map is told so
    const s = await yearStats(db, agencyId, year, m[3] ? 'h1' : 'year');
    const empty = m[1] === 'satisfaction' ? s.ratings.n === 0 : s.total === 0;
    const withIssue = (e: Evidence): Evidence => (empty ? { ...e, issues: [...e.issues, { key: 'eservice.evidence.noRequests', vars: { year } }] } : e);
    if (m[1] === 'satisfaction') return withIssue(page(satisfactionTitle(year), `${base}#satisfaction`, year, statsFiles(year)));
    return withIssue(page(statsTitle(year, !!m[3]), `${base}${m[3] ? '?period=h1' : ''}`, year, statsFiles(year)));
  },
};

export const eserviceSitemap: SitemapSource = async (db, agencyId) => [
  { path: '/e-service' }, { path: '/e-service/track' }, { path: '/e-service/guide' },
  ...(await listServices(db, agencyId, { publishedOnly: true })).map((s) => ({ path: `/e-service/${s.slug}`, lastmod: s.updated_at })),
  ...(await knownYears(db, agencyId)).map((y) => ({ path: `/e-service/statistics/${y}` })),
];

/** Files sent with a request: the officers of the service read them; nobody else, never the public. */
export const eserviceFileAccess: FileAccessRule = async (_db, _file, reader) => (can(reader, HANDLE) ? 'private' : null);

export async function eserviceTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, HANDLE)) return [];
  const [fresh, overdue] = await Promise.all([
    countRequests(p.db, user.agencyId, { status: 'submitted' }),
    countRequests(p.db, user.agencyId, { overdueAt: new Date().toISOString() }),
  ]);
  return [
    { kind: 'task', order: 7, label: 'eservice.todo.new', count: fresh, href: '/staff/e-service?status=submitted' },
    { kind: 'task', order: 8, urgent: true, label: 'eservice.todo.overdue', count: overdue, href: '/staff/e-service?state=overdue' },
  ];
}

/** Open data: per service and fiscal year, the counts, times and ratings of the statistics (never a request's content). */
export const statisticsDataset: Dataset = {
  key: 'eservice-statistics',
  title: { th: 'สถิติการให้บริการ (E-Service) รายบริการ รายปีงบประมาณ', en: 'E-Service statistics per service and fiscal year' },
  description: {
    th: 'จำนวนคำขอ ผลการดำเนินการ ร้อยละแล้วเสร็จภายในเวลาที่คู่มือกำหนด เวลาตามคู่มือและเวลาที่ใช้จริง (มัธยฐาน) ช่องทาง และความพึงพอใจ ของแต่ละงานบริการ',
    en: 'Requests, outcomes, share completed within the declared time, declared and median actual time, channels and satisfaction of each service',
  },
  keywords: ['E-Service', 'สถิติการให้บริการ', 'service statistics', 'ความพึงพอใจ'],
  columns: [
    { key: 'fiscal_year', title: { th: 'ปีงบประมาณ', en: 'Fiscal year (B.E.)' } },
    { key: 'service_code', title: { th: 'รหัสบริการ', en: 'Service code' } },
    { key: 'service_name', title: { th: 'งานบริการ', en: 'Service' } },
    { key: 'requests', title: { th: 'คำขอทั้งหมด', en: 'Requests' } },
    { key: 'completed', title: { th: 'แล้วเสร็จ', en: 'Completed' } },
    { key: 'completed_on_time', title: { th: 'แล้วเสร็จภายในเวลาที่กำหนด', en: 'Completed on time' } },
    { key: 'rejected', title: { th: 'ไม่สามารถให้บริการ', en: 'Not granted' } },
    { key: 'declared_minutes', title: { th: 'เวลาตามคู่มือ (นาที)', en: 'Declared time (minutes)' } },
    { key: 'median_minutes', title: { th: 'เวลาที่ใช้จริง มัธยฐาน (นาที)', en: 'Median actual time (minutes)' } },
    ...CHANNELS.map((c) => ({ key: `channel_${c}`, title: { th: `ช่องทาง ${translate('th', `eservice.channel.${c}`)}`, en: `Channel: ${translate('en', `eservice.channel.${c}`)}` } })),
    { key: 'ratings', title: { th: 'จำนวนผู้ประเมิน', en: 'Ratings' } },
    { key: 'average_rating', title: { th: 'คะแนนเฉลี่ย (เต็ม 5)', en: 'Average rating (of 5)' } },
  ],
  async rows(db, agencyId) {
    const out: Array<Record<string, Cell>> = [];
    for (const year of (await yearsWithRequests(db, agencyId)).sort((a, b) => a - b)) {
      for (const v of (await yearStats(db, agencyId, year)).services) {
        out.push({
          fiscal_year: year, service_code: v.slug, service_name: v.name_th, requests: v.total, completed: v.completed, completed_on_time: v.onTime, rejected: v.rejected,
          declared_minutes: v.declaredMinutes, median_minutes: v.medianMinutes === null ? null : Math.round(v.medianMinutes),
          ...Object.fromEntries(CHANNELS.map((c) => [`channel_${c}`, v.channels[c]])),
          ratings: v.ratings.n, average_rating: v.ratings.average === null ? null : Math.round(v.ratings.average * 100) / 100,
        });
      }
    }
    return out;
  },
};
