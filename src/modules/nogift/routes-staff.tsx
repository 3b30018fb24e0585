// Staff routes: every member of staff declares gifts at /staff/no-gift and sees their own; the integrity officers
// keep each year's declaration and activities and see every declaration at /staff/no-gift/{yearBE}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { staffOnly } from '../../platform/auth/plugin.ts';
import { handleForm } from '../../platform/http/form-route.ts';
import { paged } from '../../platform/http/paging.ts';
import { yearParam } from '../../platform/http/params.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../platform/http/render.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { headOfAgency } from '../agency/index.ts';
import { giftSchema, yearSchema, yearValues } from './forms.ts';
import { DECLARE, MANAGE } from './rules.ts';
import { declareGift, saveYear } from './service.ts';
import { getYear, listMine, listYear } from './store.ts';
import { DeclarePage, YearPage } from './views/staff.tsx';

export function registerStaffRoutes(app: FastifyInstance, p: Platform): void {
  const declare = { preHandler: staffOnly(DECLARE) };
  const manage = { preHandler: staffOnly(MANAGE) };

  const declarePage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    const { info, rows } = await paged((req.query as { page?: unknown }).page, 25, (limit, offset) => listMine(p.db, req.agency.id, req.user!.id, limit, offset));
    return sendHtml(reply, DeclarePage({ ctx: viewCtx(req, reply), form, mine: rows, info }), status);
  };
  app.get('/staff/no-gift', declare, async (req, reply) => declarePage(req, reply));
  app.post('/staff/no-gift', declare, async (req, reply) =>
    handleForm(req, {
      schema: giftSchema,
      run: (d) => declareGift(p, req.user!, { received_on: d.received_on, giver_type: d.giver_type, giver_name: d.giver_name, value_satang: d.value ?? 0, occasion: d.occasion, description: d.description, disposition: d.disposition }),
      done: () => redirectWithFlash(reply, '/staff/no-gift#mine', 'success', 'nogift.staff.declared'),
      fail: (form) => declarePage(req, reply, form, 422),
    }),
  );

  const yearPage = async (req: FastifyRequest, reply: FastifyReply, year: number, form?: FormState, status = 200) => {
    const [row, head, list] = await Promise.all([
      getYear(p.db, req.agency.id, year),
      headOfAgency(p.db, req.agency.id),
      paged((req.query as { page?: unknown }).page, 50, (limit, offset) => listYear(p.db, req.agency.id, year, limit, offset)),
    ]);
    return sendHtml(reply, YearPage({ ctx: viewCtx(req, reply), year, form: form ?? emptyForm(yearValues(row, head)), rows: list.rows, info: list.info, agency: { th: req.agency.th.name, en: req.agency.en.name } }), status);
  };
  app.get('/staff/no-gift/:year', manage, async (req, reply) => yearPage(req, reply, yearParam(req)));
  app.post('/staff/no-gift/:year', manage, async (req, reply) => {
    const year = yearParam(req);
    return handleForm(req, {
      schema: yearSchema,
      run: (d) => saveYear(p, req.user!, year, d),
      done: () => redirectWithFlash(reply, `/staff/no-gift/${year}`, 'success', 'nogift.staff.saved', { year }),
      fail: (form) => yearPage(req, reply, year, form, 422),
    });
  });
}
