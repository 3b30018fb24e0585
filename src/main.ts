// Command line: serve | migrate | seed-demo | reset-demo-passwords | create-admin | search reindex | audit verify/checkpoint |
// jobs | recovery-key create | complaints recover / approve-reader | backup | restore
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { auditCheckpoint, formatCheckpoint, parseCheckpoint, recordAudit, verifyAudit, type Checkpoint } from './platform/audit/index.ts';
import { tx } from './platform/db/index.ts';
import { buildApp, createPlatform, migrate } from './server.ts';
import { seedDemo } from './demo.ts';
import type { Platform } from './platform/platform.ts';
import { generatePassword } from './platform/auth/passwords.ts';
import { createUser, demoUsernames, resetDemoPasswords, systemActor } from './platform/auth/users.ts';
import { ValidationError } from './platform/http/errors.ts';
import { translate } from './platform/i18n/index.ts';
import { listJobs, runJob, startJobs } from './platform/jobs/index.ts';
import { joinCluster, startPrimary } from './platform/http/cluster.ts';
import { installModules } from './platform/module.ts';
import { firstAgencyId } from './platform/tenant.ts';
import { MODULES } from './modules/index.ts';
import { approveReader, recoverAccess } from './modules/complaints/index.ts';
import { createRecoveryKey, parseRecoveryKey } from './platform/vault/index.ts';
import { rebuildSearch } from './platform/search/refold.ts';

const started = Date.now();
const out = (line = '') => process.stdout.write(`${line}\n`);

function printDemoLogin(config: Config, usernames: string[], password: string | null): void {
  out('');
  out('  Staff demo login / เข้าสู่ระบบเจ้าหน้าที่ (ตัวอย่าง)');
  out(`  ${config.baseUrl}/login`);
  out(`  users: ${usernames.join(', ')}`);
  out(password ? `  password: ${password}` : '  password: printed at first start (or set DEMO_PASSWORD); new one: npm run cli -- reset-demo-passwords');
  out('');
}

async function serve(config: Config): Promise<void> {
  if (config.webConcurrency > 1) {
    if (cluster.isPrimary) return servePrimary(config);
    return serveWorker(config);
  }
  const p = await createPlatform(config);
  await prepare(config, p);
  const app = await buildApp(p);
  const stopJobs = startJobs(p);
  const pidFile = path.join(config.dataDir, 'server.pid');
  fs.writeFileSync(pidFile, String(process.pid));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    p.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    stopJobs();
    await app.close();
    await p.db.close();
    fs.rmSync(pidFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  out(`Prongsai ready at http://localhost:${port} (${p.db.dialect}, started in ${Date.now() - started} ms)`);
}

/** Migrations and the demo, once, before anything serves; prints the demo login. */
async function prepare(config: Config, p: Platform): Promise<void> {
  await migrate(p);
  const seeded = await seedDemo(p);
  if (config.demoMode) {
    const users = seeded?.usernames ?? (await demoUsernames(p.db));
    if (users.length) printDemoLogin(config, users, seeded?.password ?? config.demoPassword ?? null);
  }
}

/**
 * The primary of a cluster: prepares the database, forks the workers and supervises them (platform/http/cluster.ts).
 * Its pid is in DATA_DIR/server.pid; SIGTERM or SIGINT stop every worker, then the primary (exit 0); SIGHUP replaces
 * the workers one by one without closing the port.
 */
async function servePrimary(config: Config): Promise<void> {
  const p = await createPlatform(config);
  await prepare(config, p);
  const dialect = p.db.dialect;
  await p.db.close();
  const pidFile = path.join(config.dataDir, 'server.pid');
  fs.writeFileSync(pidFile, String(process.pid));
  const leave = (code: number) => {
    fs.rmSync(pidFile, { force: true });
    process.exit(code);
  };
  const supervisor = startPrimary({
    workers: config.webConcurrency,
    log: p.log,
    ready: (port) => out(`Prongsai ready at http://localhost:${port} (${dialect}, ${config.webConcurrency} workers, started in ${Date.now() - started} ms)`),
    failed: (code, reason) => {
      process.stderr.write(`prongsai: ${reason}\n`);
      leave(code);
    },
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    p.log.info({ signal }, 'shutting down');
    leave(await supervisor.stop());
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    if (closing) return;
    p.log.info({ signal: 'SIGHUP' }, 'restarting the workers');
    void supervisor.restart().then(() => p.log.info({}, 'workers restarted'));
  });
}

/** A worker of the cluster: serves; runs the jobs when it holds slot 0; stops on SIGTERM from the primary. */
async function serveWorker(config: Config): Promise<void> {
  const p = await createPlatform(config);
  const member = joinCluster();
  const { slot } = member;
  const app = await buildApp(p);
  const stopJobs = slot === 0 ? startJobs(p) : () => {};
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(1), 9_000);
    timer.unref();
    stopJobs();
    await app.close();
    await member.leave();
    await p.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  // Ctrl-C (or a hangup) reaches the whole process group: the primary stops or replaces the workers in order
  process.on('SIGINT', () => {});
  process.on('SIGHUP', () => {});
  await app.listen({ port: config.port, host: config.host });
}

