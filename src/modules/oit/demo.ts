// The demo's OIT map: the 2567, 2568 and 2569 catalogues bound to the demo's disclosures, and 2570 started by copying
// 2569 (no official 2570 list exists yet), provisional until an admin confirms it; items whose evidence is in order are checked.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { readSeed } from '../agency/index.ts';
import type { PublishingSeed } from '../publishing/index.ts';
import { parseCatalogue } from './catalogue.ts';
import { itemReadiness } from './readiness.ts';
import { addBinding, copyYear, importCatalogue, saveTicks } from './service.ts';
import { listItems, listYears } from './store.ts';

/** The years of the shared catalogue file the demo imports. */
export const DEMO_YEARS = [2567, 2568, 2569];
/** The year the demo starts by copying the last catalogue, as an agency does before NACC publishes its list. */
export const DEMO_COPIED_YEAR = { from: 2569, to: 2570 };

/** The catalogues of 2567–2569 from the shared data copied into seed/, then 2570 as a provisional copy of 2569. */
export async function importDemoCatalogues(p: Platform, ctx: DemoContext): Promise<void> {
  const file = Buffer.from(JSON.stringify(readSeed<unknown[]>('oit-items.json')));
  const demo = systemActor(ctx.agencyId, 'demo');
  for (const year of DEMO_YEARS) await importCatalogue(p, demo, year, parseCatalogue(file, year), 'Prongsai seed: ../shared/ita/oit-items.json');
  // without evidence: every module binds its own to each year there is (they run after this step)
  await copyYear(p, demo, DEMO_COPIED_YEAR.from, DEMO_COPIED_YEAR.to, false);
}

/** Binds the demo's disclosures and checks the items whose evidence is in order. */
export async function seedDemoOit(p: Platform, ctx: DemoContext): Promise<void> {
  const { agencyId, ids } = ctx;
  const seed = readSeed<PublishingSeed>('demo-publishing.json');
  const demo = systemActor(agencyId, 'demo');
  const bind = (year: number, code: string, b: Parameters<typeof addBinding>[4]) => addBinding(p, demo, year, code, b);
  for (const group of [...seed.pages, ...seed.documents, ...seed.news]) {
    for (const r of group.oit ?? []) await bind(r.year, r.code, { provider: 'content', ref: String(ids.get(group.slug)) });
  }
  for (const r of seed.monthly.oit) {
    for (const [slug, id] of ids) if (slug.startsWith('skr1-') && seed.monthly.fiscal_years.includes(r.year) && slug >= `skr1-${r.year - 544}-10` && slug <= `skr1-${r.year - 543}-09`) await bind(r.year, r.code, { provider: 'content', ref: String(id) });
  }
  for (const r of seed.agency) await bind(r.year, r.code, { provider: 'agency', ref: r.ref });
  for (const r of seed.external) await bind(r.year, r.code, { provider: 'url', url: r.url, label: r.label });
  // the working group has checked every item whose evidence is in order
  for (const year of await listYears(p.db, agencyId)) {
    const rs = await itemReadiness(p.db, agencyId, await listItems(p.db, agencyId, year));
    for (const r of rs) {
      const sound = r.evidence.length > 0 && r.evidence.every((e) => e.external || (e.evidence && e.problems.length === 0));
      if (sound) await saveTicks(p, demo, year, r.item.code, r.item.requirements);
    }
  }
}
