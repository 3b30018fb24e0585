import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { requirePermission, ROLES } from '../../platform/auth/roles.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser, USERNAME_RE, type UserRow } from '../../platform/auth/users.ts';
import { auditActions, listAudit, verifyAudit } from '../../platform/audit/index.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { checkbox, choices, email, text, z, type FieldErrors, type FormValues } from '../../platform/http/forms.ts';
import { translate } from '../../platform/i18n/index.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { paged } from '../../platform/http/paging.ts';
import { DashboardPage } from './views/dashboard.tsx';
import { collectTodo } from '../../platform/todo.ts';
import { ResetConfirmPage, TempPasswordPage, UserForm, UsersPage } from './views/users.tsx';
import { AuditPage } from './views/audit.tsx';
import { dateQuery, idParam } from '../../platform/http/params.ts';
import { systemActorsMatching } from './audit-labels.ts';

const userFields = {
  display_name: text({ max: 200 }),
  email: email({ optional: true }),
  roles: choices(ROLES).refine((a) => a.length > 0, 'err.roleRequired'),
};
const newUserSchema = z.object({ username: text({ max: 40 }).transform((s) => s.toLowerCase()).pipe(z.string().regex(USERNAME_RE, 'err.username')), ...userFields });
const editUserSchema = z.object({ ...userFields, disabled: checkbox() });

export function registerAdminRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/staff', { preHandler: staffOnly() }, async (req, reply) => {
    const ctx = viewCtx(req, reply);
    const [todo, blocks] = await Promise.all([collectTodo(p, req.user!), Promise.all(p.modules.flatMap((m) => m.staffHome ?? []).map((b) => b(p, ctx, req)))]);
    return sendHtml(reply, DashboardPage({ ctx, ...todo, blocks: blocks.filter(Boolean) }));
  });

  const users = { preHandler: staffOnly('users.manage') };

  app.get('/staff/users', users, async (req, reply) => {
    const q = String((req.query as { q?: string }).q ?? '').slice(0, 100).trim();
    const { info, rows } = await paged((req.query as { page?: string }).page, 20, (limit, offset) => listUsers(p, req.user!, { q, limit, offset }));
    return sendHtml(reply, UsersPage({ ctx: viewCtx(req, reply), rows, info, q }));
  });

  app.get('/staff/users/new', users, async (req, reply) => sendHtml(reply, UserForm({ ctx: viewCtx(req, reply), form: emptyForm(), user: null })));

  app.post('/staff/users/new', users, async (req, reply) => {
    const ctx = viewCtx(req, reply);
    return handleForm(req, {
      schema: newUserSchema,
      run: (d) => createUser(p, req.user!, { username: d.username, displayName: d.display_name, email: d.email, roles: d.roles }).then((r) => ({ ...r, username: d.username })),
      // the temporary password is shown once, on this response only
      done: (r) => sendHtml(reply.header('cache-control', 'no-store'), TempPasswordPage({ ctx: { ...ctx, flash: { kind: 'success', key: 'users.created', vars: { username: r.username } } }, username: r.username, password: r.tempPassword })),
      fail: (form) => sendHtml(reply, UserForm({ ctx, form, user: null }), 422),
    });
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
    const u = await loadUser(req);
    return handleForm(req, {
      schema: editUserSchema,
      run: (d) => updateUser(p, req.user!, u.id, { displayName: d.display_name, email: d.email, roles: d.roles, disabled: d.disabled }),
      done: () => redirectWithFlash(reply, '/staff/users', 'success', 'users.saved'),
      fail: (form) => sendHtml(reply, UserForm({ ctx: viewCtx(req, reply), form, user: u }), 422),
    });
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
      from: '',
      to: '',
    };
    // the Thai date input's boxes (B.E.), or ISO days from a pagination link
    const dates = { values: { ...raw } as FormValues, errors: {} as FieldErrors };
    for (const name of ['from', 'to'] as const) {
      const d = dateQuery(raw, name);
      query[name] = d.iso;
      if (d.problem) dates.errors[name] = translate(req.lang, d.problem.error, d.problem.vars);
    }
    // days are Bangkok days; the stored times are UTC
    const filter = {
      agencyId: req.agency.id,
      action: query.action || undefined,
      actor: query.actor || undefined,
      // 'ระบบ', 'system', … find the events of actors without an account, whose names are translated
      actorLabels: systemActorsMatching(query.actor),
      from: query.from ? new Date(`${query.from}T00:00:00+07:00`).toISOString() : undefined,
      to: query.to ? new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000).toISOString() : undefined,
    };
    const { info, rows } = await paged(raw.page, 50, (limit, offset) => listAudit(p.db, { ...filter, limit, offset }));
    const actions = await auditActions(p.db, req.agency.id);
    // walking the whole chain costs time, so it runs when asked
    const chain = raw.verify === '1' ? await verifyAudit(p.db) : null;
    return sendHtml(reply, AuditPage({ ctx: viewCtx(req, reply), rows, info, query, dates, actions, chain }));
  });
}