async function withPlatform<T>(config: Config, fn: (p: Platform) => Promise<T>): Promise<T> {
  const p = await createPlatform(config);
  try {
    await migrate(p);
    return await fn(p);
  } finally {
    await p.db.close();
  }
}

function serverRunning(config: Config): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(config.dataDir, 'server.pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd = 'serve', ...args] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate':
      return withPlatform(config, async () => (out('database is up to date'), 0));
    case 'seed-demo':
      return withPlatform(config, async (p) => {
        const r = await seedDemo(p);
        if (!r) return (out('an agency already exists; nothing loaded'), 0);
        printDemoLogin(config, r.usernames, r.password);
        return 0;
      });
    case 'reset-demo-passwords':
      return withPlatform(config, async (p) => {
        const password = config.demoPassword ?? generatePassword();
        const usernames = await resetDemoPasswords(p, password);
        if (!usernames.length) return (out('no demo accounts'), 1);
        printDemoLogin(config, usernames, password);
        return 0;
      });
    case 'create-admin':
      return withPlatform(config, async (p) => createAdmin(p, args[0] ?? ''));
    case 'search':
      if (args[0] !== 'reindex' || args.length !== 1) return usage();
      return withPlatform(config, async (p) => {
        const r = await rebuildSearch(p.db, p.modules);
        out(`search reindex: ${r.items} items indexed again, ${r.removed} entries of items gone removed, ${r.changed} entries folded again (agencies: ${r.agencies})`);
        return 0;
      });
    case 'audit': {
      if (args[0] === 'checkpoint' && args.length === 1) {
        return withPlatform(config, async (p) => {
          const c = await auditCheckpoint(p.db);
          if (!c) return (process.stderr.write('audit checkpoint: the log is empty\n'), 1);
          out(formatCheckpoint(c));
          return 0;
        });
      }
      if (args[0] !== 'verify') return usage();
      let checkpoint: Checkpoint | undefined;
      if (args.length === 3 && args[1] === '--checkpoint') {
        const c = parseCheckpoint(args[2]!);
        if (!c) return (process.stderr.write('audit verify: a checkpoint looks like prongsai-audit-v1:<event id>:<64 hex digits> (from audit checkpoint)\n'), 2);
        checkpoint = c;
      } else if (args.length !== 1) return usage();
      return withPlatform(config, async (p) => {
        const r = await verifyAudit(p.db, { checkpoint });
        if (r.ok) {
          out(`audit log OK: ${r.checked} events, MAC chain intact${r.checkpoint ? `, event ${r.checkpoint.id} matches the checkpoint` : ''}`);
          return 0;
        }
        process.stderr.write(`audit log BROKEN at event ${r.firstBad!.id}: ${r.firstBad!.reason} (${r.checked} events before it are intact)\n`);
        return 1;
      });
    }
    case 'jobs':
      if (args[0] === 'run' && args[1]) return withPlatform(config, async (p) => (out(`${args[1]}: ${await runJob(p, args[1]!)}`), 0));
      if (args.length) return usage();
      installModules(MODULES);
      for (const j of listJobs()) out(`${j.name}\tevery ${j.everyMinutes} min`);
      return 0;
    case 'recovery-key':
      if (args[0] !== 'create' || args.length > 2 || (args[1] && args[1] !== '--replace')) return usage();
      return withPlatform(config, async (p) => {
        const agencyId = await firstAgencyId(p.db);
        if (agencyId === undefined) return (process.stderr.write('recovery-key: no agency yet\n'), 1);
        try {
          const text = await createRecoveryKey(p.db, agencyId, args[1] === '--replace');
          const action = args[1] === '--replace' ? 'recovery_key.replace' : 'recovery_key.create';
          await tx(p.db, (t) => recordAudit(t, { agencyId, actor: { id: null, label: 'command line' }, action, targetType: 'agency', targetId: agencyId, summary: 'recovery key made at the server' }));
          out('The agency\'s recovery key. Print it, keep it in a safe, and do not store it on this server.');
          out('It is shown once. With it, sealed complaints can be opened again (npm run cli -- complaints recover).');
          out('');
          out(`  ${text}`);
          return 0;
        } catch (err) {
          process.stderr.write(`recovery-key: ${(err as Error).message}\n`);
          return 1;
        }
      });
    case 'complaints':
      if (args[0] === 'approve-reader' && args.length === 2) return approveReaderAtServer(config, args[1]!);
      if (args[0] !== 'recover' || args.length !== 1) return usage();
      return withPlatform(config, async (p) => {
        const agencyId = await firstAgencyId(p.db);
        if (agencyId === undefined) return (process.stderr.write('complaints recover: no agency yet\n'), 1);
        // read from standard input, so that the key stays out of the shell's history and the process list
        const typed = fs.readFileSync(0, 'utf8');
        const pair = await parseRecoveryKey(p.db, agencyId, typed.split('\n').map((l) => l.trim()).filter((l) => /^[0-9A-Fa-f -]{64,}$/.test(l)).pop() ?? typed);
        if (!pair) return (process.stderr.write('complaints recover: this is not the agency\'s recovery key\n'), 1);
        const r = await recoverAccess(p.db, agencyId, pair);
        out(`complaints recover: ${r.cases} cases, ${r.copies} new copies of their keys for the officers who may read them`);
        return 0;
      });
    case 'backup':
      return backup(config, args[0]);
    case 'restore':
      return restore(config, args[0]);
    default:
      return usage();
  }
}

