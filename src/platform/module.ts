// The module contract: one typed declaration per module, read by the server from one list (src/modules/index.ts).
// Nothing registers itself by being imported; docs/modules.md shows the pattern with an example module.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import type { Platform } from './platform.ts';
import type { Db } from './db/index.ts';
import type { Role } from './auth/roles.ts';
import { definePermission } from './auth/roles.ts';
import type { Bilingual } from './i18n/index.ts';
import { registerMessages } from './i18n/index.ts';
import type { NavEntry, ViewCtx } from './views/ctx.ts';
import type { Dataset } from './opendata/index.ts';
import { registerDataset } from './opendata/index.ts';
import type { SitemapSource } from './sitemap.ts';
import { registerSitemapSource } from './sitemap.ts';
import type { FeedSource } from './feed.ts';
import { registerFeedSource } from './feed.ts';
import type { EvidenceProvider } from './evidence.ts';
import { registerEvidenceProvider } from './evidence.ts';
import type { FileAccessRule } from './files/index.ts';
import { registerFileOwner } from './files/index.ts';
import type { Job } from './jobs/index.ts';
import { registerJob } from './jobs/index.ts';
import { registerSearchKind } from './search/index.ts';
import type { TodoSource } from './todo.ts';
import type { AgencySite } from './http/types.ts';

/** A section of the public home page (latest news, services, …), rendered for each visit. */
export type HomeBlock = (p: Platform, ctx: ViewCtx, req: FastifyRequest) => Promise<string> | string;

/** What the demo steps share: the demo agency and what earlier steps made (content ids by slug, …). */
export interface DemoContext {
  agencyId: number;
  /** ids of demo records by their slug, filled by the steps that make them */
  ids: Map<string, number>;
  /** the demo accounts' password (to make their key pairs ahead of their first sign-in) */
  password: string;
}

export interface DemoStep {
  /** steps of all modules run in this order (agency 10, publishing 20, …); leave gaps for new modules */
  order: number;
  run(p: Platform, ctx: DemoContext): Promise<void>;
}

export interface ModuleDef {
  /** short, lower case; the prefix of its permissions and message keys */
  name: string;
  /** the tables it creates, and alone reads and writes (others use its index.ts); checked by test/architecture */
  tables: readonly string[];
  /** its migrations, named with the next free global number ('012_complaints'), applied with everyone's in name order */
  migrations?: Record<string, Migration>;
  /** permission → roles that have it */
  permissions?: Record<string, readonly Role[]>;
  /** its catalogue; the English one must have every key of the Thai one */
  messages?: { th: Record<string, string>; en: Record<string, string> };
  routes?(app: FastifyInstance, p: Platform): void;
  nav?: { public?: NavEntry[]; staff?: NavEntry[] };
  home?: HomeBlock[];
  /** blocks of the staff home (/staff) after the to-do list, for the signed-in person ('' for nothing) */
  staffHome?: HomeBlock[];
  /** kinds of search entries it indexes, with their labels for filters and results */
  searchKinds?: Record<string, Bilingual>;
  /**
   * Puts each of the agency's items into search again from its own tables, as its own saves do (an unpublished item
   * loses its entry), each item under its row lock; returns how many items. Run by `npm run cli -- search reindex`:
   * after an upgrade that changed what entries hold, or to rebuild the index.
   */
  searchSync?(db: Db, agencyId: number): Promise<number>;
  /** open-data datasets at /open-data/{key}.csv|json|jsonld */
  datasets?: Dataset[];
  /** its public URLs for /sitemap.xml */
  sitemap?: SitemapSource;
  /** its entries in /feed.xml */
  feed?: FeedSource;
  /** what it offers as OIT evidence */
  evidence?: EvidenceProvider[];
  /** owner name → who may read its files when they are served */
  files?: Record<string, FileAccessRule>;
  jobs?: Job[];
  /** permissions whose holders get a key pair for sealed data (platform/vault): made at their next sign-in */
  keyHolders?: string[];
  /**
   * Its public GET pages may be answered from the page cache (platform/http/pagecache.ts) for anonymous visitors.
   * Set it only when every change to what those pages show is signalled with publicChanged (platform/changes.ts)
   * after it commits, and the pages show nothing of other modules that do not signal theirs. A route can still opt
   * out with `config: { pageCache: false }` (or in with `true` in a module without the flag).
   */
  pageCache?: boolean;
  /** what waits for the signed-in person (the staff home's to-do list) */
  todo?: TodoSource;
  /** which agency a request's hostname is served as, with its site identity; exactly one module declares it (agency) */
  site?: (p: Platform) => (hostname: string) => Promise<AgencySite>;
  demo?: DemoStep[];
}

export function defineModule<const M extends ModuleDef>(m: M): M {
  if (!/^[a-z][a-z0-9]*$/.test(m.name)) throw new Error(`module name "${m.name}": lower-case letters and digits`);
  return m;
}

const installed = new Set<string>();

/**
 * Puts every module's declarations into the platform's registries, once per process (several apps in one test
 * process share them). Routes, navigation and home blocks are per app: see buildApp.
 */
export function installModules(modules: readonly ModuleDef[]): void {
  // the platform's own background work: stored bytes no row refers to (after a failed transaction), removed daily
  registerJob({ name: 'files-sweep', everyMinutes: 60, run: async (p) => `${await p.files.sweepOrphans(p.db)} orphan files removed` });
  for (const m of modules) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    for (const [name, roles] of Object.entries(m.permissions ?? {})) definePermission(name, roles);
    if (m.messages) registerMessages(m.messages.th, m.messages.en);
    for (const [kind, label] of Object.entries(m.searchKinds ?? {})) registerSearchKind(kind, label);
    for (const d of m.datasets ?? []) registerDataset(d);
    if (m.sitemap) registerSitemapSource(m.name, m.sitemap);
    if (m.feed) registerFeedSource(m.name, m.feed);
    for (const e of m.evidence ?? []) registerEvidenceProvider(e);
    for (const [owner, rule] of Object.entries(m.files ?? {})) registerFileOwner(owner, rule);
    for (const j of m.jobs ?? []) registerJob(j);
  }
}

/** Every migration of the platform and the modules, by name; names are unique across all of them. */
export function allMigrations(platform: Record<string, Migration>, modules: readonly ModuleDef[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platform };
  for (const m of modules) {
    for (const [name, mig] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`migration ${name} of ${m.name} has the name of another migration`);
      all[name] = mig;
    }
  }
  return all;
}

/** Demo steps of all modules in their order. */
export function demoSteps(modules: readonly ModuleDef[]): DemoStep[] {
  return modules.flatMap((m) => m.demo ?? []).sort((a, b) => a.order - b.order);
}
