/** Thai national ID (13 digits, last is a mod-11 check digit). Dashes and spaces are ignored. */
export function isValidThaiNationalId(input: string): boolean {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}
