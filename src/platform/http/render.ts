// Building the view context for a request, rendering pages, redirects with flash messages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type MessageKey, type Vars } from '../i18n/index.ts';
import { can } from '../auth/roles.ts';
import { bangkokDay, fiscalYear } from '../thai/index.ts';
import type { Flash, ViewCtx } from '../views/ctx.ts';

export const FLASH_COOKIE = 'flash';

export function viewCtx(req: FastifyRequest, reply: FastifyReply): ViewCtx {
  const lang = req.lang;
  let token: string | undefined;
  const user = req.user;
  const now = new Date();
  return {
    lang,
    t: translator(lang),
    path: req.url,
    site: req.agency[lang],
    user: user ? { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, isDemo: user.isDemo } : null,
    csrf: () => (token ??= reply.generateCsrf()),
    flash: req.flash,
    publicNav: req.server.nav.public,
    staffNav: user ? req.server.nav.staff.filter((n) => !n.permission || can(user, n.permission)) : [],
    fiscalYear: fiscalYear(now),
    today: bangkokDay(now),
    baseUrl: req.server.baseUrl,
  };
}

export async function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200): Promise<FastifyReply> {
  const body = await html;
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** POST/redirect/GET with a message on the next page. */
export function redirectWithFlash(reply: FastifyReply, to: string, kind: Flash['kind'], key: MessageKey, vars?: Vars): FastifyReply {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind, key, vars }), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
  return reply.redirect(to, 303);
}

export function readFlash(req: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const un = req.unsignCookie(raw);
  if (!un.valid || !un.value) return null;
  try {
    const f = JSON.parse(un.value) as Flash;
    return ['success', 'info', 'error'].includes(f.kind) && typeof f.key === 'string' ? f : null;
  } catch {
    return null;
  }
}

/** Only local paths: never an open redirect. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : fallback;
}
