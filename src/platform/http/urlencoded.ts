import querystring from 'node:querystring';

// Node's percent-decoder to raw bytes (exported by node:querystring, missing from its type definitions)
const unescapeBuffer = (querystring as unknown as { unescapeBuffer(s: string): Buffer }).unescapeBuffer;

/** urlencoded bodies with strict UTF-8: broken byte sequences become U+FFFD, which form validation refuses. */
export function parseUrlEncoded(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  const dec = (s: string) => unescapeBuffer(s.replace(/\+/g, ' ')).toString('utf8');
  for (const part of body.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const key = dec(i < 0 ? part : part.slice(0, i));
    const value = i < 0 ? '' : dec(part.slice(i + 1));
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
