// Views: typed JSX from the platform's components; every string through ctx.t.
import type { ViewCtx } from '../../src/platform/views/ctx.ts';
import { Page } from '../../src/platform/views/layout.tsx';
import { Button, EmptyState, ErrorSummary, Field, Form, TextArea, type FormState } from '../../src/platform/views/components.tsx';
import { can } from '../../src/platform/auth/roles.ts';
import type { Faq } from './store.ts';

export function FaqPage({ ctx, entries, form }: { ctx: ViewCtx; entries: Faq[]; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('faq.title')}>
      <h1 safe>{t('faq.title')}</h1>
      {entries.length ? (
        <dl>{entries.map((e) => <><dt safe>{e.question}</dt><dd safe>{e.answer}</dd></>)}</dl>
      ) : <EmptyState text={t('faq.empty')} />}
      {can(ctx.user, 'faq.manage') ? (
        <Form ctx={ctx} action="/faq">
          <ErrorSummary ctx={ctx} form={form} labels={{ question: t('faq.question'), answer: t('faq.answer'), _form: '' }} />
          <Field ctx={ctx} form={form} name="question" label={t('faq.question')} required maxlength={300} />
          <TextArea ctx={ctx} form={form} name="answer" label={t('faq.answer')} rows={3} maxlength={3000} />
          <Button label={t('faq.add')} />
        </Form>
      ) : ''}
    </Page>
  );
}
