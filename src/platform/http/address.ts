// Which network an address belongs to, for counting: one laptop on IPv6 holds a whole /64.

/**
 * The network an address belongs to for counting: an IPv4 address, or the /64 of an IPv6 one (with `v6Bits` 48,
 * its /48: a site's whole allocation). Also takes a group it gave before and gives the same (or the wider) one.
 */
export function addressGroup(ip: string, v6Bits: 64 | 48 = 64): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  const parts = ip.toLowerCase().split('%')[0]!.split('::');
  const head = parts[0] ? parts[0].split(':') : [];
  const tail = parts.length > 1 && parts[1] ? parts[1].split(':') : [];
  const full = [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return full.slice(0, v6Bits / 16).map((h) => h.replace(/^0+(?=.)/, '')).join(':');
}
