import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { can } from '../../platform/auth/roles.ts';
import { block, checkbox, choice, choices, int, parseForm, text, url, z } from '../../platform/http/forms.ts';
import { chosenFile, uploadRoute } from '../../platform/http/multipart.ts';
import { readPart } from '../../platform/files/index.ts';

/** a catalogue is a few hundred items: a few MB at most */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
import { handleForm } from '../../platform/http/form-route.ts';
import { idParam, textQuery, yearQuery } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { translate } from '../../platform/i18n/index.ts';
import { normalizeLine } from '../../platform/thai/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { CatalogueError, parseCatalogue } from './catalogue.ts';
import { evidenceProvider, evidenceProviders } from '../../platform/evidence.ts';
import { expectedYears, itemReadiness, outlookWith, summary, type ItemReadiness } from './readiness.ts';
import { currentAssessmentYear } from './todo.ts';
import { addBinding, bindPublished, confirmYear, copyYear, deleteItem, importCatalogue, indexCache, itemUrl, publicEvidence, removeBinding, saveTicks, updateItem } from './service.ts';
import { findItemCode, getItem, getYear, listItems, listYears, provisionalYears, RECENCY, type Item } from './store.ts';
import { sheetCsv, sheetXlsx } from './export.ts';
import { bindingHealth, checkNow, itemHealth, lastChecked, recentAlerts } from './health.ts';
import { bindingCount, freezeYear, getFreeze, MANIFEST_MAX_BYTES, publicSigningKey, signedManifest, verifyManifest } from './freeze.ts';
import { FreezePage, VerifyPage, type HealthView } from './views/health.tsx';
import { IndexPage, ItemPage, OitNotFoundPage, YearsPage } from './views/public.tsx';
import { DeleteItemPage, SHOW, StaffItemPage, StaffYearPage, StaffYearsPage, type PickResult, type Picker, type Show } from './views/staff.tsx';

const yearField = int({ min: 2500, max: 2700 });
/** results the picker shows; past these the officer is asked to narrow the search */
const PICK_LIMIT = 20;
const itemSchema = z.object({
  title_th: text({ max: 500 }),
  title_en: text({ min: 0, max: 500 }),
  indicator: text({ min: 0, max: 300 }),
  group_name: text({ min: 0, max: 300 }),
  requirements: block({ max: 20_000 }).transform((s) => s.split('\n').map((x) => x.trim()).filter(Boolean)),
  indicator_en: text({ min: 0, max: 300 }),
  group_en: text({ min: 0, max: 300 }),
  requirements_en: block({ max: 20_000 }).transform((s) => s.split('\n').map((x) => x.trim()).filter(Boolean)),
  recency: choice(RECENCY),
  sort_order: int({ min: 0, max: 9999, optional: true }).transform((n) => n ?? 0),
  note: block({ max: 2000 }),
});

function parseYear(raw: string): number | null {
  const y = Number(raw);
  return /^\d{4}$/.test(raw) && y >= 2500 && y <= 2700 ? y : null;
}

