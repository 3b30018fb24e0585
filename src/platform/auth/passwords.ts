import argon2 from 'argon2';
import crypto from 'node:crypto';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check when the user does not exist. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

const WORDS = 'ant bee cat dog eel fox gnu hen ibis jay kiwi lark mole newt owl pig quail ram seal toad urchin vole wasp yak zebu'.split(' ');
/** A temporary password that is easy to read out: four words and four digits. */
export function generatePassword(): string {
  const w = () => WORDS[crypto.randomInt(WORDS.length)]!;
  return `${w()}-${w()}-${w()}-${w()}-${crypto.randomInt(1000, 10000)}`;
}

export const PASSWORD_MIN = 10;
