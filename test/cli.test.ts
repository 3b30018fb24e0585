// The command line and the server process, as a user runs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { exited, root, serve } from './support/server.ts';

function cli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });
}

describe('command line', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-cli-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('a bad setting stops start-up with one line naming it', () => {
    for (const [env, name] of [[{ PORT: 'abc' }, 'PORT'], [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'], [{ NODE_ENV: 'production' }, 'SECRET_KEY'], [{ UPLOAD_MAX_MB: '-1' }, 'UPLOAD_MAX_MB']] as const) {
      const r = cli({ DATA_DIR: dataDir, ...env }, 'serve');
      assert.equal(r.status, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, new RegExp(`^Configuration error: ${name} `));
    }
  });

  test('serve: first start loads the demo and prints the staff login; SIGTERM shuts down cleanly; a restart keeps the data', async () => {
    const s = await serve({ DATA_DIR: dataDir, DEMO_PASSWORD: 'cli-demo-password' });
    assert.match(s.out(), /users: admin, publisher, service, complaint, asset, procurement, integrity, executive/);
    assert.match(s.out(), /password: cli-demo-password/);
    const home = await fetch(`${s.url}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /องค์การบริหารส่วนจังหวัดกาฬสินธุ์/);
    assert.ok(fs.existsSync(path.join(dataDir, 'server.pid')), 'the running server writes its pid file');
    const running = cli({ DATA_DIR: dataDir }, 'restore', path.join(dataDir, 'prongsai.sqlite'));
    assert.equal(running.status, 1);
    assert.match(running.stderr, /the server is running/);
    s.child.kill('SIGTERM');
    assert.equal(await exited(s.child), 0);
    assert.ok(!fs.existsSync(path.join(dataDir, 'server.pid')), 'a clean shutdown removes the pid file');
    const again = await serve({ DATA_DIR: dataDir });
    assert.match(again.out(), /password: printed at first start/);
    again.child.kill('SIGINT');
    assert.equal(await exited(again.child), 0);
  });

  test('backup and restore of the embedded database', () => {
    const file = path.join(dataDir, 'backup.sqlite');
    const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
    const b = cli({ DATA_DIR: dataDir }, 'backup', file);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(mode(file), '600', 'the copy of the whole database is readable by its owner only');
    // over a file that was readable by others, under the usual umask: the copy is still the owner's only
    const again = path.join(dataDir, 'backup-again.sqlite');
    fs.writeFileSync(again, '', { mode: 0o644 });
    fs.chmodSync(again, 0o644);
    assert.equal(cli({ DATA_DIR: dataDir }, 'backup', again).status, 0);
    assert.equal(mode(again), '600');
    const c = cli({ DATA_DIR: dataDir }, 'create-admin', 'newadmin');
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /administrator newadmin created; temporary password/);
    const count = () => {
      const db = new BetterSqlite3(path.join(dataDir, 'prongsai.sqlite'), { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM app_user WHERE username = 'newadmin'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    assert.equal(count(), 1);
    const r = cli({ DATA_DIR: dataDir }, 'restore', file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(count(), 0);
    const kept = fs.readdirSync(dataDir).filter((f) => f.startsWith('prongsai.sqlite.before-restore-'));
    assert.equal(kept.length, 1, 'restore keeps the database it replaces');
    assert.equal(mode(path.join(dataDir, kept[0]!)), '600', 'the kept database is the owner\'s only');
    assert.equal(mode(path.join(dataDir, 'prongsai.sqlite')), '600', 'the restored database is the owner\'s only');
    fs.writeFileSync(path.join(dataDir, 'junk.sqlite'), 'not a database');
    const bad = cli({ DATA_DIR: dataDir }, 'restore', path.join(dataDir, 'junk.sqlite'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not a valid Prongsai backup/);
    const verify = cli({ DATA_DIR: dataDir }, 'audit', 'verify');
    assert.equal(verify.status, 0, verify.stderr);
  });

  test('create-admin: a username that breaks the rules exits 2, a taken one exits 1, each with its message; neither adds an account', () => {
    const admins = () => {
      const db = new BetterSqlite3(path.join(dataDir, 'prongsai.sqlite'), { readonly: true });
      try {
        return (db.prepare("SELECT username FROM app_user WHERE username LIKE 'cli%' ORDER BY username").all() as Array<{ username: string }>).map((r) => r.username);
      } finally {
        db.close();
      }
    };
    const first = cli({ DATA_DIR: dataDir }, 'create-admin', 'CliAdmin');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /administrator cliadmin created; temporary password/, 'the name is kept in lower case');
    for (const name of ['cli admin', 'cl', 'cli/../x', '']) {
      const bad = cli({ DATA_DIR: dataDir }, 'create-admin', name);
      assert.equal(bad.status, 2, `"${name}" is refused as a bad name (exit 2), got ${bad.status}: ${bad.stderr}`);
      assert.equal(bad.stderr, 'create-admin: username: Use 3–40 characters: a–z, 0–9, dot, hyphen or underscore\n');
    }
    const taken = cli({ DATA_DIR: dataDir }, 'create-admin', 'CLIADMIN');
    assert.equal(taken.status, 1, `a taken name exits 1, got ${taken.status}: ${taken.stderr}`);
    assert.equal(taken.stderr, 'create-admin: username: This username is already taken\n');
    assert.equal(taken.stdout, '', 'no password is printed');
    assert.deepEqual(admins(), ['cliadmin'], 'only the first call made an account');
  });

  test('search reindex has the modules index their items again, folds every agency\'s index and says how many', () => {
    const r = cli({ DATA_DIR: dataDir }, 'search', 'reindex');
    assert.equal(r.status, 0, r.stderr);
    const m = /^search reindex: (\d+) items indexed again, 0 entries of items gone removed, \d+ entries folded again \(agencies: 1\)$/m.exec(r.stdout);
    assert.ok(m && Number(m[1]) > 50, r.stdout);
    assert.equal(cli({ DATA_DIR: dataDir }, 'search', 'rebuild').status, 2, 'an unknown sub-command prints usage');
  });

  test('jobs: listed, run on demand by name; an unknown name is refused', () => {
    const list = cli({ DATA_DIR: dataDir }, 'jobs');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^integrity-reminders\tevery 60 min$/m);
    assert.match(list.stdout, /^files-sweep\tevery 60 min$/m);
    const run = cli({ DATA_DIR: dataDir }, 'jobs', 'run', 'integrity-reminders');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^integrity-reminders: \d+ reminders sent$/m);
    const bad = cli({ DATA_DIR: dataDir }, 'jobs', 'run', 'nope');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /no job named nope; known: files-sweep, oit-evidence-health, integrity-reminders/);
  });

  test('PostgreSQL backups are pointed to pg_dump; unknown commands print usage', () => {
    const r = cli({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, 'backup', 'x');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pg_dump --format=custom/);
    const u = cli({ DATA_DIR: dataDir }, 'frobnicate');
    assert.equal(u.status, 2);
    assert.match(u.stderr, /usage: npm run cli --/);
  });
});
