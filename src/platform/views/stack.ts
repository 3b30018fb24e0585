// Labels the cells of server-rendered data tables with their column header (data-label="…"), so that app.css can
// show each row as a card of labelled values on phones, whatever module wrote the table.
//
// It runs on every HTML response, so it is one linear pass: pages without "<table" come back untouched, and within
// a table only the table-part tags (thead, tbody, tfoot, tr, th, td) are looked at. It is conservative: a table it
// does not fully understand is left exactly as it was — no <thead>, a header cell without scope="col", more than one
// header row, a td in the header, colspan or rowspan anywhere in the head or body, a nested table, a body row with
// more cells than headers. Text is never moved or rewritten: the only change is ` data-label="…"` inserted right
// after a cell's tag name, which is always a safe place, whatever the cell's other attributes hold.

const TABLE_TAG = /<(\/?)table(?=[\s>/])/gi;
const PART_TAG = /<(\/?)(thead|tbody|tfoot|tr|th|td)(?=[\s>/])/gi;
const SPAN_ATTR = /^(?:colspan|rowspan)$/i;

/** The document with data-label on the body cells of every simple data table (see above). */
export function labelTableCells(html: string): string {
  if (!html.includes('<table')) return html;
  const out: string[] = [];
  let copied = 0; // html before this index is already in out
  let depth = 0;
  let contentStart = -1; // just after the outermost <table …>
  let nested = false;
  TABLE_TAG.lastIndex = 0;
  for (let m = TABLE_TAG.exec(html); m; m = TABLE_TAG.exec(html)) {
    if (!m[1]) {
      const end = startTagEnd(html, m.index + m[0].length);
      if (end < 0) break;
      if (depth === 0) {
        contentStart = end + 1;
        nested = false;
      } else nested = true;
      depth++;
      TABLE_TAG.lastIndex = end + 1;
    } else if (depth > 0 && --depth === 0) {
      const labelled = nested ? null : labelTable(html.slice(contentStart, m.index));
      if (labelled !== null) {
        out.push(html.slice(copied, contentStart), labelled);
        copied = m.index;
      }
    }
  }
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join('');
}

/** The inside of one <table>…</table> with its body cells labelled, or null to leave it as it is. */
function labelTable(inner: string): string | null {
  const headers: string[] = [];
  const inserts: Array<[at: number, label: string]> = [];
  let section: 'before' | 'head' | 'body' | 'foot' = 'before';
  let headRows = 0;
  let col = 0;
  PART_TAG.lastIndex = 0;
  for (let m = PART_TAG.exec(inner); m; m = PART_TAG.exec(inner)) {
    const closing = !!m[1];
    const tag = m[2]!.toLowerCase();
    const nameEnd = m.index + m[0].length;
    if (closing) {
      if (tag === 'thead') section = 'body'; // rows after </thead> belong to the (possibly implicit) tbody
      continue;
    }
    if (tag === 'thead') {
      if (section !== 'before') return null;
      section = 'head';
      continue;
    }
    if (tag === 'tbody') {
      if (section === 'before' || section === 'head') return null;
      section = 'body';
      continue;
    }
    if (tag === 'tfoot') {
      section = 'foot';
      continue;
    }
    if (section === 'before') return null; // a row or cell before any header
    if (section === 'foot') continue; // footer cells stay unlabelled (totals often span columns)
    const end = startTagEnd(inner, nameEnd);
    if (end < 0) return null;
    if (tag === 'tr') {
      if (section === 'head' && ++headRows > 1) return null;
      col = 0;
      continue;
    }
    const attrs = attributes(inner.slice(nameEnd, end));
    if (attrs.some(([name]) => SPAN_ATTR.test(name))) return null;
    if (section === 'head') {
      if (tag !== 'th' || attrs.find(([name]) => name.toLowerCase() === 'scope')?.[1].toLowerCase() !== 'col') return null;
      // the header's text runs to its own </th>: an omitted end tag (the next cell or row comes first) is not read
      PART_TAG.lastIndex = end + 1;
      const close = PART_TAG.exec(inner);
      if (!close || !close[1] || close[2]!.toLowerCase() !== 'th') return null;
      headers.push(attributeText(inner.slice(end + 1, close.index)));
      continue;
    }
    // a body cell: td, or th scope="row"
    if (col >= headers.length) return null;
    const label = headers[col++]!;
    if (label && !attrs.some(([name]) => name.toLowerCase() === 'data-label')) inserts.push([nameEnd, label]);
  }
  if (!inserts.length) return null;
  const parts: string[] = [];
  let from = 0;
  for (const [at, label] of inserts) {
    parts.push(inner.slice(from, at), ` data-label="${label}"`);
    from = at;
  }
  parts.push(inner.slice(from));
  return parts.join('');
}

/**
 * The index of the '>' that ends a start tag whose name ends at `from`, reading attributes as the HTML tokenizer
 * does (a quoted value may hold '>'), or -1 if the document ends first.
 */
function startTagEnd(html: string, from: number): number {
  let i = from;
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 61 /* = */) {
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const q = html.charCodeAt(i);
      if (q === 34 /* " */ || q === 39 /* ' */) {
        const close = html.indexOf(q === 34 ? '"' : "'", i + 1);
        if (close < 0) return -1;
        i = close + 1;
      }
      continue; // an unquoted value ends at a space or '>', which the loop handles
    }
    i++;
  }
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** Name and value of each attribute in the source between a tag's name and its '>'. */
function attributes(src: string): Array<[name: string, value: string]> {
  const found: Array<[string, string]> = [];
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(src); m; m = re.exec(src)) found.push([m[1]!, m[2] ?? m[3] ?? m[4] ?? '']);
  return found;
}

/**
 * A header cell's HTML as the text of a double-quoted attribute: tags dropped (a <br> becomes a space), white
 * space collapsed, and escaped so it means the same there: character references are kept as they are (they
 * decode the same in an attribute), a bare '&' and any '"', '<' or '>' are escaped.
 */
export function attributeText(cellHtml: string): string {
  return cellHtml
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&(?!#\d+;|#x[\da-f]+;|[a-z][a-z\d]*;)/gi, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
