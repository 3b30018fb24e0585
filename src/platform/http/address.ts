// Which network an address belongs to, for counting: one laptop on IPv6 holds a whole /64.
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network an address belongs to for counting: an IPv4 address, or the /64 of an IPv6 one (with `v6Bits` 48, its
 * /48: a site's whole allocation). A port a proxy wrote with it (`1.2.3.4:5678`, `[2001:db8::1]:443`) is dropped;
 * anything that is not an address (or none: the connection is already gone) counts in one shared group.
 */
export function addressGroup(ip: string | undefined, v6Bits: 64 | 48 = 64): string {
  if (typeof ip !== 'string') return UNKNOWN;
  let a = ip.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.split('%')[0]!; // a zone (fe80::1%eth0) is not part of the address
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (v4) return isIPv4(v4[1]!) ? v4[1]! : UNKNOWN;
  if (!isIPv6(a)) return UNKNOWN;
  const parts = a.split('::');
  const head = parts[0] ? parts[0].split(':') : [];
  const tail = parts.length > 1 && parts[1] ? parts[1].split(':') : [];
  const full = [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail].map((h) => h.replace(/^0+(?=.)/, ''));
  // an IPv4 address written as IPv6 in hex (::ffff:102:304) is that IPv4 address
  if (full.slice(0, 6).join(':') === '0:0:0:0:0:ffff') return full.slice(6).flatMap((h) => [parseInt(h, 16) >> 8, parseInt(h, 16) & 255]).join('.');
  return full.slice(0, v6Bits / 16).join(':');
}

const UNKNOWN = 'unknown';
