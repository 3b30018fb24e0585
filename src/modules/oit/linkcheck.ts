// The external-link check of the evidence health check: can an assessor open this link directly?
// One GET per hop with a total time limit and a cap on what is read, redirects followed by hand (at most 5), every
// hop's host resolved and refused when any of its addresses is private, loopback, link-local, unique-local, CGNAT,
// multicast, reserved or unspecified (IPv4 and IPv6, IPv4-mapped included), and the connection made to the very
// address that was checked (a lookup that answers only it: no second resolution an attacker could answer otherwise).
// It runs only in the daily job and in a staff member's "check now", never inside a page view.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { sha256 } from '../../platform/crypto.ts';

export const LINK_KINDS = ['ok', 'http_error', 'timeout', 'unreachable', 'login_wall', 'captcha', 'cloud_viewer', 'refused', 'redirects'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface LinkResult {
  kind: LinkKind;
  /** the last HTTP status received, when there was one */
  status: number | null;
  /** where the last hop went (the URL after redirects) */
  finalUrl: string;
  /** sha256 of the bytes read from the final answer (at most maxBytes of them); '' when nothing was read */
  sha256: string;
  /** why, in a few words of English for the staff page and the log (no content of the page) */
  detail: string;
}

export interface LinkCheckOptions {
  /** for the whole check, every hop included */
  timeoutMs?: number;
  /** read at most this much of a body */
  maxBytes?: number;
  maxRedirects?: number;
  /** host:port pairs allowed although private (LINK_CHECK_ALLOW_HOSTS; tests only) */
  allowHosts?: readonly string[];
  /** resolves a host name (tests may stand in for DNS); c-ares (dns.Resolver) by default */
  resolve?: (host: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;
  /** the DNS servers the default resolver asks (tests only: a stand-in server); the system's by default */
  dnsServers?: readonly string[];
}

export const LINK_TIMEOUT_MS = 10_000;
export const LINK_MAX_BYTES = 256 * 1024;
export const LINK_MAX_REDIRECTS = 5;
/** one DNS query's wait, per server (the check's own time limit cuts it shorter) */
export const DNS_TIMEOUT_MS = 2_000;

// ---- addresses an external link may never reach ----
const blocked = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net4, bits, 'ipv4');
for (const [net6, bits] of [
  ['::', 128], ['::1', 128], ['::', 96] /* IPv4-compatible */, ['100::', 64], ['2001:db8::', 32], ['2001::', 23] /* IETF special purpose incl. Teredo */,
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net6, bits, 'ipv6');

/**
 * The IPv4 addresses an IPv6 one may carry: mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16, and the local-use
 * NAT64 prefix 64:ff9b:1::/48 (RFC 8215), whose translator may use any RFC 6052 layout of /48, /56, /64 or /96: each
 * is decoded, and the address is refused when any of them is private.
 */
function embeddedV4(addr: string): string[] {
  const words = expandV6(addr);
  if (!words) return [];
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return [v4(words[6]!, words[7]!)];
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return [v4(words[6]!, words[7]!)];
  if (words[0] === 0x2002) return [v4(words[1]!, words[2]!)];
  if (words[0] === 0x64 && words[1] === 0xff9b && words[2] === 0x0001) {
    const b = words.flatMap((w) => [w >> 8, w & 255]);
    // RFC 6052 section 2.2: bits 64-71 (byte 8) are skipped
    return [[6, 7, 9, 10], [7, 9, 10, 11], [9, 10, 11, 12], [12, 13, 14, 15]].map((at) => at.map((i) => b[i]!).join('.'));
  }
  return [];
}

/** The eight 16-bit words of an IPv6 address (with a dotted IPv4 tail allowed), or null. */
function expandV6(addr: string): number[] | null {
  let a = addr.toLowerCase();
  const pct = a.indexOf('%');
  if (pct >= 0) a = a.slice(0, pct);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (tail) {
    const o = tail[1]!.split('.').map(Number);
    if (o.some((x) => x > 255)) return null;
    a = `${a.slice(0, -tail[1]!.length)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, rest] = a.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((x) => parseInt(x, 16)) : []);
  const h = part(head);
  const r = part(rest);
  const words = a.includes('::') ? [...h, ...Array(8 - h.length - r.length).fill(0), ...r] : h;
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Whether an address is one an external link may not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    if (embeddedV4(address).some((v4) => blocked.check(v4, 'ipv4'))) return true;
    return blocked.check(address.replace(/%.*$/, ''), 'ipv6');
  }
  return true;
}

// ---- what an assessor cannot open directly ----
/** Cloud-drive viewers: a page around the file, often behind a sign-in, never the file itself. */
export function isCloudViewer(u: URL): boolean {
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname;
  if (host === 'drive.google.com') return !(path === '/uc' && u.searchParams.get('export') === 'download');
  if (host === 'docs.google.com') return !/\/export$/.test(path) && u.searchParams.get('export') === null;
  if (host === 'onedrive.live.com' || host === '1drv.ms' || host.endsWith('.sharepoint.com') || host === 'sharepoint.com') return u.searchParams.get('download') !== '1';
  if (host === 'dropbox.com') return /^\/(s|scl|sh)\//.test(path) && u.searchParams.get('dl') !== '1' && u.searchParams.get('raw') !== '1';
  if (host === 'box.com' || host.endsWith('.box.com') || host === 'app.box.com') return /^\/s\//.test(path);
  if (host === 'icloud.com') return /^\/iclouddrive\//.test(path);
  if (host === 'mega.nz' || host === 'mega.io') return true;
  return false;
}

const SIGN_IN_HOSTS = new Set(['accounts.google.com', 'login.microsoftonline.com', 'login.live.com', 'login.windows.net', 'appleid.apple.com', 'login.yahoo.com', 'auth.services.adobe.com']);

/** Sign-in pages of the big providers and the usual sign-in paths of any site. */
export function isSignInUrl(u: URL): boolean {
  const host = u.hostname.toLowerCase().replace(/^(www|m|mbasic|web)\./, '');
  if (SIGN_IN_HOSTS.has(host)) return true;
  if (host === 'facebook.com' && /^\/(login|checkpoint)(\/|\.php|$)/.test(u.pathname)) return true;
  if ((host === 'instagram.com' || host === 'x.com' || host === 'twitter.com' || host === 'linkedin.com') && /^\/(accounts\/login|i\/flow\/login|login|uas\/login|authwall)/.test(u.pathname)) return true;
  return /(^|\/)(login|log-in|signin|sign-in|sign_in|auth\/login|wp-login\.php|users\/sign_in|account\/login|sso)(\/|$|\.)/i.test(u.pathname);
}

/** A page that asks a human to prove they are one. */
export function looksLikeCaptcha(html: string): boolean {
  return /class=["'][^"']*\b(g-recaptcha|h-captcha|cf-turnstile)\b|\/recaptcha\/api\.js|hcaptcha\.com\/1\/api\.js|challenges\.cloudflare\.com|<title>[^<]*(attention required|just a moment|captcha|are you a robot|ยืนยันว่าคุณไม่ใช่โปรแกรมอัตโนมัติ)[^<]*<\/title>|id=["']captcha/i.test(html);
}

/** A page whose point is to sign in: a password field, or a sign-in form or title. */
export function looksLikeLogin(html: string): boolean {
  if (/<input[^>]+type\s*=\s*["']?password/i.test(html)) return true;
  if (/<form[^>]+action\s*=\s*["'][^"']*(login|signin|sign-in|sign_in|authenticate)[^"']*["']/i.test(html)) return true;
  return /<title>[^<]*(sign in|log in|login|เข้าสู่ระบบ|ลงชื่อเข้าใช้)[^<]*<\/title>/i.test(html);
}

class Refused extends Error {}

/** Names that mean this machine, whatever DNS says: never followed. */
const LOCAL_NAME = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)\.?$|\.localhost\.?$/i;

/**
 * Resolves a name with c-ares (dns.Resolver: queries on the event loop, not getaddrinfo on libuv's thread pool, where a
 * DNS server that never answers would hold a thread that sign-ins and file reads need), A and AAAA at once, each query
 * cut off after DNS_TIMEOUT_MS and the whole of it when the check's own time runs out. /etc/hosts is not read: a name
 * only it knows does not resolve (localhost is refused by name before this).
 */
async function defaultResolve(host: string, signal: AbortSignal, servers?: readonly string[]): Promise<Array<{ address: string; family: 4 | 6 }>> {
  const r = new dns.promises.Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  if (servers?.length) r.setServers([...servers]);
  let onAbort = () => {};
  const aborted = new Promise<never>((_ok, fail) => {
    onAbort = () => {
      r.cancel();
      fail(Object.assign(new Error('the host name did not resolve in time'), { code: 'ETIMEOUT' }));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    const [a, aaaa] = await Promise.race([Promise.allSettled([r.resolve4(host), r.resolve6(host)]), aborted]);
    const out = [
      ...(a.status === 'fulfilled' ? a.value.map((address) => ({ address, family: 4 as const })) : []),
      ...(aaaa.status === 'fulfilled' ? aaaa.value.map((address) => ({ address, family: 6 as const })) : []),
    ];
    if (!out.length) throw (a.status === 'rejected' ? a.reason : null) ?? Object.assign(new Error('the host name does not resolve'), { code: 'ENOTFOUND' });
    return out;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Resolves a hop's host and checks every address and the port; returns the address to connect to. */
async function validatedAddress(u: URL, o: LinkCheckOptions, signal: AbortSignal): Promise<{ address: string; family: 4 | 6 }> {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Refused(`scheme ${u.protocol} is not followed`);
  if (u.username || u.password) throw new Refused('a link with a user name or password is not followed');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const standard = u.protocol === 'https:' ? '443' : '80';
  const port = u.port || standard;
  const allowed = (o.allowHosts ?? []).includes(`${u.hostname.toLowerCase()}:${port}`);
  // only the web's ports: a link to host:25 or :6379 would make this server probe another's services
  if (!allowed && port !== standard) throw new Refused(`port ${port} is not followed (only ${standard} for ${u.protocol.slice(0, -1)})`);
  const literal = net.isIP(host);
  if (!literal && !allowed && LOCAL_NAME.test(host)) throw new Refused('the host is this machine');
  const addrs = literal ? [{ address: host, family: literal as 4 | 6 }] : await (o.resolve ? o.resolve(host) : defaultResolve(host, signal, o.dnsServers));
  if (!addrs.length) throw Object.assign(new Error('the host name does not resolve'), { code: 'ENOTFOUND' });
  if (!allowed && addrs.some((a) => isPrivateAddress(a.address))) throw new Refused('the host is in a private or reserved address range');
  return addrs[0]!;
}

interface Hop {
  status: number;
  location: string | null;
  contentType: string;
  body: Buffer;
}

function fetchOnce(u: URL, at: { address: string; family: 4 | 6 }, signal: AbortSignal, maxBytes: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(u, {
      method: 'GET',
      signal,
      agent: false,
      // the address checked above, and no other: a second DNS answer never gets a say
      lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (opts?.all) cb(null, [{ address: at.address, family: at.family }]);
        else cb(null, at.address, at.family);
      }) as unknown as net.LookupFunction,
      headers: { 'user-agent': 'Prongsai-OIT-link-check/1 (+evidence health check)', accept: 'text/html,application/pdf,*/*;q=0.8', 'accept-language': 'th,en;q=0.8' },
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, location: typeof res.headers.location === 'string' ? res.headers.location : null, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) });
      };
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      res.on('data', (c: Buffer) => {
        if (size >= maxBytes) return;
        const take = c.subarray(0, maxBytes - size);
        chunks.push(take);
        size += take.length;
        if (size >= maxBytes) {
          // enough to judge: stop reading the rest
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', fail);
      // cut off (the time limit, the server gone) before the end
      res.on('close', () => fail(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Checks one link; never throws. */
export async function checkLink(raw: string, o: LinkCheckOptions = {}): Promise<LinkResult> {
  const maxBytes = o.maxBytes ?? LINK_MAX_BYTES;
  const maxRedirects = o.maxRedirects ?? LINK_MAX_REDIRECTS;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), o.timeoutMs ?? LINK_TIMEOUT_MS);
  let current: URL;
  try {
    current = new URL(raw);
  } catch {
    clearTimeout(timer);
    return { kind: 'refused', status: null, finalUrl: raw, sha256: '', detail: 'not a URL' };
  }
  const result = (kind: LinkKind, status: number | null, detail: string, body?: Buffer): LinkResult => ({ kind, status, finalUrl: current.toString(), sha256: body ? sha256(body) : '', detail });
  try {
    for (let hop = 0; ; hop++) {
      if (isCloudViewer(current)) return result('cloud_viewer', null, `a cloud-drive viewer (${current.hostname})`);
      if (isSignInUrl(current)) return result('login_wall', null, hop ? `redirected to a sign-in page (${current.hostname})` : `a sign-in page (${current.hostname})`);
      const at = await validatedAddress(current, o, ctl.signal);
      const r = await fetchOnce(current, at, ctl.signal, maxBytes);
      if (r.status >= 300 && r.status < 400 && r.location) {
        if (hop >= maxRedirects) return result('redirects', r.status, `more than ${maxRedirects} redirects`);
        current = new URL(r.location, current);
        continue;
      }
      if (r.status === 401) return result('login_wall', r.status, 'the site asks for a sign-in (401)');
      if (r.status >= 400 || r.status < 200) {
        const html = r.body.toString('utf8');
        if (r.status === 403 && looksLikeCaptcha(html)) return result('captcha', r.status, 'a captcha page');
        return result('http_error', r.status, `HTTP ${r.status}`);
      }
      if (/html/i.test(r.contentType) || /^\s*</.test(r.body.subarray(0, 64).toString('utf8'))) {
        const html = r.body.toString('utf8');
        if (looksLikeCaptcha(html)) return result('captcha', r.status, 'a captcha page');
        if (looksLikeLogin(html)) return result('login_wall', r.status, 'a sign-in page');
      }
      return result('ok', r.status, `HTTP ${r.status}`, r.body);
    }
  } catch (err) {
    if (err instanceof Refused) return result('refused', null, err.message);
    if (ctl.signal.aborted) return result('timeout', null, 'no answer in time');
    const code = (err as { code?: string }).code ?? '';
    return result('unreachable', null, code ? `cannot connect (${code})` : 'cannot connect');
  } finally {
    clearTimeout(timer);
  }
}
