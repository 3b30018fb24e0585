// The public address of an agency. One installation may serve several agencies, each at its own host name:
// absolute links (feeds, sitemaps, the search API, QR codes in reports, e-mails) use it; BASE_URL is the default.
import type { Platform } from './platform.ts';

export function siteUrl(baseUrl: string, hostname: string | null | undefined): string {
  if (!hostname) return baseUrl;
  const u = new URL(baseUrl);
  return `${u.protocol}//${hostname}`;
}

/** For work done outside a request (reports, reminders, e-mails). */
export async function agencyUrl(p: Platform, agencyId: number): Promise<string> {
  const a = await p.db.k.selectFrom('agency').select('hostname').where('id', '=', agencyId).executeTakeFirst();
  return siteUrl(p.config.baseUrl, a?.hostname);
}
