// The rules of the house (docs/modules.md), checked on every run: imports (dependency-cruiser), table ownership,
// the module contract, and that every table in the database has exactly one owner.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { MODULES } from '../../src/modules/index.ts';
import { PLATFORM_TABLES, SHARED_FOR_READING } from '../../src/platform/db/schema.ts';
import { openDb } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { migrations } from '../../src/server.ts';
import { tableUses } from './ownership.ts';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const owners = new Map<string, string>();
for (const t of PLATFORM_TABLES) owners.set(t, 'platform');
for (const m of MODULES) for (const t of m.tables) owners.set(t, m.name);
const shared = new Set<string>(SHARED_FOR_READING);

/** Who a file belongs to: a module by its folder, else the platform (and the command line around it). */
const ownerOfFile = (rel: string) => /^src\/modules\/([^/]+)\//.exec(rel)?.[1] ?? 'platform';

/** Every use of a table its file's owner may not make. */
function violations(rel: string, source: string): string[] {
  const who = ownerOfFile(rel);
  const { uses, registryCalls } = tableUses(rel, source, new Set(owners.keys()));
  const out = uses
    .filter((u) => owners.get(u.table) !== who && !(shared.has(u.table) && !u.write))
    .map((u) => `${rel}:${u.line} ${u.write ? 'writes' : 'reads'} ${u.table} (owned by ${owners.get(u.table)})`);
  if (who !== 'platform') out.push(...registryCalls.map((c) => `${rel}:${c.line} calls ${c.name}: declare it in the module's defineModule instead`));
  return out;
}

/** Routes parse and render: a query in a routes*.ts(x) file of a module belongs in its store or service. */
const QUERY = /\bp\.db\.k\b|\.(?:selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;
const isRoutes = (rel: string) => /^src\/modules\/.+\/routes[^/]*\.tsx?$/.test(rel);
function queriesInRoutes(rel: string, source: string): string[] {
  if (!isRoutes(rel)) return [];
  return source.split('\n').flatMap((l, i) => (QUERY.test(l) ? [`${rel}:${i + 1} ${l.trim().slice(0, 120)}`] : []));
}

describe('the rules of the house', () => {
  test('imports: no cycles, the platform imports no module, modules use each other only through index.ts', async () => {
    const r = await cruise(['src', 'test'], { validate: true, ruleSet: (await import(path.join(root, '.dependency-cruiser.cjs'))).default, tsPreCompilationDeps: true, exclude: { path: 'node_modules' } }, { extensions: ['.ts', '.tsx', '.js'] });
    const output = r.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
    const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(found, [], `import rules broken:\n${found.join('\n')}`);
  });

  test('each table is named only by its owner (others may read agency, app_user and file); modules fill registries only by declaration', () => {
    const files = [...sources(path.join(root, 'src'))];
    const found = files.flatMap((f) => violations(path.relative(root, f), fs.readFileSync(f, 'utf8')));
    assert.deepEqual(found, [], `tables used outside their owner:\n${found.join('\n')}`);
  });

  test('the check itself finds a module naming another module’s table, a write to a platform table, and a registry call', () => {
    const src = [
      "await db.k.selectFrom('content').selectAll().execute();",
      "await t.k.insertInto('app_user').values(v).execute();",
      "await sql`SELECT * FROM integrity_report`.execute(db);",
      "await db.k.selectFrom('file').select('id').execute();",
      "registerSearchKind('x', { th: '', en: '' });",
    ].join('\n');
    const found = violations('src/modules/oit/sneaky.ts', src);
    assert.equal(found.length, 4, found.join('\n'));
    assert.match(found[0]!, /reads content \(owned by publishing\)/);
    assert.match(found[1]!, /writes app_user \(owned by platform\)/);
    assert.match(found[2]!, /reads integrity_report \(owned by integrity\)/);
    assert.match(found[3]!, /calls registerSearchKind/);
  });

  test('routes files of modules run no query (they call the store or the service)', () => {
    const found = sources(path.join(root, 'src/modules')).flatMap((f) => queriesInRoutes(path.relative(root, f), fs.readFileSync(f, 'utf8')));
    assert.deepEqual(found, [], `queries in routes files:\n${found.join('\n')}`);
  });

  test('the routes check itself finds each kind of query, and only in routes files', () => {
    const src = [
      "const a = await p.db.k.selectFrom('x').selectAll().execute();",
      "await t.k.insertInto('x').values(v).execute();",
      "await db.k.updateTable('x').set(v).execute();",
      "await db.k.deleteFrom('x').execute();",
      'await sql`SELECT 1`.execute(db);',
      'const fine = await getThing(p.db, id);',
    ].join('\n');
    const found = queriesInRoutes('src/modules/oit/routes-staff.tsx', src);
    assert.deepEqual(found.map((f) => f.split(' ')[0]), [1, 2, 3, 4, 5].map((n) => `src/modules/oit/routes-staff.tsx:${n}`), found.join('\n'));
    assert.equal(queriesInRoutes('src/modules/oit/routes.ts', 'p.db.k').length, 1, 'routes.ts is a routes file');
    assert.deepEqual(queriesInRoutes('src/modules/oit/store.ts', src), [], 'a store may query');
  });

  test('every table in a migrated database has exactly one owner, and every declared table exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-arch-'));
    const db = await openDb({ dataDir: dir });
    try {
      await migrateToLatest(db, migrations);
      const rows = db.sqlite!.handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'search_fts_%'").all() as Array<{ name: string }>;
      const tables = rows.map((r) => r.name).sort();
      const unowned = tables.filter((t) => !owners.has(t));
      assert.deepEqual(unowned, [], 'tables without an owner');
      const declaredTwice = MODULES.flatMap((m) => m.tables).filter((t, i, all) => all.indexOf(t) !== i || (PLATFORM_TABLES as readonly string[]).includes(t));
      assert.deepEqual(declaredTwice, [], 'tables declared by two owners');
      const missing = [...owners.keys()].filter((t) => !tables.includes(t));
      assert.deepEqual(missing, [], 'declared tables that no migration creates');
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every module’s English catalogue has every Thai key', () => {
    for (const m of MODULES) {
      assert.deepEqual(Object.keys(m.messages?.en ?? {}).sort(), Object.keys(m.messages?.th ?? {}).sort(), `${m.name}: English has every Thai key`);
    }
  });
});
