import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { requirePermission, ROLES } from '../../platform/auth/roles.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser, USERNAME_RE, type UserRow } from '../../platform/auth/users.ts';
import { auditActions, listAudit, verifyAudit } from '../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { checkbox, choices, email, parseForm, text, validationMessages, z } from '../../platform/http/forms.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { paged } from '../../platform/http/paging.ts';
import { DashboardPage } from './views/dashboard.tsx';
import { ResetConfirmPage, TempPasswordPage, UserForm, UsersPage } from './views/users.tsx';
import { AuditPage } from './views/audit.tsx';
import { dayQuery, idParam } from '../../platform/http/params.ts';

const userFields = {
  display_name: text({ max: 200 }),
  email: email({ optional: true }),
  roles: choices(ROLES).refine((a) => a.length > 0, 'err.roleRequired'),
};
const newUserSchema = z.object({ username: text({ max: 40 }).transform((s) => s.toLowerCase()).pipe(z.string().regex(USERNAME_RE, 'err.username')), ...userFields });
const editUserSchema = z.object({ ...userFields, disabled: checkbox() });

export function registerAdminRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/staff', { preHandler: staffOnly() }, async (req, reply) => sendHtml(reply, DashboardPage({ ctx: viewCtx(req, reply) })));

  const users = { preHandler: staffOnly('users.manage') };

  app.get('/staff/users', users, async (req, reply) => {
    const q = String((req.query as { q?: string }).q ?? '').slice(0, 100).trim();
    const { info, rows } = await paged((req.query as { page?: string }).page, 20, (limit, offset) => listUsers(p, req.user!, { q, limit, offset }));
    return sendHtml(reply, UsersPage({ ctx: viewCtx(req, reply), rows, info, q }));
  });

  app.get('/staff/users/new', users, async (req, reply) => sendHtml(reply, UserForm({ ctx: viewCtx(req, reply), form: emptyForm(), user: null })));

  app.post('/staff/users/new', users, async (req, reply) => {
    const ctx = viewCtx(req, reply);
    const f = parseForm(req.lang, newUserSchema, req.body);
    if (!f.ok) return sendHtml(reply, UserForm({ ctx, form: f, user: null }), 422);
    try {
      const r = await createUser(p, req.user!, { username: f.data.username, displayName: f.data.display_name, email: f.data.email, roles: f.data.roles });
      // the temporary password is shown once, on this response only
      return sendHtml(reply.header('cache-control', 'no-store'), TempPasswordPage({ ctx: { ...ctx, flash: { kind: 'success', key: 'users.created', vars: { username: f.data.username } } }, username: f.data.username, password: r.tempPassword }));
    } catch (err) {
      if (err instanceof ValidationError) return sendHtml(reply, UserForm({ ctx, form: { values: f.data as never, errors: validationMessages(ctx.t, err) }, user: null }), 422);
      throw err;
    }
  });

  const loadUser = async (req: FastifyRequest): Promise<UserRow> => {
    const u = await getUser(p, req.user!, idParam(req));
    if (!u) throw new NotFoundError();
    return u;
  };
  const formOf = (u: UserRow): FormState => emptyForm({ display_name: u.display_name, email: u.email, roles: u.roles, disabled: u.is_disabled ? 'on' : undefined });

  app.get('/staff/users/:id', users, async (req, reply) => {
    const u = await loadUser(req);
    return sendHtml(reply, UserForm({ ctx: viewCtx(req, reply), form: formOf(u), user: u }));
  });

  app.post('/staff/users/:id', users, async (req, reply: FastifyReply) => {
    const ctx = viewCtx(req, reply);
    const u = await loadUser(req);
    const f = parseForm(req.lang, editUserSchema, req.body);
    if (!f.ok) return sendHtml(reply, UserForm({ ctx, form: f, user: u }), 422);
    try {
      await updateUser(p, req.user!, u.id, { displayName: f.data.display_name, email: f.data.email, roles: f.data.roles, disabled: f.data.disabled });
    } catch (err) {
      if (err instanceof ValidationError) {
        const values = { ...f.data, disabled: f.data.disabled ? 'on' : undefined } as never;
        return sendHtml(reply, UserForm({ ctx, form: { values, errors: validationMessages(ctx.t, err) }, user: u }), 422);
      }
      throw err;
    }
    return redirectWithFlash(reply, '/staff/users', 'success', 'users.saved');
  });

  app.get('/staff/users/:id/reset-password', users, async (req, reply) => sendHtml(reply, ResetConfirmPage({ ctx: viewCtx(req, reply), user: await loadUser(req) })));

  app.post('/staff/users/:id/reset-password', users, async (req, reply) => {
    const u = await loadUser(req);
    const r = await resetPassword(p, req.user!, u.id);
    return sendHtml(reply.header('cache-control', 'no-store'), TempPasswordPage({ ctx: viewCtx(req, reply), username: r.username, password: r.tempPassword }));
  });

  app.get('/staff/audit', { preHandler: staffOnly('audit.read') }, async (req, reply) => {
    requirePermission(req.user, 'audit.read');
    const raw = req.query as Record<string, string | undefined>;
    const query = {
      action: String(raw.action ?? '').slice(0, 100),
      actor: String(raw.actor ?? '').slice(0, 100).trim(),
      from: dayQuery(raw.from),
      to: dayQuery(raw.to),
    };
    // days are Bangkok days; the stored times are UTC
    const filter = {
      agencyId: req.agency.id,
      action: query.action || undefined,
      actor: query.actor || undefined,
      from: query.from ? new Date(`${query.from}T00:00:00+07:00`).toISOString() : undefined,
      to: query.to ? new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000).toISOString() : undefined,
    };
    const { info, rows } = await paged(raw.page, 50, (limit, offset) => listAudit(p.db, { ...filter, limit, offset }));
    const actions = await auditActions(p.db, req.agency.id);
    // walking the whole chain costs time, so it runs when asked
    const chain = raw.verify === '1' ? await verifyAudit(p.db) : null;
    return sendHtml(reply, AuditPage({ ctx: viewCtx(req, reply), rows, info, query, actions, chain }));
  });
}
