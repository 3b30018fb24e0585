/** Thai national ID (13 digits, last is a mod-11 check digit). Dashes and spaces are ignored. */
export function isValidThaiNationalId(input: string): boolean {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/** The same check on an ID already reduced to its digits (no dashes or spaces accepted): exactly 13 digits, check digit right. */
export function validNationalId(digits: string): boolean {
  return /^\d{13}$/.test(digits) && isValidThaiNationalId(digits);
}

/** An ID as typed (Thai digits, dashes, spaces) reduced to its digits, for validNationalId. */
export function nationalIdDigits(typed: string): string {
  return typed.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/[\s-]/g, '');
}
