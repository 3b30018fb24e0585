import { pageInfo, type PageInfo } from '../views/components.tsx';
import { pageParam } from './params.ts';

/** Fetches one page; a page number past the end shows the last page. `page` is the raw query value. */
export async function paged<R>(page: unknown, perPage: number, fetch: (limit: number, offset: number) => Promise<{ total: number; rows: R[] }>): Promise<{ info: PageInfo; rows: R[] }> {
  const wanted = pageParam(page);
  let r = await fetch(perPage, (wanted - 1) * perPage);
  const info = pageInfo(wanted, r.total, perPage);
  if (info.page !== wanted) r = await fetch(perPage, info.offset);
  return { info, rows: r.rows };
}
