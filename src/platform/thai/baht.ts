// Baht amounts in Thai words (as on cheques and official documents).
const DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const PLACES = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

/** Reads a whole number (as a digit string) in Thai words; '' for zero. */
function readInteger(digits: string): string {
  const s = digits.replace(/^0+/, '');
  if (s === '') return '';
  if (s.length > 6) {
    const head = s.slice(0, s.length - 6);
    const tail = s.slice(-6);
    const tailWords = readGroup(tail, true);
    return `${readInteger(head)}ล้าน${tailWords}`;
  }
  return readGroup(s, false);
}

/** A group of up to six digits; `hasHigher` says a higher group precedes it (for เอ็ด). */
function readGroup(group: string, hasHigher: boolean): string {
  const g = group.replace(/^0+/, '');
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const d = Number(g[i]);
    const place = g.length - 1 - i;
    if (d === 0) continue;
    if (place === 1) out += d === 1 ? 'สิบ' : d === 2 ? 'ยี่สิบ' : `${DIGITS[d]}สิบ`;
    else if (place === 0) out += d === 1 && (g.length > 1 || hasHigher) ? 'เอ็ด' : DIGITS[d];
    else out += `${DIGITS[d]}${PLACES[place]}`;
  }
  return out;
}

/**
 * 1250.5 → 'หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์'; 100 → 'หนึ่งร้อยบาทถ้วน'.
 * Accepts a number, a decimal string ('1,250.50') or a bigint of satang via { satang }.
 */
export function bahtText(amount: number | string | { satang: bigint | number }): string {
  let satangTotal: bigint;
  if (typeof amount === 'object') {
    satangTotal = BigInt(amount.satang);
  } else {
    const str = (typeof amount === 'number' ? amountToString(amount) : amount).replace(/[,\s]/g, '');
    const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(str);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not an amount: ${amount}`);
    const frac = (m[3] ?? '').padEnd(3, '0');
    let satang = BigInt(m[2] || '0') * 100n + BigInt(frac.slice(0, 2));
    if (Number(frac[2]) >= 5) satang += 1n; // round half up to the satang
    satangTotal = m[1] ? -satang : satang;
  }
  const negative = satangTotal < 0n;
  if (negative) satangTotal = -satangTotal;
  const baht = satangTotal / 100n;
  const satang = satangTotal % 100n;
  let words = '';
  if (baht > 0n) words += `${readInteger(baht.toString())}บาท`;
  if (satang === 0n) words += baht === 0n ? 'ศูนย์บาทถ้วน' : 'ถ้วน';
  else words += `${readInteger(satang.toString())}สตางค์`;
  return (negative ? 'ลบ' : '') + words;
}

function amountToString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not an amount: ${n}`);
  return n.toFixed(2);
}
