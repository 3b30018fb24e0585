import querystring from 'node:querystring';
import { HttpError } from './errors.ts';

// Node's percent-decoder to raw bytes (exported by node:querystring, missing from its type definitions)
const unescapeBuffer = (querystring as unknown as { unescapeBuffer(s: string): Buffer }).unescapeBuffer;

/** More fields than any form of ours has: refused before they are decoded. */
export const MAX_FORM_FIELDS = 2000;

/**
 * urlencoded bodies with strict UTF-8: broken byte sequences become U+FFFD, which form validation refuses.
 * Linear in the number of fields (repeated keys append in place); more than MAX_FORM_FIELDS is a 413.
 */
export function parseUrlEncoded(body: string): Record<string, string | string[]> {
  return parse(body, true);
}

/** Query strings the same way; fields past the cap are ignored (routing must not throw). */
export function parseQueryString(qs: string): Record<string, string | string[]> {
  return parse(qs, false);
}

function parse(body: string, refuseTooMany: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  const dec = (s: string) => unescapeBuffer(s.replace(/\+/g, ' ')).toString('utf8');
  let fields = 0;
  for (const part of body.split('&')) {
    if (!part) continue;
    if (++fields > MAX_FORM_FIELDS) {
      if (refuseTooMany) throw new HttpError(413, 'error.413.title', 'error.413.fields', { max: MAX_FORM_FIELDS });
      break;
    }
    const i = part.indexOf('=');
    const key = dec(i < 0 ? part : part.slice(0, i));
    const value = i < 0 ? '' : dec(part.slice(i + 1));
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}
