import { pageInfo, type PageInfo } from '../views/components.tsx';

/** Fetches one page; a page number past the end shows the last page. */
export async function paged<R>(pageParam: unknown, perPage: number, fetch: (limit: number, offset: number) => Promise<{ total: number; rows: R[] }>): Promise<{ info: PageInfo; rows: R[] }> {
  const wanted = Math.max(1, Math.floor(Number(pageParam) || 1));
  let r = await fetch(perPage, (wanted - 1) * perPage);
  const info = pageInfo(wanted, r.total, perPage);
  if (info.page !== wanted) r = await fetch(perPage, info.offset);
  return { info, rows: r.rows };
}
