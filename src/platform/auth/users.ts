// Staff accounts: sign-in, passwords, 2FA, and administration. Every change is audited.
import { recordAudit, type Actor } from '../audit/index.ts';
import { decrypt, encrypt, hmac, normalizeCode, randomCode, sha256 } from '../crypto.ts';
import { isUniqueViolation, likeEscape, likeExpr, lockRow, tx, type DbLike, type Tx } from '../db/index.ts';
import { ValidationError } from '../http/errors.ts';
import { translate } from '../i18n/index.ts';
import { formatDate } from '../thai/index.ts';
import type { Platform } from '../platform.ts';
import { agencyUrl } from '../site.ts';
import { generatePassword, hashPassword, verifyDummy, verifyPassword } from './passwords.ts';
import { can, requirePermission, ROLES, type Role } from './roles.ts';
import { dropKeys, openAtSignIn, rewrapForPassword } from '../vault/index.ts';
import { createSession, destroyUserSessions } from './sessions.ts';
import { attemptSucceeded, beginAttempt, loginKeys } from './throttle.ts';
import { newTotpSecret, totpQrDataUrl, totpStep, totpUri } from './totp.ts';

export interface CurrentUser {
  id: number;
  agencyId: number;
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  isDemo: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

/**
 * Who acts when no person does: the command line, a background job, the demo loader. It is named in the audit log
 * by its label, holds every role, and belongs to one agency: services take the tenant from it as from a person.
 */
export interface SystemActor {
  kind: 'system';
  id: null;
  agencyId: number;
  username: string;
  roles: readonly Role[];
}

/** A signed-in person or the system: what services take as their actor. */
export type Acting = CurrentUser | SystemActor;

export function systemActor(agencyId: number, label: 'system' | 'demo' | 'command line' = 'system'): SystemActor {
  return { kind: 'system', id: null, agencyId, username: label, roles: ROLES };
}

export function actorOf(user: Acting): Actor {
  return { id: user.id, label: user.username };
}

export const USERNAME_RE = /^[a-z0-9._-]{3,40}$/;

async function rolesOf(db: DbLike, userId: number): Promise<Role[]> {
  const rows = await db.k.selectFrom('user_role').select('role').where('user_id', '=', userId).execute();
  return sortRoles(rows.map((r) => r.role));
}

/** Active staff of an agency who hold a permission (officers to alert, readers to seal a case to). */
export async function holdersOf(db: DbLike, agencyId: number, permission: string): Promise<Array<{ id: number; email: string; displayName: string }>> {
  const roles = ROLES.filter((r) => can({ roles: [r] }, permission));
  if (!roles.length) return [];
  return db.k
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name as displayName'])
    .distinct()
    .where('app_user.agency_id', '=', agencyId)
    .where('app_user.is_disabled', '=', false)
    .where('user_role.role', 'in', roles)
    .orderBy('app_user.id')
    .execute();
}

/**
 * Whether an account of the agency is enabled and was created before `before` (an ISO timestamp): who may take part
 * in something that began then (a pre-assessment round), so that accounts made afterwards cannot join it.
 */
export async function enabledAccountCreatedBefore(db: DbLike, agencyId: number, userId: number, before: string): Promise<boolean> {
  const r = await db.k.selectFrom('app_user').select('id').where('id', '=', userId).where('agency_id', '=', agencyId).where('is_disabled', '=', false).where('created_at', '<', before).executeTakeFirst();
  return !!r;
}

/** How many enabled accounts of the agency were created before `before` (an ISO timestamp). */
export async function enabledAccountsCreatedBefore(db: DbLike, agencyId: number, before: string): Promise<number> {
  const r = await db.k.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', agencyId).where('is_disabled', '=', false).where('created_at', '<', before).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Known roles only, in the order of ROLES. */
export function sortRoles(roles: string[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

export async function loadCurrentUser(db: DbLike, agencyId: number, userId: number, demoMode: boolean): Promise<CurrentUser | null> {
  const u = await db.k.selectFrom('app_user').selectAll().where('id', '=', userId).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!u || u.is_disabled) return null;
  return {
    id: u.id,
    agencyId: u.agency_id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    roles: await rolesOf(db, u.id),
    isDemo: u.is_demo,
    // demo accounts keep their published password only while the site runs in demo mode
    mustChangePassword: u.must_change_password || (u.is_demo && !demoMode),
    totpEnabled: u.is_totp_enabled,
  };
}

export type LoginResult =
  | { kind: 'ok'; token: string; user: CurrentUser; keyCookie: string | null }
  | { kind: 'mfa'; token: string; keyCookie: string | null }
  | { kind: 'failed' }
  | { kind: 'disabled' }
  | { kind: 'throttled'; minutes: number };

/** Where a sign-in comes from: the address and, when the browser signed in to this account before, its device id. */
export interface LoginSource {
  ip: string;
  deviceId: string | null;
}

export async function login(p: Platform, agencyId: number, usernameRaw: string, password: string, from: LoginSource): Promise<LoginResult> {
  const username = usernameRaw.trim().toLowerCase();
  const keys = loginKeys(p.keys, agencyId, username, from.ip, from.deviceId);
  // counted before the password is checked: concurrent guesses cannot all get through
  const wait = await beginAttempt(p.db, keys);
  if (wait > 0) return { kind: 'throttled', minutes: wait };
  const u = await p.db.k.selectFrom('app_user').selectAll().where('agency_id', '=', agencyId).where('username', '=', username).executeTakeFirst();
  const ok = u ? await verifyPassword(u.password_hash, password) : (await verifyDummy(password), false);
  if (!u || !ok) {
    if (u) await tx(p.db, (t) => recordAudit(t, { agencyId, actor: { id: null, label: 'anonymous' }, action: 'auth.login.failed', targetType: 'user', targetId: u.id, summary: 'wrong password' }));
    return { kind: 'failed' };
  }
  if (u.is_disabled) return { kind: 'disabled' };
  // with a second factor the account's count stays until the code is right too
  await attemptSucceeded(p.db, keys, !u.is_totp_enabled);
  // the password is at hand only now: the key pair for sealed data is opened for the session (it is useless without it)
  const keyCookie = await openAtSignIn(p, { id: u.id, agencyId, roles: await rolesOf(p.db, u.id) }, password, p.config.sessionHours);
  return tx(p.db, async (t) => {
    if (u.is_totp_enabled) {
      const token = await createSession(t, agencyId, u.id, 'mfa', p.config.sessionHours);
      return { kind: 'mfa' as const, token, keyCookie };
    }
    const token = await createSession(t, agencyId, u.id, 'active', p.config.sessionHours);
    await t.k.updateTable('app_user').set({ last_login_at: new Date().toISOString() }).where('id', '=', u.id).execute();
    await recordAudit(t, { agencyId, actor: { id: u.id, label: u.username }, action: 'auth.login', targetType: 'user', targetId: u.id, summary: 'signed in with password' });
    const user = (await loadCurrentUser(t, agencyId, u.id, p.config.demoMode))!;
    return { kind: 'ok' as const, token, user, keyCookie };
  });
}

/** Codes tried in one pending sign-in (wrong, or refused while the account waits) before it is ended. */
export const MFA_MAX_FAILURES = 5;

export type SecondFactorResult =
  | { kind: 'ok'; token: string; recoveryLeft?: number }
  | { kind: 'wrong' }
  | { kind: 'ended' }
  | { kind: 'throttled'; minutes: number };

/**
 * Second step: a TOTP code or a recovery code. Every try counts, before anything is checked, against the pending
 * sign-in (five end it, refused tries included) and against the account with its password tries. On success the
 * pending session is replaced by a new one (new token).
 */
export async function verifySecondFactor(p: Platform, agencyId: number, pendingToken: string, userId: number, code: string, from: LoginSource): Promise<SecondFactorResult> {
  const u = await p.db.k.selectFrom('app_user').selectAll().where('id', '=', userId).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!u || !u.totp_secret_enc || u.is_disabled) return { kind: 'ended' };
  const pendingId = sha256(pendingToken);
  // one atomic increment, committed before the code is looked at: concurrent tries are all counted (a read, then a
  // write, would lose most of them under PostgreSQL's READ COMMITTED)
  const counted = await p.db.k
    .updateTable('session')
    .set((eb) => ({ mfa_failures: eb('mfa_failures', '+', 1) }))
    .where('id', '=', pendingId)
    .where('state', '=', 'mfa')
    .where('user_id', '=', u.id)
    .returning('mfa_failures')
    .executeTakeFirst();
  if (!counted) return { kind: 'ended' };
  const tries = counted.mfa_failures;
  const actor = { id: u.id, label: u.username };
  if (tries > MFA_MAX_FAILURES) {
    // the fifth try is ending it: this one is not looked at
    await failedTry(p, agencyId, actor, pendingId, tries, false);
    return { kind: 'ended' };
  }
  const keys = loginKeys(p.keys, agencyId, u.username, from.ip, from.deviceId);
  const wait = await beginAttempt(p.db, keys, true);
  if (wait > 0) {
    // refused unchecked, but counted against the pending sign-in like a wrong code (the fifth ends it)
    await failedTry(p, agencyId, actor, pendingId, tries, true);
    return { kind: 'throttled', minutes: wait };
  }
  const step = totpStep(decrypt(p.keys, u.totp_secret_enc), code);
  const r = await tx(p.db, async (t): Promise<SecondFactorResult | null> => {
    let recoveryLeft: number | undefined;
    // a TOTP step is used once: a replayed code is as wrong as a bad one
    const fresh = step !== null && (u.totp_last_step === null || step > Number(u.totp_last_step));
    const rc = fresh ? undefined : await t.k.selectFrom('recovery_code').select('id').where('user_id', '=', u.id).where('code_hash', '=', hmac(p.keys, `recovery:${normalizeCode(code)}`)).where('used_at', 'is', null).executeTakeFirst();
    if (!fresh && !rc) return null;
    // the pending sign-in is claimed before anything is used up: a try that ended it meanwhile wins
    const claimed = await t.k.deleteFrom('session').where('id', '=', pendingId).where('state', '=', 'mfa').executeTakeFirst();
    if (Number(claimed.numDeletedRows) === 0) return { kind: 'ended' };
    if (rc) {
      await t.k.updateTable('recovery_code').set({ used_at: new Date().toISOString() }).where('id', '=', rc.id).execute();
      const left = await t.k.selectFrom('recovery_code').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', u.id).where('used_at', 'is', null).executeTakeFirst();
      recoveryLeft = Number(left?.n ?? 0);
    } else {
      await t.k.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', u.id).execute();
    }
    // a new session id once fully signed in: whoever saw the pending token cannot use it
    const token = await createSession(t, agencyId, u.id, 'active', p.config.sessionHours);
    await t.k.updateTable('app_user').set({ last_login_at: new Date().toISOString() }).where('id', '=', u.id).execute();
    const how = recoveryLeft === undefined ? 'password and TOTP' : 'password and a recovery code';
    const before = tries - 1;
    const after = before ? ` after ${before} failed code${before > 1 ? 's' : ''}` : '';
    await recordAudit(t, { agencyId, actor, action: 'auth.login', targetType: 'user', targetId: u.id, summary: `signed in with ${how}${after}` });
    return { kind: 'ok', token, recoveryLeft };
  });
  if (r === null) return (await failedTry(p, agencyId, actor, pendingId, tries, false)) ? { kind: 'ended' } : { kind: 'wrong' };
  if (r.kind === 'ok') await attemptSucceeded(p.db, keys, true, true);
  return r;
}

/**
 * A counted try that did not sign in: the pending sign-in ends at the fifth. One audit event for the first and one
 * for the end, with the count (refused tries included): a burst is not a flood of rows. True when it has ended.
 */
async function failedTry(p: Platform, agencyId: number, actor: { id: number; label: string }, pendingId: string, tries: number, refused: boolean): Promise<boolean> {
  return tx(p.db, async (t) => {
    if (tries >= MFA_MAX_FAILURES) {
      const gone = await t.k.deleteFrom('session').where('id', '=', pendingId).where('state', '=', 'mfa').executeTakeFirst();
      if (Number(gone.numDeletedRows) > 0) {
        await recordAudit(t, { agencyId, actor, action: 'auth.2fa.failed', targetType: 'user', targetId: actor.id, summary: `${tries} second-factor codes tried without success (wrong, or refused while the account had to wait); the pending sign-in was ended` });
      }
      return true;
    }
    if (tries === 1) {
      const what = refused ? 'second-factor code refused while the account had to wait' : 'wrong second-factor code';
      await recordAudit(t, { agencyId, actor, action: 'auth.2fa.failed', targetType: 'user', targetId: actor.id, summary: `${what} (further tries of this sign-in are counted, not logged one by one)` });
    }
    return false;
  });
}

async function notify(p: Platform, email: string, subjectKey: Parameters<typeof translate>[1], bodyKey: Parameters<typeof translate>[1], vars: Record<string, string>) {
  if (!email) return;
  // Thai first, English below: staff mail is not personalised by language
  const subject = `${translate('th', subjectKey)} / ${translate('en', subjectKey)}`;
  const text = `${translate('th', bodyKey, vars)}\n\n---\n\n${translate('en', bodyKey, { ...vars, date: vars.dateEn ?? vars.date ?? '' })}`;
  await p.mail.send({ to: email, subject, text });
}

function passwordRules(username: string, password: string) {
  if (password.toLowerCase() === username.toLowerCase()) throw new ValidationError({ new_password: 'err.passwordSameAsUsername' });
}

export async function changeOwnPassword(p: Platform, user: CurrentUser, sessionToken: string, current: string, next: string): Promise<void> {
  const u = await p.db.k.selectFrom('app_user').select(['password_hash']).where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(u.password_hash, current))) throw new ValidationError({ current_password: 'err.passwordWrong' });
  if (current === next) throw new ValidationError({ new_password: 'err.passwordReuse' });
  passwordRules(user.username, next);
  const hash = await hashPassword(next);
  await tx(p.db, async (t) => {
    const now = new Date().toISOString();
    await rewrapForPassword(p, t, user.id, current, next);
    await t.k.updateTable('app_user').set({ password_hash: hash, must_change_password: false, is_demo: false, password_changed_at: now, updated_at: now }).where('id', '=', user.id).execute();
    await destroyUserSessions(t, user.id, sessionToken);
    await recordAudit(t, { agencyId: user.agencyId, actor: actorOf(user), action: 'user.password.change', targetType: 'user', targetId: user.id, summary: 'changed own password' });
  });
  const now = new Date();
  await notify(p, user.email, 'mail.passwordChanged.subject', 'mail.passwordChanged.body', { username: user.username, date: formatDate(now, { withTime: true }), dateEn: formatDate(now, { lang: 'en', withTime: true }) });
}