/** The first reader of complaints (or one when none is left) is approved at the server: no account can do it alone. */
async function approveReaderAtServer(config: Config, username: string): Promise<number> {
  return withPlatform(config, async (p) => {
    const agencyId = await firstAgencyId(p.db);
    if (agencyId === undefined) return (process.stderr.write('complaints approve-reader: no agency yet\n'), 1);
    const user = await p.db.k.selectFrom('app_user').select('id').where('agency_id', '=', agencyId).where('username', '=', username).executeTakeFirst();
    if (!user) return (process.stderr.write(`complaints approve-reader: no user ${username}\n`), 1);
    try {
      await approveReader(p, systemActor(agencyId, 'command line'), user.id);
    } catch (err) {
      if (err instanceof ValidationError) return (process.stderr.write(`complaints approve-reader: ${username} does not have the complaint officer role\n`), 1);
      throw err;
    }
    out(`complaints approve-reader: ${username} may read complaints; cases reach them when an officer who reads them opens them, or with complaints recover`);
    return 0;
  });
}

function usage(): number {
  process.stderr.write('usage: npm run cli -- serve | migrate | seed-demo | reset-demo-passwords | create-admin <username> | search reindex | audit verify [--checkpoint <text>] | audit checkpoint | jobs [run <name>] | recovery-key create [--replace] | complaints recover < key.txt | complaints approve-reader <username> | backup <file> | restore <file>\n');
  return 2;
}

