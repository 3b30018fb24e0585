// The one shape of a form post: parse at the edge, let the service decide, answer; bad input and broken rules bring
// the same form back (422) with the typed values and a message on each field at fault.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { FormState } from '../views/components.tsx';
import { ValidationError } from './errors.ts';
import { formValues, parseForm, validationMessages } from './forms.ts';
import { translator } from '../i18n/index.ts';

export interface FormRoute<S extends z.ZodType, R> {
  schema: S;
  /** the fields to parse; the request body by default (an upload route passes req.upload.fields) */
  body?: unknown;
  /** the service call; a ValidationError it throws goes back to the form */
  run(data: z.output<S>): Promise<R>;
  /** the answer once it worked (usually redirectWithFlash) */
  done(result: R): FastifyReply | Promise<FastifyReply>;
  /** the page with the form again, in the state given, answered with 422 */
  fail(form: FormState): FastifyReply | Promise<FastifyReply>;
}

export async function handleForm<S extends z.ZodType, R>(req: FastifyRequest, f: FormRoute<S, R>): Promise<FastifyReply> {
  const body = f.body ?? req.body;
  const parsed = parseForm(req.lang, f.schema, body);
  if (!parsed.ok) return f.fail(parsed);
  let result: R;
  try {
    result = await f.run(parsed.data);
  } catch (err) {
    if (err instanceof ValidationError) return f.fail({ values: formValues(body), errors: validationMessages(translator(req.lang), err) });
    throw err;
  }
  return f.done(result);
}
