// Sign-in, second step, sign-out, and the account pages (password, 2FA).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../platform.ts';
import { hmac, randomToken, timingSafeEqualStr } from '../crypto.ts';
import { parseForm, password as passwordField, text, z } from '../http/forms.ts';
import { handleForm } from '../http/form-route.ts';
import { redirectWithFlash, safeNext, sendHtml, viewCtx } from '../http/render.ts';
import { emptyForm } from '../views/components.tsx';
import { PASSWORD_MIN } from './passwords.ts';
import { sessionCookieOptions, staffOnly } from './plugin.ts';
import { destroySession, SESSION_COOKIE } from './sessions.ts';
import { closeAtSignOut, setKeyCookie } from '../vault/index.ts';
import { beginTotp, changeOwnPassword, confirmTotp, disableTotp, login, pendingTotp, verifySecondFactor } from './users.ts';
import { AccountPage, LoginPage, PasswordPage, RecoveryCodesPage, SecondFactorPage, TwoFactorPage } from './views.tsx';

const loginSchema = z.object({ username: text({ max: 100 }), password: passwordField() });
const codeSchema = z.object({ code: text({ max: 20 }) });
const passwordSchema = z
  .object({ current_password: passwordField(), new_password: passwordField({ min: PASSWORD_MIN }), confirm_password: passwordField() })
  .refine((v) => v.new_password === v.confirm_password, { path: ['confirm_password'], message: 'err.passwordMismatch' });

// A browser where someone signed in keeps a signed device cookie naming the account only by an HMAC:
// its sign-in attempts are counted apart from everyone else's (see throttle.ts).
const DEVICE_COOKIE = 'pdev';
const DEVICE_DAYS = 180;