/** An administrator with a temporary password, through the same service and checks as the users page. */
async function createAdmin(p: Platform, username: string): Promise<number> {
  const agencyId = await firstAgencyId(p.db);
  if (agencyId === undefined) {
    process.stderr.write('create-admin: no agency yet; run seed-demo or start the server once\n');
    return 1;
  }
  try {
    const r = await createUser(p, systemActor(agencyId, 'command line'), { username, displayName: username, email: '', roles: ['admin'] });
    out(`administrator ${username.trim().toLowerCase()} created; temporary password (change at first sign-in): ${r.tempPassword}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const [field, m] = Object.entries(err.errors)[0]!;
    process.stderr.write(`create-admin: ${field}: ${translate('en', typeof m === 'string' ? m : m.key, typeof m === 'string' ? undefined : m.vars)}\n`);
    return field === 'username' && m === 'err.usernameTaken' ? 1 : 2;
  }
}

/** A copy through SQLite's online backup API, readable by its owner only: it holds every account and record. */
async function privateCopy(db: BetterSqlite3.Database, file: string): Promise<void> {
  // made 0600 before SQLite writes into it (SQLite would create it with the umask, often 0644); an existing file too
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  await db.backup(file);
}

async function backup(config: Config, file: string | undefined): Promise<number> {
  if (!file) return usage();
  if (config.databaseUrl) {
    process.stderr.write('backup: this command backs up the embedded SQLite database. For PostgreSQL use: pg_dump --format=custom --file=<file> "$DATABASE_URL" (see README)\n');
    return 2;
  }
  const src = path.join(config.dataDir, 'prongsai.sqlite');
  if (!fs.existsSync(src)) {
    process.stderr.write(`backup: no database at ${src}\n`);
    return 1;
  }
  const db = new BetterSqlite3(src, { readonly: true, fileMustExist: true });
  try {
    // the online backup API copies a consistent snapshot while the server keeps running
    await privateCopy(db, path.resolve(file));
  } finally {
    db.close();
  }
  out(`backup written to ${path.resolve(file)} (uploaded files are in ${path.join(config.dataDir, 'files')}; copy that folder too)`);
  return 0;
}

async function restore(config: Config, file: string | undefined): Promise<number> {
  if (!file) return usage();
  if (config.databaseUrl) {
    process.stderr.write('restore: for PostgreSQL use: pg_restore --clean --if-exists --dbname="$DATABASE_URL" <file> (see README)\n');
    return 2;
  }
  if (serverRunning(config)) {
    process.stderr.write('restore: the server is running; stop it first\n');
    return 1;
  }
  const from = path.resolve(file);
  try {
    const check = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
    const ok = check.pragma('integrity_check', { simple: true }) === 'ok';
    const hasAgency = !!check.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='agency'").get();
    check.close();
    if (!ok || !hasAgency) throw new Error('not a Prongsai database');
  } catch (err) {
    process.stderr.write(`restore: ${from} is not a valid Prongsai backup (${(err as Error).message})\n`);
    return 1;
  }
  const target = path.join(config.dataDir, 'prongsai.sqlite');
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (fs.existsSync(target)) {
    const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const cur = new BetterSqlite3(target);
    await privateCopy(cur, keep);
    cur.close();
    out(`the current database was kept as ${keep}`);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(from, target);
  fs.chmodSync(target, 0o600);
  out(`restored ${from} to ${target}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`prongsai: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
