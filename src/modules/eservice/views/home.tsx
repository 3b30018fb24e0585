// The public home page's E-Service section: the services open for online requests and the tracking page.
import type { DbLike } from '../../../platform/db/index.ts';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { listServices } from '../store.ts';
import { Name } from './parts.tsx';

export async function homeBlock(db: DbLike, ctx: ViewCtx): Promise<string> {
  const services = await listServices(db, ctx.site.agencyId, { publishedOnly: true });
  if (!services.length) return '';
  const t = ctx.t;
  return (
    <section aria-labelledby="home-eservice">
      <h2 id="home-eservice" safe>{t('eservice.title')}</h2>
      <ul class="item-list">
        {services.slice(0, 8).map((s) => <li><a href={`/e-service/${s.slug}`}><Name ctx={ctx} th={s.name_th} en={s.name_en} /></a></li>)}
      </ul>
      <p><a href="/e-service" safe>{t('eservice.home.all')}</a>{' · '}<a href="/e-service/track" safe>{t('eservice.track.link')}</a></p>
    </section>
  );
}