export function registerAuthRoutes(app: FastifyInstance, p: Platform): void {
  const accountTag = (username: string) => hmac(p.keys, `device-account:${username.trim().toLowerCase()}`).slice(0, 24);
  const readDevice = (req: FastifyRequest, username: string): string | null => {
    const raw = req.cookies[DEVICE_COOKIE];
    if (!raw || !username) return null;
    const un = req.unsignCookie(raw);
    const m = un.valid && un.value ? /^([\w-]{16,64})\.([0-9a-f]{24})$/.exec(un.value) : null;
    return m && timingSafeEqualStr(m[2]!, accountTag(username)) ? m[1]! : null;
  };
  const rememberDevice = (req: FastifyRequest, reply: FastifyReply, username: string) => {
    if (readDevice(req, username)) return;
    reply.setCookie(DEVICE_COOKIE, `${randomToken(18)}.${accountTag(username)}`, { ...sessionCookieOptions(p), signed: true, maxAge: DEVICE_DAYS * 24 * 3600 });
  };

  app.get('/login', async (req, reply) => {
    const next = safeNext((req.query as { next?: string }).next, '/staff');
    if (req.user) return reply.redirect(next, 303);
    return sendHtml(reply, LoginPage({ ctx: viewCtx(req, reply), form: emptyForm(), next }));
  });

  app.post('/login', async (req, reply) => {
    const ctx = viewCtx(req, reply);
    const next = safeNext((req.query as { next?: string }).next, '/staff');
    const f = parseForm(req.lang, loginSchema, req.body);
    if (!f.ok) return sendHtml(reply, LoginPage({ ctx, form: f, next }), 422);
    const r = await login(p, req.agency.id, f.data.username, f.data.password, { ip: req.ip, deviceId: readDevice(req, f.data.username) });
    const values = { username: f.data.username };
    switch (r.kind) {
      case 'throttled':
        return sendHtml(reply, LoginPage({ ctx, form: emptyForm(values), next, message: ctx.t('auth.login.throttled', { minutes: r.minutes }) }), 429);
      case 'failed':
        return sendHtml(reply, LoginPage({ ctx, form: emptyForm(values), next, message: ctx.t('auth.login.failed') }), 401);
      case 'disabled':
        return sendHtml(reply, LoginPage({ ctx, form: emptyForm(values), next, message: ctx.t('auth.login.disabled') }), 403);
      case 'mfa':
        reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(p));
        if (r.keyCookie) setKeyCookie(p, reply, r.keyCookie);
        return reply.redirect(`/login/2fa?next=${encodeURIComponent(next)}`, 303);
      case 'ok':
        reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(p));
        if (r.keyCookie) setKeyCookie(p, reply, r.keyCookie);
        rememberDevice(req, reply, f.data.username);
        return reply.redirect(r.user.mustChangePassword ? '/account/password' : next, 303);
    }
  });

  app.get('/login/2fa', async (req, reply) => {
    if (!req.mfaUserId) return reply.redirect('/login', 303);
    return sendHtml(reply, SecondFactorPage({ ctx: viewCtx(req, reply), form: emptyForm() }));
  });

  app.post('/login/2fa', async (req, reply) => {
    if (!req.mfaUserId || !req.sessionToken) return reply.redirect('/login', 303);
    const ctx = viewCtx(req, reply);
    const f = parseForm(req.lang, codeSchema, req.body);
    if (!f.ok) return sendHtml(reply, SecondFactorPage({ ctx, form: f }), 422);
    const user = await p.db.k.selectFrom('app_user').select('username').where('id', '=', req.mfaUserId).executeTakeFirst();
    const r = await verifySecondFactor(p, req.agency.id, req.sessionToken, req.mfaUserId, f.data.code, { ip: req.ip, deviceId: readDevice(req, user?.username ?? '') });
    switch (r.kind) {
      case 'wrong':
        return sendHtml(reply, SecondFactorPage({ ctx, form: { values: {}, errors: { code: ctx.t('err.totpCode') } } }), 401);
      case 'throttled':
        return sendHtml(reply, SecondFactorPage({ ctx, form: { values: {}, errors: { code: ctx.t('auth.login.throttled', { minutes: r.minutes }) } } }), 429);
      case 'ended':
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return redirectWithFlash(reply, '/login', 'error', 'auth.2fa.ended');
      case 'ok': {
        reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(p));
        rememberDevice(req, reply, user?.username ?? '');
        const next = safeNext((req.query as { next?: string }).next, '/staff');
        if (r.recoveryLeft !== undefined) return redirectWithFlash(reply, next, 'info', 'auth.2fa.recoveryUsed', { n: r.recoveryLeft });
        return reply.redirect(next, 303);
      }
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.sessionToken) await destroySession(p.db, req.sessionToken);
    await closeAtSignOut(p, req, reply);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithFlash(reply, '/', 'success', 'auth.logout.done');
  });

  const guard = { preHandler: staffOnly() };

  app.get('/account', guard, async (req, reply) => sendHtml(reply, AccountPage({ ctx: viewCtx(req, reply), user: req.user! })));

  app.get('/account/password', guard, async (req, reply) =>
    sendHtml(reply, PasswordPage({ ctx: viewCtx(req, reply), form: emptyForm(), forced: req.user!.mustChangePassword })),
  );

  app.post('/account/password', guard, async (req, reply) => {
    const forced = req.user!.mustChangePassword;
    return handleForm(req, {
      schema: passwordSchema,
      run: (d) => changeOwnPassword(p, req.user!, req.sessionToken!, d.current_password, d.new_password),
      done: () => redirectWithFlash(reply, forced ? '/staff' : '/account', 'success', 'account.password.changed'),
      fail: (form) => sendHtml(reply, PasswordPage({ ctx: viewCtx(req, reply), form, forced }), 422),
    });
  });


  const issuer = (req: { agency: { th: { name: string } } }) => `Prongsai ${req.agency.th.name}`;

  app.get('/account/2fa', guard, async (req, reply) => {
    const pending = req.user!.totpEnabled ? null : await pendingTotp(p, req.user!, issuer(req));
    return sendHtml(reply, TwoFactorPage({ ctx: viewCtx(req, reply), user: req.user!, pending, form: emptyForm() }));
  });

  app.post('/account/2fa/start', guard, async (req, reply) => {
    if (!req.user!.totpEnabled) await beginTotp(p, req.user!, issuer(req));
    return reply.redirect('/account/2fa', 303);
  });

  app.post('/account/2fa/confirm', guard, async (req, reply) => {
    const ctx = viewCtx(req, reply);
    return handleForm(req, {
      schema: codeSchema,
      run: (d) => confirmTotp(p, req.user!, d.code),
      // the recovery codes are shown once, on this response only
      done: (codes) => sendHtml(reply.header('cache-control', 'no-store'), RecoveryCodesPage({ ctx, codes })),
      fail: async (form) => sendHtml(reply, TwoFactorPage({ ctx, user: req.user!, pending: await pendingTotp(p, req.user!, issuer(req)), form }), 422),
    });
  });


  app.post('/account/2fa/disable', guard, async (req, reply) =>
    handleForm(req, {
      schema: z.object({ password: passwordField() }),
      run: (d) => disableTotp(p, req.user!, d.password),
      done: () => redirectWithFlash(reply, '/account/2fa', 'success', 'account.2fa.disabled'),
      fail: (form) => sendHtml(reply, TwoFactorPage({ ctx: viewCtx(req, reply), user: req.user!, pending: null, form }), 422),
    }),
  );

}
