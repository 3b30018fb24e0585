// Routes parse and render; the service decides. The form is handled by the platform's one form helper.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../src/platform/platform.ts';
import { staffOnly } from '../../src/platform/auth/plugin.ts';
import { handleForm } from '../../src/platform/http/form-route.ts';
import { block, text, z } from '../../src/platform/http/forms.ts';
import { redirectWithFlash, sendHtml, viewCtx } from '../../src/platform/http/render.ts';
import { emptyForm, type FormState } from '../../src/platform/views/components.tsx';
import { addFaq } from './service.ts';
import { listFaq } from './store.ts';
import { FaqPage } from './views.tsx';

const faqSchema = z.object({ question: text({ max: 300 }), answer: block({ min: 1, max: 3000 }) });

export function registerFaqRoutes(app: FastifyInstance, p: Platform): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) =>
    sendHtml(reply, FaqPage({ ctx: viewCtx(req, reply), entries: await listFaq(p.db, req.agency.id), form }), status);

  app.get('/faq', async (req, reply) => page(req, reply));
  app.post('/faq', { preHandler: staffOnly('faq.manage') }, async (req, reply) =>
    handleForm(req, {
      schema: faqSchema,
      run: (d) => addFaq(p, req.user!, d.question, d.answer),
      done: () => redirectWithFlash(reply, '/faq', 'success', 'faq.added'),
      fail: (form) => page(req, reply, form, 422),
    }),
  );
}
