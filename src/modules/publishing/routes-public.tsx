// Public pages: documents, pages, news (with print views and the Atom feed), search, open data, sitemap, robots.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { publicQueryLimit } from '../../platform/http/address-throttle.ts';
import { paged } from '../../platform/http/paging.ts';
import { sendHtml, viewCtx } from '../../platform/http/render.ts';
import { publicSearchFiscalYears, search, searchKinds, suggestSpelling } from '../../platform/search/index.ts';
import { hasInvalidText } from '../../platform/thai/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { CATEGORIES, CATEGORY_GROUPS, contentUrl, type Kind } from './kinds.ts';
import { findRedirect, getBySlug, isPublic, latestPublic, listAttachments, listPublic, publicFiscalYears, type Content, type ListItem } from './store.ts';
import { coversOf } from './covers.ts';
import { ContentPage, DocumentsPage, NewsPage, PrintPage } from './views/public.tsx';
import { SearchPage } from './views/search.tsx';
import { textQuery, yearQuery } from '../../platform/http/params.ts';

const fyParam = (v: unknown) => yearQuery(v);
const str = textQuery;

export function registerPublicRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/documents', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    // one category, or a group of them (?category=people)
    const asked = str(q.category);
    const group = CATEGORY_GROUPS.find((g) => g.key === asked);
    const category = group || (CATEGORIES as readonly string[]).includes(asked) ? asked : '';
    const categories = group ? group.categories : category ? [category] : undefined;
    const fiscalYear = fyParam(q.fy);
    const { info, rows } = await paged(q.page, 20, (limit, offset) => listPublic(p.db, { agencyId: req.agency.id, kind: 'document', categories, fiscalYear: fiscalYear ?? undefined, limit, offset }));
    const years = await publicFiscalYears(p.db, req.agency.id, 'document');
    // each group's categories with their newest public document
    const latest = new Map<string, ListItem>();
    for (const c of CATEGORY_GROUPS.flatMap((g) => g.categories)) {
      const [newest] = await latestPublic(p.db, { agencyId: req.agency.id, kind: 'document', category: c, limit: 1, offset: 0 });
      if (newest) latest.set(c, newest);
    }
    return sendHtml(reply, DocumentsPage({ ctx: viewCtx(req, reply), rows, info, category, fiscalYear, years, latest }));
  });

  app.get('/news', async (req, reply) => {
    const { info, rows } = await paged((req.query as { page?: string }).page, 12, (limit, offset) => listPublic(p.db, { agencyId: req.agency.id, kind: 'news', limit, offset }));
    return sendHtml(reply, NewsPage({ ctx: viewCtx(req, reply), rows, info, covers: await coversOf(p.db, req.agency.id, rows) }));
  });

  /** One published item by slug; an old slug redirects permanently to the current one. */
  async function published(req: FastifyRequest, reply: FastifyReply, kind: Kind): Promise<Content | null> {
    const { slug } = req.params as { slug: string };
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw new NotFoundError();
    const c = await getBySlug(p.db, req.agency.id, kind, slug);
    if (c && isPublic(c)) return c;
    if (!c) {
      const current = await findRedirect(p.db, req.agency.id, kind, slug);
      if (current) {
        const suffix = req.url.endsWith('/print') ? '/print' : '';
        await reply.redirect(`${contentUrl(kind, current)}${suffix}`, 301);
        return null;
      }
    }
    throw new NotFoundError();
  }

  for (const kind of ['document', 'page', 'news'] as const) {
    const base = contentUrl(kind, '');
    app.get(`${base}:slug`, async (req, reply) => {
      const c = await published(req, reply, kind);
      if (!c) return reply;
      const attachments = (await listAttachments(p.db, req.agency.id, [c.id])).get(c.id) ?? [];
      const cover = c.cover_file_id ? (await coversOf(p.db, req.agency.id, [c])).get(c.cover_file_id) ?? null : null;
      return sendHtml(reply, ContentPage({ ctx: viewCtx(req, reply), c, attachments, cover, preview: false }));
    });
    app.get(`${base}:slug/print`, async (req, reply) => {
      const c = await published(req, reply, kind);
      if (!c) return reply;
      const attachments = (await listAttachments(p.db, req.agency.id, [c.id])).get(c.id) ?? [];
      return sendHtml(reply, PrintPage({ ctx: viewCtx(req, reply), c, attachments }));
    });
  }

  const searchYears = (agencyId: number) => publicSearchFiscalYears(p.db, agencyId);

  const runSearch = async (req: FastifyRequest, perPage: number) => {
    const q = req.query as Record<string, unknown>;
    const text = str(q.q);
    const kinds = searchKinds();
    const type = kinds.some((k) => k.kind === str(q.type)) ? str(q.type) : '';
    const fy = fyParam(q.fy);
    // each item once, in the visitor's language when it has one (else in Thai); snippets from the part in it
    const filter = { agencyId: req.agency.id, kinds: type ? [type] : undefined, fiscalYear: fy ?? undefined, lang: req.lang };
    let capped = false;
    const r = text
      ? await paged(q.page, perPage, async (limit, offset) => {
          const s = await search(p.db, { ...filter, q: text, limit, offset });
          capped = s.totalCapped;
          return { total: s.total, rows: s.hits };
        })
      : { info: { page: 1, perPage, total: 0 }, rows: [] };
    return { text, type, fy, kinds, capped, filter, ...r };
  };

  // a search (not answered from the page cache) queries the database: one address may make PUBLIC_QUERIES_PER_MINUTE a minute
  const limited = { preHandler: publicQueryLimit(p) };
  app.get('/search', limited, async (req, reply) => {
    if (hasInvalidText(str((req.query as { q?: unknown }).q))) {
      return sendHtml(reply, SearchPage({ ctx: viewCtx(req, reply), q: '', type: '', fy: null, hits: [], info: { page: 1, perPage: 20, total: 0 }, kinds: searchKinds(), years: await searchYears(req.agency.id), error: translate(req.lang, 'err.invalidText') }), 400);
    }
    const r = await runSearch(req, 20);
    // nothing found: the closest Thai spelling that finds something with the same filters, if any
    const suggestion = r.text && r.info.total === 0 ? await suggestSpelling(p.db, { ...r.filter, q: r.text }) : null;
    return sendHtml(reply, SearchPage({ ctx: viewCtx(req, reply), q: r.text, type: r.type, fy: r.fy, hits: r.rows, info: r.info, capped: r.capped, kinds: r.kinds, years: await searchYears(req.agency.id), suggestion }));
  });

  app.get('/api/v1/search', limited, async (req, reply) => {
    const raw = (req.query as { q?: unknown }).q;
    if (typeof raw !== 'string' || !raw.trim()) return reply.code(400).send({ error: 'missing_query', message: 'q is required / ต้องระบุคำค้น q' });
    if (raw.length > 200) return reply.code(400).send({ error: 'query_too_long', message: 'q must be at most 200 characters / คำค้นยาวเกิน 200 ตัวอักษร' });
    if (hasInvalidText(raw)) return reply.code(400).send({ error: 'invalid_query', message: 'q is not valid UTF-8 / คำค้นมีอักขระที่อ่านไม่ได้' });
    const r = await runSearch(req, 20);
    return reply.header('cache-control', 'no-store').send({
      total: r.info.total,
      // counts stop at 1,000: true when there are more
      capped: r.capped,
      results: r.rows.map((h) => ({ title: h.title, url: `${req.agency.url}${h.url}`, snippet: plainSnippet(h.snippet), type: h.kind, fiscalYear: h.fiscalYear })),
    });
  });
}

/** The snippet as plain text: without its tags (<mark>, <span lang>), the escapes of escapeHtml undone (&amp; last). */
function plainSnippet(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;|&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
