// Loads the session on each request and provides the staff-route guard.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Platform } from '../platform.ts';
import { ForbiddenError, HttpError } from '../http/errors.ts';
import { can } from './roles.ts';
import { findSession, SESSION_COOKIE, touchSession } from './sessions.ts';
import { loadCurrentUser } from './users.ts';
import '../http/types.ts';

export function registerAuth(app: FastifyInstance, p: Platform): void {
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await findSession(p.db, token);
    if (!s || s.agency_id !== req.agency.id) return;
    // sessions slide with use, but never past an absolute lifetime from sign-in
    if (Date.now() - Date.parse(s.created_at) > p.config.sessionMaxHours * 3600_000) return;
    if (s.state === 'mfa') {
      req.mfaUserId = s.user_id;
      req.sessionToken = token;
      return;
    }
    const user = await loadCurrentUser(p.db, s.agency_id, s.user_id, p.config.demoMode);
    if (!user) return;
    req.user = user;
    req.sessionToken = token;
    await touchSession(p.db, s, p.config.sessionHours, p.config.sessionMaxHours);
  });
}

export function sessionCookieOptions(p: Platform) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: p.config.baseUrl.startsWith('https://') };
}

const PASSWORD_PAGE = '/account/password';

/** Guard for staff routes: signed in, password not due for change, and the permission when given. */
export function staffOnly(permission = 'staff.home'): preHandlerAsyncHookHandler {
  return async function guard(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
    if (!req.user) {
      // a page asks to sign in; a form sent without a session is refused before its body is read
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(401, 'error.401.title', 'error.401.body');
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    if (req.user.mustChangePassword && req.routeOptions.url !== PASSWORD_PAGE) return reply.redirect(PASSWORD_PAGE, 303);
    if (!can(req.user, permission)) throw new ForbiddenError();
  };
}
