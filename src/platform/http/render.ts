// Building the view context for a request, rendering pages, redirects with flash messages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type MessageKey, type Vars } from '../i18n/index.ts';
import { can } from '../auth/roles.ts';
import { bangkokDay, fiscalYear } from '../thai/index.ts';
import type { Flash, ViewCtx } from '../views/ctx.ts';
import { labelTableCells } from '../views/stack.ts';
import { markPrivate } from './pagecache.ts';

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
    // a page with a token is this visitor's: the page cache never keeps it
    csrf: () => (token ??= (markPrivate(req), reply.generateCsrf())),
    flash: req.flash,
    publicNav: req.server.nav.public,
    staffNav: user ? req.server.nav.staff.filter((n) => !n.permission || can(user, n.permission)) : [],
    fiscalYear: fiscalYear(now),
    today: bangkokDay(now),
    baseUrl: req.agency.url,
  };
}

export async function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200): Promise<FastifyReply> {
  // table cells get their column header as data-label, for the stacked cards on phones (app.css)
  const body = labelTableCells(await html);
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** POST/redirect/GET with a message on the next page. */
export function redirectWithFlash(reply: FastifyReply, to: string, kind: Flash['kind'], key: MessageKey, vars?: Vars): FastifyReply {
  const secure = reply.server.baseUrl.startsWith('https://');
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind, key, vars }), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60, secure });
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

// control characters, every kind of space and invisible mark, and backslashes never belong in a local path
const UNSAFE_IN_NEXT = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;
const LOCAL = 'http://local.invalid';

/** Only same-origin paths, parsed as a browser would: never an open redirect, never a bad Location header. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/') || UNSAFE_IN_NEXT.test(next)) return fallback;
  let u: URL;
  try {
    u = new URL(next, LOCAL);
  } catch {
    return fallback;
  }
  const out = u.pathname + u.search + u.hash;
  // '/..//host' normalises to '//host', which a browser reads as another site
  return u.origin === LOCAL && !out.startsWith('//') ? out : fallback;
}