// ---- 2FA enrolment ----

export async function beginTotp(p: Platform, user: CurrentUser, issuer: string): Promise<{ secret: string; uri: string; qr: string }> {
  const secret = newTotpSecret();
  await p.db.k.updateTable('app_user').set({ totp_pending_enc: encrypt(p.keys, secret) }).where('id', '=', user.id).execute();
  const uri = totpUri(secret, issuer, user.username);
  return { secret, uri, qr: await totpQrDataUrl(uri) };
}

export async function pendingTotp(p: Platform, user: CurrentUser, issuer: string): Promise<{ secret: string; uri: string; qr: string } | null> {
  const u = await p.db.k.selectFrom('app_user').select('totp_pending_enc').where('id', '=', user.id).executeTakeFirst();
  if (!u?.totp_pending_enc) return null;
  const secret = decrypt(p.keys, u.totp_pending_enc);
  const uri = totpUri(secret, issuer, user.username);
  return { secret, uri, qr: await totpQrDataUrl(uri) };
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
export async function confirmTotp(p: Platform, user: CurrentUser, code: string): Promise<string[]> {
  const u = await p.db.k.selectFrom('app_user').select('totp_pending_enc').where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!u.totp_pending_enc) throw new ValidationError({ code: 'err.totpCode' });
  const secret = decrypt(p.keys, u.totp_pending_enc);
  const step = totpStep(secret, code);
  if (step === null) throw new ValidationError({ code: 'err.totpCode' });
  const codes = Array.from({ length: 10 }, () => randomCode(2, 5));
  await tx(p.db, async (t) => {
    await t.k.updateTable('app_user').set({ totp_secret_enc: u.totp_pending_enc, totp_pending_enc: null, is_totp_enabled: true, totp_last_step: step, updated_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    await t.k.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await t.k.insertInto('recovery_code').values(codes.map((c) => ({ user_id: user.id, code_hash: hmac(p.keys, `recovery:${normalizeCode(c)}`), used_at: null }))).execute();
    await recordAudit(t, { agencyId: user.agencyId, actor: actorOf(user), action: 'user.2fa.enable', targetType: 'user', targetId: user.id, summary: 'turned on TOTP with 10 recovery codes' });
  });
  const now = new Date();
  await notify(p, user.email, 'mail.2faChanged.subject', 'mail.2faChanged.body', { username: user.username, state: translate('th', 'mail.2faChanged.on'), date: formatDate(now, { withTime: true }), dateEn: formatDate(now, { lang: 'en', withTime: true }) });
  return codes;
}

export async function disableTotp(p: Platform, user: CurrentUser, password: string): Promise<void> {
  const u = await p.db.k.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(u.password_hash, password))) throw new ValidationError({ password: 'err.passwordWrong' });
  await tx(p.db, async (t) => {
    await t.k.updateTable('app_user').set({ totp_secret_enc: null, totp_pending_enc: null, is_totp_enabled: false, totp_last_step: null, updated_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    await t.k.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await recordAudit(t, { agencyId: user.agencyId, actor: actorOf(user), action: 'user.2fa.disable', targetType: 'user', targetId: user.id, summary: 'turned off TOTP' });
  });
  const now = new Date();
  await notify(p, user.email, 'mail.2faChanged.subject', 'mail.2faChanged.body', { username: user.username, state: translate('th', 'mail.2faChanged.off'), date: formatDate(now, { withTime: true }), dateEn: formatDate(now, { lang: 'en', withTime: true }) });
}

// ---- administration ----

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  email: string;
  is_disabled: boolean;
  is_demo: boolean;
  is_totp_enabled: boolean;
  last_login_at: string | null;
  roles: Role[];
}

export async function listUsers(p: Platform, actor: CurrentUser, f: { q?: string; limit: number; offset: number }): Promise<{ total: number; rows: UserRow[] }> {
  requirePermission(actor, 'users.manage');
  let q = p.db.k.selectFrom('app_user').where('agency_id', '=', actor.agencyId);
  if (f.q) {
    const pat = `%${likeEscape(f.q.toLowerCase())}%`;
    q = q.where((eb) => eb.or([likeExpr(p.db, 'username', pat), likeExpr(p.db, 'display_name', `%${likeEscape(f.q!)}%`)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.select(['id', 'username', 'display_name', 'email', 'is_disabled', 'is_demo', 'is_totp_enabled', 'last_login_at']).orderBy('username').limit(f.limit).offset(f.offset).execute();
  const roles = rows.length ? await p.db.k.selectFrom('user_role').select(['user_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).execute() : [];
  return { total, rows: rows.map((r) => ({ ...r, roles: sortRoles(roles.filter((x) => x.user_id === r.id).map((x) => x.role)) })) };
}

export async function getUser(p: Platform, actor: CurrentUser, id: number): Promise<UserRow | null> {
  requirePermission(actor, 'users.manage');
  const r = await p.db.k.selectFrom('app_user').select(['id', 'username', 'display_name', 'email', 'is_disabled', 'is_demo', 'is_totp_enabled', 'last_login_at']).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
  return r ? { ...r, roles: await rolesOf(p.db, r.id) } : null;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
}

export interface StaffUserRow {
  agencyId: number;
  username: string;
  displayName: string;
  email: string;
  roles: readonly Role[];
  passwordHash: string;
  mustChangePassword: boolean;
  isDemo: boolean;
}

/** Inserts an account with its roles inside the caller's transaction (no checks: callers validate and audit). */
export async function insertStaffUser(t: Tx, u: StaffUserRow): Promise<number> {
  const now = new Date().toISOString();
  const row = await t.k
    .insertInto('app_user')
    .values({ agency_id: u.agencyId, username: u.username, display_name: u.displayName, email: u.email, password_hash: u.passwordHash, must_change_password: u.mustChangePassword, is_demo: u.isDemo, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.k.insertInto('user_role').values(u.roles.map((role) => ({ agency_id: u.agencyId, user_id: row.id, role }))).execute();
  return row.id;
}

/** A new account with a temporary password shown once; the person must change it at first sign-in. */
export async function createUser(p: Platform, actor: Acting, input: NewUser): Promise<{ id: number; tempPassword: string }> {
  requirePermission(actor, 'users.manage');
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_RE.test(username)) throw new ValidationError({ username: 'err.username' });
  if (input.roles.length === 0) throw new ValidationError({ roles: 'err.roleRequired' });
  const tempPassword = generatePassword();
  const hash = await hashPassword(tempPassword);
  let id: number;
  try {
    id = await tx(p.db, async (t) => {
      const userId = await insertStaffUser(t, { agencyId: actor.agencyId, username, displayName: input.displayName, email: input.email, roles: input.roles, passwordHash: hash, mustChangePassword: true, isDemo: false });
      await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'user.create', targetType: 'user', targetId: userId, summary: `created ${username} with roles ${input.roles.join(', ')}` });
      return userId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ username: 'err.usernameTaken' });
    throw err;
  }
  await notify(p, input.email, 'mail.accountCreated.subject', 'mail.accountCreated.body', { username, url: `${await agencyUrl(p, actor.agencyId)}/login` });
  return { id, tempPassword };
}

/** Gives every demo account a new password (when the one printed at first start is lost). */
export async function resetDemoPasswords(p: Platform, password: string): Promise<string[]> {
  const hash = await hashPassword(password);
  return tx(p.db, async (t) => {
    const users = await t.k.selectFrom('app_user').select(['id', 'username', 'agency_id']).where('is_demo', '=', true).orderBy('id').execute();
    for (const u of users) {
      await t.k.updateTable('app_user').set({ password_hash: hash, updated_at: new Date().toISOString() }).where('id', '=', u.id).execute();
      await dropKeys(t, u.id);
      await recordAudit(t, { agencyId: u.agency_id, actor: actorOf(systemActor(u.agency_id, 'command line')), action: 'demo.password.reset', targetType: 'user', targetId: u.id, summary: `new demo password for ${u.username}` });
    }
    return users.map((u) => u.username);
  });
}

export async function demoUsernames(db: DbLike): Promise<string[]> {
  const rows = await db.k.selectFrom('app_user').select('username').where('is_demo', '=', true).orderBy('id').execute();
  return rows.map((r) => r.username);
}

export interface UserChanges {
  displayName: string;
  email: string;
  roles: Role[];
  disabled: boolean;
}

export async function updateUser(p: Platform, actor: CurrentUser, id: number, ch: UserChanges): Promise<void> {
  requirePermission(actor, 'users.manage');
  if (ch.roles.length === 0) throw new ValidationError({ roles: 'err.roleRequired' });
  if (id === actor.id && (ch.disabled || !ch.roles.includes('admin'))) throw new ValidationError({ roles: 'err.selfLockout' });
  await tx(p.db, async (t) => {
    // role changes of one agency one at a time: two administrators removing each other cannot both pass the check below
    await lockRow(t, 'agency', actor.agencyId);
    const before = await t.k.selectFrom('app_user').select(['username', 'is_disabled', 'email', 'display_name']).where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
    if (!before) throw new ValidationError({ _form: 'err.invalid' });
    const oldRoles = await rolesOf(t, id);
    await t.k.updateTable('app_user').set({ display_name: ch.displayName, email: ch.email, is_disabled: ch.disabled, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await t.k.deleteFrom('user_role').where('user_id', '=', id).execute();
    await t.k.insertInto('user_role').values(ch.roles.map((role) => ({ agency_id: actor.agencyId, user_id: id, role }))).execute();
    const admins = await t.k
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_role.agency_id', '=', actor.agencyId)
      .where('user_role.role', '=', 'admin')
      .where('app_user.is_disabled', '=', false)
      .executeTakeFirst();
    if (Number(admins?.n ?? 0) === 0) throw new ValidationError({ roles: 'err.lastAdmin' });
    if (ch.disabled) await destroyUserSessions(t, id);
    const changes: string[] = [];
    const newRoles = sortRoles(ch.roles);
    if (oldRoles.join(',') !== newRoles.join(',')) changes.push(`roles ${oldRoles.join(', ') || '-'} → ${newRoles.join(', ')}`);
    if (before.is_disabled !== ch.disabled) changes.push(ch.disabled ? 'disabled' : 'enabled');
    if (before.email !== ch.email) changes.push('email changed');
    if (before.display_name !== ch.displayName) changes.push('display name changed');
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'user.update', targetType: 'user', targetId: id, summary: `${before.username}: ${changes.join('; ') || 'no change'}` });
  });
}

export async function resetPassword(p: Platform, actor: CurrentUser, id: number): Promise<{ username: string; tempPassword: string }> {
  requirePermission(actor, 'users.manage');
  const tempPassword = generatePassword();
  const hash = await hashPassword(tempPassword);
  const username = await tx(p.db, async (t) => {
    const u = await t.k.selectFrom('app_user').select('username').where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst();
    if (!u) throw new ValidationError({ _form: 'err.invalid' });
    await t.k.updateTable('app_user').set({ password_hash: hash, must_change_password: true, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await destroyUserSessions(t, id);
    // the old password wrapped their key pair: a new one is made when they sign in, and sealed data is granted to it again
    await dropKeys(t, id);
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'user.password.reset', targetType: 'user', targetId: id, summary: `set a temporary password for ${u.username}` });
    return u.username;
  });
  return { username, tempPassword };
}
