// The key vault: sealed boxes, keys that open only with the person's password or their browser's key cookie,
// rewrapped on a password change, dropped on a reset, forgotten at sign-out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import { MODULES } from '../../server.ts';
import { defineModule } from '../module.ts';
import { staffOnly } from '../auth/plugin.ts';
import { keyPair, open, openSealed, randomKey, seal, sealTo } from './box.ts';
import { createRecoveryKey, KEY_COOKIE, parseRecoveryKey, privateKeyOf, publicKeysOf, recoveryPublicKey } from './index.ts';
import { destroyUserSessions } from '../auth/sessions.ts';

/** A module whose readers hold keys; its page says whether the request can use the reader's private key. */
const sealedModule = defineModule({
  name: 'sealedtest',
  tables: [],
  permissions: { 'sealedtest.read': ['complaint_officer'] },
  keyHolders: ['sealedtest.read'],
  routes(app, p) {
    app.get('/staff/sealedtest', { preHandler: staffOnly() }, async (req, reply) => {
      const k = await privateKeyOf(p, req);
      if (!k) return reply.send({ key: false });
      // what is sealed to the public key opens with the private key of this request
      const ok = openSealed(k.publicKey, k.secretKey, sealTo(k.publicKey, Buffer.from('ลับ'))).toString() === 'ลับ';
      // test only: the private key itself, to look for it where it must not be
      return reply.send({ key: ok, publicKey: k.publicKey.toString('base64'), secret: (req.query as { reveal?: string }).reveal ? k.secretKey.toString('hex') : undefined });
    });
  },
});

describe('sealed boxes', () => {
  test('open with the key and context they were sealed with, and with nothing else', () => {
    const k = randomKey();
    const s = seal(k, Buffer.from('ผู้ร้องเรียน: นายสมชาย'), 'complaint:1:identity');
    assert.equal(open(k, s, 'complaint:1:identity').toString(), 'ผู้ร้องเรียน: นายสมชาย');
    assert.throws(() => open(k, s, 'complaint:2:identity'), 'moved to another row, it does not open');
    assert.throws(() => open(randomKey(), s, 'complaint:1:identity'));
    const tampered = Buffer.from(s);
    tampered[tampered.length - 1]! ^= 1;
    assert.throws(() => open(k, tampered, 'complaint:1:identity'));
    const pair = keyPair();
    assert.equal(openSealed(pair.publicKey, pair.secretKey, sealTo(pair.publicKey, k)).equals(k), true);
    assert.throws(() => openSealed(pair.publicKey, keyPair().secretKey, sealTo(pair.publicKey, k)));
  });
});