export function registerOitRoutes(app: FastifyInstance, p: Platform): void {
  const notFound = async (req: FastifyRequest, reply: FastifyReply) =>
    sendHtml(reply, OitNotFoundPage({ ctx: viewCtx(req, reply), years: await listYears(p.db, req.agency.id) }), 404);

  /** The year and (when asked) the item of a URL, or the OIT 404 page that links to the years that exist. */
  async function locate(req: FastifyRequest, reply: FastifyReply, withItem: boolean, staffPrefix = ''): Promise<{ year: number; item: Item | null } | null> {
    const params = req.params as { year: string; code?: string };
    const year = parseYear(params.year);
    if (year === null || !(await listYears(p.db, req.agency.id)).includes(year)) {
      await notFound(req, reply);
      return null;
    }
    if (!withItem) return { year, item: null };
    const code = params.code ?? '';
    const item = await getItem(p.db, req.agency.id, year, code);
    if (item) return { year, item };
    const canonical = await findItemCode(p.db, req.agency.id, year, code);
    if (canonical) {
      await reply.redirect(`${staffPrefix}${itemUrl(year, canonical)}`, 301);
      return null;
    }
    await notFound(req, reply);
    return null;
  }

  app.get('/oit', async (req, reply) => sendHtml(reply, YearsPage({ ctx: viewCtx(req, reply), years: await listYears(p.db, req.agency.id) })));

  app.get('/oit/:year', async (req, reply) => {
    const at = await locate(req, reply, false);
    if (!at) return reply;
    const [items, years] = await indexCache.get(`${req.agency.id}:${at.year}`, () => Promise.all([listItems(p.db, req.agency.id, at.year), listYears(p.db, req.agency.id)]));
    return sendHtml(reply, IndexPage({ ctx: viewCtx(req, reply), year: at.year, items, years }));
  });

  app.get('/oit/:year/:code', async (req, reply) => {
    const at = await locate(req, reply, true);
    if (!at) return reply;
    return sendHtml(reply, ItemPage({ ctx: viewCtx(req, reply), item: at.item!, evidence: await publicEvidence(p.db, req.agency.id, at.item!) }));
  });

  // ---- staff ----
  const read = { preHandler: staffOnly('oit.read') };
  const manage = { preHandler: staffOnly('oit.manage') };

  const yearsPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const years = await listYears(p.db, req.agency.id);
    const provisional = await provisionalYears(p.db, req.agency.id);
    const rows = await Promise.all(years.map(async (year) => ({ year, provisional: provisional.has(year), s: summary(await itemReadiness(p.db, req.agency.id, await listItems(p.db, req.agency.id, year))) })));
    return sendHtml(reply, StaffYearsPage({ ctx: viewCtx(req, reply), years: rows, form }), status);
  };

  const yearsForm = async (req: FastifyRequest, reply: FastifyReply) => {
    const latest = (await listYears(p.db, req.agency.id))[0];
    return yearsPage(req, reply, emptyForm({ year: String(viewCtx(req, reply).fiscalYear), from: latest ? String(latest) : '', to: latest ? String(latest + 1) : '' }));
  };
  // opens on the year being assessed; the list of years (and the import) when there is none yet
  app.get('/staff/oit', read, async (req, reply) => {
    const year = await currentAssessmentYear(p.db, req.agency.id);
    return year === null ? yearsForm(req, reply) : reply.redirect(`/staff/oit/${year}`, 303);
  });
  app.get('/staff/oit/years', read, yearsForm);

  app.post('/staff/oit/import', uploadRoute(manage), async (req, reply) => {
    const { fields, files } = req.upload!;
    const f = parseForm(req.lang, z.object({ year: yearField }), fields);
    if (!f.ok) return yearsPage(req, reply, { values: fields, errors: { year: translate(req.lang, 'oit.err.year') } }, 422);
    const file = chosenFile(files, 'file');
    const fail = (key: 'err.fileMissing' | 'oit.err.importEmpty' | 'oit.err.importFormat', detail = '') =>
      yearsPage(req, reply, { values: fields, errors: { file: translate(req.lang, key, { detail }) } }, 422);
    if (!file) return fail('err.fileMissing');
    const bytes = await readPart(file, IMPORT_MAX_BYTES);
    if (!bytes) return fail('oit.err.importFormat', 'too large');
    let items;
    try {
      items = parseCatalogue(bytes, f.data.year);
    } catch (err) {
      if (err instanceof CatalogueError) return err.message === 'empty' ? fail('oit.err.importEmpty') : fail('oit.err.importFormat', err.message);
      throw err;
    }
    const r = await importCatalogue(p, req.user!, f.data.year, items, `imported from ${file.filename || 'upload'}`);
    // codes not in the file stay (a renumbered list leaves them behind): the officer is told which
    return r.kept.length
      ? redirectWithFlash(reply, `/staff/oit/${f.data.year}`, 'success', 'oit.staff.importKept', { added: r.added, updated: r.updated, codes: r.kept.join(', ') })
      : redirectWithFlash(reply, `/staff/oit/${f.data.year}`, 'success', 'oit.staff.imported', { added: r.added, updated: r.updated });
  });

  app.post('/staff/oit/copy', manage, async (req, reply) =>
    handleForm(req, {
      schema: z.object({ from: yearField, to: yearField, with_bindings: checkbox() }),
      run: (d) => copyYear(p, req.user!, d.from, d.to, d.with_bindings).then((n) => ({ ...d, n })),
      done: (r) => redirectWithFlash(reply, `/staff/oit/${r.to}`, 'success', 'oit.staff.copied', { year: r.to, from: r.from, n: r.n }),
      fail: (form) => yearsPage(req, reply, form, 422),
    }),
  );

  app.get('/staff/oit/:year', read, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    return yearPage(req, reply, at.year, emptyForm({}));
  });

  const yearPage = async (req: FastifyRequest, reply: FastifyReply, year: number, form: FormState, status = 200) => {
    const agencyId = req.agency.id;
    const [rs, row, items, last, alerts, freeze] = await Promise.all([
      listItems(p.db, agencyId, year).then((items) => itemReadiness(p.db, agencyId, items)), getYear(p.db, agencyId, year),
      itemHealth(p.db, agencyId, year), lastChecked(p.db, agencyId, year), recentAlerts(p.db, agencyId, year), getFreeze(p.db, agencyId, year),
    ]);
    const health: HealthView = { lastChecked: last, flagged: [...items.values()].filter((x) => x.flagged).length, alerts, freeze };
    const show = textQuery((req.query as Record<string, unknown>).show, 20);
    return sendHtml(reply, StaffYearPage({ ctx: viewCtx(req, reply), year, rs, provisional: !!row?.is_provisional, form, show: (SHOW as readonly string[]).includes(show) ? (show as Show) : '', health, items }), status);
  };

  // ---- the evidence health check and the frozen answer sheet ----
  // the check fetches external links: it runs here, on a person's request, or in the daily job; never in a page view
  app.post('/staff/oit/:year/health/check', manage, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    return handleForm(req, {
      schema: z.object({}),
      run: () => checkNow(p, req.user!, at.year),
      done: (r) => redirectWithFlash(reply, `/staff/oit/${at.year}#health`, 'success', 'oit.health.checked', { bindings: r.bindings, problems: r.problems, changed: r.changed.length }),
      fail: (form) => yearPage(req, reply, at.year, form, 422),
    });
  });

  const freezeOnly = { preHandler: staffOnly('oit.freeze') };
  app.get('/staff/oit/:year/freeze', freezeOnly, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    if (await getFreeze(p.db, req.agency.id, at.year)) return reply.redirect(`/staff/oit/${at.year}#freeze`, 303);
    return sendHtml(reply, FreezePage({ ctx: viewCtx(req, reply), year: at.year, n: await bindingCount(p.db, req.agency.id, at.year), form: emptyForm({}) }));
  });
  app.post('/staff/oit/:year/freeze', freezeOnly, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    return handleForm(req, {
      schema: z.object({}),
      run: () => freezeYear(p, req.user!, at.year),
      done: (r) => redirectWithFlash(reply, `/staff/oit/${at.year}#freeze`, 'success', 'oit.freeze.done', { year: at.year, n: r.entries }),
      fail: async (form) => sendHtml(reply, FreezePage({ ctx: viewCtx(req, reply), year: at.year, n: await bindingCount(p.db, req.agency.id, at.year), form }), 422),
    });
  });

  app.get('/staff/oit/:year/manifest.json', read, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    const m = await signedManifest(p.db, req.agency.id, at.year);
    if (!m) return notFound(req, reply);
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="oit-${at.year}-manifest.json"`).header('cache-control', 'private, no-store').send(m);
  });

  // the public key is public: an assessor or anyone else checks a manifest's signature with it
  app.get('/oit/signing-key.pem', async (req, reply) => {
    const key = await publicSigningKey(p, req.agency.id);
    if (!key) return notFound(req, reply);
    return reply.type('application/x-pem-file; charset=utf-8').header('content-disposition', `inline; filename="oit-signing-key-${key.keyId}.pem"`).send(key.publicKey);
  });

  const verifyPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, result: Awaited<ReturnType<typeof verifyManifest>> | null, status = 200) =>
    sendHtml(reply, VerifyPage({ ctx: viewCtx(req, reply), key: await publicSigningKey(p, req.agency.id), form, result }), status);
  app.get('/staff/oit/verify', read, async (req, reply) => verifyPage(req, reply, emptyForm({}), null));
  // the manifest is not confidential (it is made to be handed out): it goes to a temporary file like any upload, so the
  // platform frees the upload slot as soon as the body is read, not when the answer is sent after the evidence is
  // re-checked (an in-memory upload keeps its slot until then); the re-check has its own gate (verifyGate)
  app.post('/staff/oit/verify', uploadRoute({ preHandler: staffOnly('oit.read'), limits: { maxFileBytes: MANIFEST_MAX_BYTES, maxTotalBytes: MANIFEST_MAX_BYTES, maxFiles: 1 } }), async (req, reply) => {
    const file = chosenFile(req.upload?.files ?? {}, 'file');
    const fail = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => verifyPage(req, reply, { values: {}, errors: { file: translate(req.lang, key, vars) } }, null, 422);
    if (!file) return fail('err.fileMissing');
    const bytes = await readPart(file, MANIFEST_MAX_BYTES);
    if (!bytes) return fail('oit.verify.tooLarge', { max: `${MANIFEST_MAX_BYTES / 1024 / 1024} MB` });
    return verifyPage(req, reply, emptyForm({}), await verifyManifest(p, req.user!, bytes.toString('utf8')));
  });

  // an admin confirms a provisional (copied) catalogue as the year's list
  app.post('/staff/oit/:year/confirm', { preHandler: staffOnly('oit.confirm') }, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    return handleForm(req, {
      schema: z.object({}),
      run: () => confirmYear(p, req.user!, at.year),
      done: () => redirectWithFlash(reply, `/staff/oit/${at.year}`, 'success', 'oit.staff.confirmed', { year: at.year }),
      fail: (form) => yearPage(req, reply, at.year, form, 422),
    });
  });

  app.get('/staff/oit/:year/export.csv', read, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    const rs = await itemReadiness(p.db, req.agency.id, await listItems(p.db, req.agency.id, at.year));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="oit-${at.year}.csv"`).send(sheetCsv(rs, req.agency.url));
  });

  app.get('/staff/oit/:year/export.xlsx', read, async (req, reply) => {
    const at = await locate(req, reply, false, '/staff');
    if (!at) return reply;
    const rs = await itemReadiness(p.db, req.agency.id, await listItems(p.db, req.agency.id, at.year));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="oit-${at.year}.xlsx"`)
      .send(await sheetXlsx(rs, req.agency.url, at.year));
  });

  /** The picker's search (from the query, or from the failed bind's form) and its published results, each with what binding it would do. */
  const picker = async (req: FastifyRequest, r: ItemReadiness, form: FormState | null): Promise<Picker> => {
    const src = (form ? form.values : req.query) as Record<string, unknown>;
    const q = normalizeLine(textQuery(src.q, 100));
    const rawFy = textQuery(src.fy, 4);
    const fy = rawFy === 'any' || yearQuery(rawFy) !== null ? rawFy : '';
    const expected = expectedYears(r.item);
    // only those who may bind see the picker
    const provider = can(req.user, 'oit.manage') ? evidenceProvider('content') : undefined;
    const found = provider ? await provider.candidates(p.db, req.agency.id, q, { lang: req.lang, publishedOnly: true, fiscalYears: fy === 'any' ? [] : fy ? [Number(fy)] : expected, limit: PICK_LIMIT + 1 }) : [];
    const bound = new Set(r.evidence.filter((e) => e.binding.provider === 'content').map((e) => e.binding.ref));
    const results = await Promise.all(found.slice(0, PICK_LIMIT).map(async (c) => {
      const evidence = await provider!.resolve(p.db, req.agency.id, c.ref);
      return evidence && { ...c, evidence, outlook: outlookWith(r, evidence), bound: bound.has(c.ref) };
    }));
    return { q, fy, expected, results: results.filter((x): x is PickResult => !!x), capped: found.length > PICK_LIMIT, form };
  };

  const itemPage = async (req: FastifyRequest, reply: FastifyReply, item: Item, form: FormState | null, status = 200, pickForm: FormState | null = null) => {
    const [r] = await itemReadiness(p.db, req.agency.id, [item]);
    const providers = await Promise.all(evidenceProviders().filter((x) => x.key !== 'content').map(async (x) => ({ key: x.key, label: x.label[req.lang], candidates: await x.candidates(p.db, req.agency.id, '', { lang: req.lang }) })));
    const values = {
      title_th: item.title_th, title_en: item.title_en, indicator: item.indicator, group_name: item.group_name, requirements: item.requirements.join('\n'),
      indicator_en: item.indicator_en, group_en: item.group_en, requirements_en: item.requirements_en.join('\n'), recency: item.recency, sort_order: String(item.sort_order), note: item.note,
    };
    const health = await bindingHealth(p.db, req.agency.id, [item.id]);
    return sendHtml(reply, StaffItemPage({ ctx: viewCtx(req, reply), r: r!, options: { providers, picker: await picker(req, r!, pickForm) }, form: form ?? emptyForm(values), health }), status);
  };

  app.get('/staff/oit/:year/:code', read, async (req, reply) => {
    const at = await locate(req, reply, true, '/staff');
    if (!at) return reply;
    return itemPage(req, reply, at.item!, null);
  });

  /** A change to one item: the form is parsed and the service run; bad input or a broken rule brings the item page back. */
  const change = <S extends z.ZodType>(schema: S | ((req: FastifyRequest, item: Item) => S), run: (req: FastifyRequest, item: Item, data: z.output<S>) => Promise<{ key: Parameters<typeof redirectWithFlash>[3]; to?: string }>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const at = await locate(req, reply, true, '/staff');
      if (!at) return reply;
      const item = at.item!;
      return handleForm(req, {
        schema: typeof schema === 'function' ? schema(req, item) : schema,
        run: (d) => run(req, item, d),
        done: (r) => redirectWithFlash(reply, r.to ?? `/staff${itemUrl(at.year, item.code)}`, 'success', r.key, { code: item.code }),
        fail: (form) => itemPage(req, reply, item, form, 422),
      });
    };

  const urlBinding = z.object({ provider: z.literal('url'), url: url(), label: text({ max: 300 }) });
  const refBinding = z.object({ provider: text({ max: 40 }).pipe(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'err.choice')), ref: text({ max: 200 }).pipe(z.string().min(1, 'oit.err.chooseOne')) });
  const bindingSchema = (req: FastifyRequest) => ((req.body as Record<string, unknown>)?.provider === 'url' ? urlBinding : refBinding) as z.ZodType<z.output<typeof urlBinding> | z.output<typeof refBinding>>;

  app.post('/staff/oit/:year/:code/bindings', manage, change(bindingSchema, async (req, item, d) => {
    await addBinding(p, req.user!, item.year, item.code, d);
    return { key: 'oit.staff.bound' };
  }));

  app.post('/staff/oit/:year/:code/bindings/:id/remove', manage, change(z.object({}), async (req, item) => {
    await removeBinding(p, req.user!, item.year, item.code, idParam(req));
    return { key: 'oit.staff.unbound' };
  }));

  const ticksSchema = (_req: FastifyRequest, item: Item) => z.object({ requirements: choices(item.requirements.length ? (item.requirements as [string, ...string[]]) : ['']) });
  app.post('/staff/oit/:year/:code/ticks', manage, change(ticksSchema, async (req, item, d) => {
    await saveTicks(p, req.user!, item.year, item.code, d.requirements);
    return { key: 'oit.staff.ticksSaved' };
  }));

  // the picker's one step: bind a published item and save the ticks that came with it
  app.post('/staff/oit/:year/:code/pick', manage, async (req, reply) => {
    const at = await locate(req, reply, true, '/staff');
    if (!at) return reply;
    const item = at.item!;
    return handleForm(req, {
      schema: z.object({ ref: text({ min: 0, max: 200 }).pipe(z.string().min(1, 'oit.err.chooseOne')), requirements: ticksSchema(req, item).shape.requirements }),
      run: async (d) => {
        await bindPublished(p, req.user!, item.year, item.code, { provider: 'content', ref: d.ref }, d.requirements);
        return (await itemReadiness(p.db, req.agency.id, [item]))[0]!.status;
      },
      done: (status) => redirectWithFlash(reply, `/staff${itemUrl(item.year, item.code)}`, 'success', 'oit.pick.done', { code: item.code, status: translate(req.lang, `oit.status.${status}`) }),
      fail: (form) => itemPage(req, reply, item, null, 422, form),
    });
  });

  app.post('/staff/oit/:year/:code/edit', manage, change(itemSchema, async (req, item, d) => {
    await updateItem(p, req.user!, item.year, item.code, d);
    return { key: 'oit.staff.itemSaved' };
  }));

  app.get('/staff/oit/:year/:code/delete', manage, async (req, reply) => {
    const at = await locate(req, reply, true, '/staff');
    if (!at) return reply;
    return sendHtml(reply, DeleteItemPage({ ctx: viewCtx(req, reply), year: at.year, code: at.item!.code }));
  });

  app.post('/staff/oit/:year/:code/delete', manage, change(z.object({}), async (req, item) => {
    await deleteItem(p, req.user!, item.year, item.code);
    return { key: 'oit.staff.itemDeleted', to: `/staff/oit/${item.year}` };
  }));
}