for (const target of await dbTargets()) {
  describe(`the key vault on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target, { demo: false, modules: [...MODULES, sealedModule] });
      await staff(t.p, ['complaint_officer'], 'officer1');
      await staff(t.p, ['complaint_officer'], 'officer2');
      await staff(t.p, ['publisher'], 'writer1');
      await staff(t.p, ['admin'], 'admin1');
    });
    after(() => t.close());

    const signIn = async (username: string, password = FIXTURE_PASSWORD): Promise<{ a: Agent; cookie: string | undefined }> => {
      const a = t.agent();
      const r = await a.login(username, password);
      assert.equal(r.status, 303, `${username} signs in`);
      const set = ([] as string[]).concat((r.headers['set-cookie'] as string[] | string | undefined) ?? []);
      return { a, cookie: set.find((c) => c.startsWith(`${KEY_COOKIE}=`)) };
    };
    const check = async (a: Agent, reveal = false) => JSON.parse((await a.get(`/staff/sealedtest${reveal ? '?reveal=1' : ''}`)).body) as { key: boolean; publicKey?: string; secret?: string };
    const userId = async (username: string) => (await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

    test('a key holder gets a key pair at sign-in, usable only with the session and its key cookie', async () => {
      const { a, cookie } = await signIn('officer1');
      assert.ok(cookie, 'a key cookie is set');
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Strict/i);
      const first = await check(a);
      assert.equal(first.key, true);
      const row = await t.p.db.k.selectFrom('user_key').selectAll().where('user_id', '=', await userId('officer1')).executeTakeFirstOrThrow();
      assert.equal(row.public_key, first.publicKey);

      const again = await signIn('officer1');
      assert.equal((await check(again.a)).publicKey, first.publicKey, 'the same key pair at every sign-in');

      // the session without its key cookie, or with another session's, cannot use the key
      a.cookies.delete(KEY_COOKIE);
      assert.deepEqual(await check(a), { key: false });
      const other = await signIn('officer2');
      a.cookies.set(KEY_COOKIE, other.a.cookies.get(KEY_COOKIE)!);
      assert.deepEqual(await check(a), { key: false }, "another person's key cookie does not open this person's key");

      const writer = await signIn('writer1');
      assert.equal(writer.cookie, undefined, 'people who read no sealed data hold no keys');
      assert.equal(await t.p.db.k.selectFrom('user_key').select('user_id').where('user_id', '=', await userId('writer1')).executeTakeFirst(), undefined);
    });

    test('signing out forgets the session copy; a password change keeps the key pair; a reset replaces it', async () => {
      const { a } = await signIn('officer2');
      const before = (await check(a)).publicKey;
      const id = await userId('officer2');
      const copies = async () => Number((await t.p.db.k.selectFrom('session_key').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', id).executeTakeFirstOrThrow()).n);
      const n = await copies();
      await a.get('/account');
      await a.post('/logout', {});
      assert.equal(await copies(), n - 1);

      const b = (await signIn('officer2')).a;
      await b.get('/account/password');
      const changed = await b.post('/account/password', { current_password: FIXTURE_PASSWORD, new_password: 'รหัสใหม่ที่ยาวพอ-2570', confirm_password: 'รหัสใหม่ที่ยาวพอ-2570' });
      assert.equal(changed.status, 303, 'password changed');
      const c = (await signIn('officer2', 'รหัสใหม่ที่ยาวพอ-2570')).a;
      assert.equal((await check(c)).publicKey, before, 'the new password opens the same key pair');

      const admin = (await signIn('admin1')).a;
      await admin.get(`/staff/users/${id}/reset-password`);
      const reset = await admin.post(`/staff/users/${id}/reset-password`, {});
      assert.ok([200, 303].includes(reset.status), `reset: ${reset.status}`);
      assert.equal(await t.p.db.k.selectFrom('user_key').select('user_id').where('user_id', '=', id).executeTakeFirst(), undefined, 'a password set by someone else cannot open the old key: it is dropped');
    });

    test('a public key swapped in the database (without SECRET_KEY) is not used, and the owner’s next sign-in restores theirs', async () => {
      await signIn('officer1');
      const id = await userId('officer1');
      const agencyId = (await t.p.db.k.selectFrom('user_key').select('agency_id').where('user_id', '=', id).executeTakeFirstOrThrow()).agency_id;
      assert.ok((await publicKeysOf(t.p.db, agencyId, [id])).has(id));
      await createRecoveryKey(t.p.db, agencyId, true);
      assert.ok(await recoveryPublicKey(t.p.db, agencyId));
      const intruder = keyPair().publicKey.toString('base64');
      const own = (await t.p.db.k.selectFrom('user_key').select('public_key').where('user_id', '=', id).executeTakeFirstOrThrow()).public_key;
      await t.p.db.k.updateTable('user_key').set({ public_key: intruder }).where('user_id', '=', id).execute();
      await t.p.db.k.updateTable('recovery_key').set({ public_key: intruder }).where('agency_id', '=', agencyId).execute();
      assert.equal((await publicKeysOf(t.p.db, agencyId, [id])).has(id), false, "the officer's swapped key");
      assert.equal(await recoveryPublicKey(t.p.db, agencyId), null, 'the swapped recovery key');
      // their next sign-in puts their own key back: the private key their password opens is the truth
      await signIn('officer1');
      assert.equal((await publicKeysOf(t.p.db, agencyId, [id])).get(id)?.toString('base64'), own, 'their own key, and it holds again');
    });

    test('when every session of a person ends (signed out everywhere, disabled), their key copies end with them', async () => {
      await signIn('officer1');
      const id = await userId('officer1');
      const copies = () => t.p.db.k.selectFrom('session_key').select('id').where('user_id', '=', id).execute();
      assert.ok((await copies()).length > 0);
      await destroyUserSessions(t.p.db, id);
      assert.deepEqual(await copies(), []);
    });

    test('the database holds no private key in the clear', async () => {
      const { a } = await signIn('officer1');
      const secret = Buffer.from((await check(a, true)).secret!, 'hex');
      assert.equal(secret.length, 32);
      const forms = [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('base64url'))];
      if (target.name === 'sqlite') {
        // the database file and its write-ahead log, byte for byte
        const files = fs.readdirSync(t.config.dataDir).filter((x) => /\.(db|sqlite)(-wal)?$/.test(x));
        assert.ok(files.includes('prongsai.sqlite'), files.join(', '));
        for (const f of files) {
          const bytes = fs.readFileSync(path.join(t.config.dataDir, f));
          for (const x of forms) assert.equal(bytes.indexOf(x), -1, `${f} does not hold the private key`);
        }
      } else {
        const rows = await t.p.db.k.selectFrom('user_key').select(['wrapped_private', 'public_key']).execute();
        const copies = await t.p.db.k.selectFrom('session_key').select(['wrapped_private']).execute();
        for (const v of [...rows.flatMap((r) => [r.wrapped_private, r.public_key]), ...copies.map((r) => r.wrapped_private)]) {
          for (const x of forms) assert.equal(Buffer.from(v).indexOf(x), -1);
          assert.equal(Buffer.from(v, 'base64').indexOf(secret), -1);
        }
      }
    });

    test('the recovery key is shown once, then recognised when typed back', async () => {
      const agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
      const text = await createRecoveryKey(t.p.db, agencyId);
      assert.match(text, /^([0-9A-F]{8}-){7}[0-9A-F]{8}$/);
      await assert.rejects(createRecoveryKey(t.p.db, agencyId), /already has a recovery key/);
      const parsed = await parseRecoveryKey(t.p.db, agencyId, text.toLowerCase().replace(/-/g, ' '));
      assert.ok(parsed, 'typed with spaces and in lower case');
      assert.equal(openSealed(parsed.publicKey, parsed.secretKey, sealTo(parsed.publicKey, Buffer.from('x'))).toString(), 'x');
      assert.equal(await parseRecoveryKey(t.p.db, agencyId, '0'.repeat(64)), null, 'another key is not the agency’s');
    });
  });
}
