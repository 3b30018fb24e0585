// libsodium (sodium-native) for sealed data: XChaCha20-Poly1305 with the row it belongs to as associated data,
// X25519 sealed boxes to a person's public key, and Argon2id keys from passwords and receipts.
import sodium from 'sodium-native';
import { Gate } from '../http/multipart.ts';

const NONCE = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
const ABYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;

export const KEY_BYTES = 32;

export function randomKey(): Buffer {
  const k = Buffer.alloc(KEY_BYTES);
  sodium.randombytes_buf(k);
  return k;
}

export function randomBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  sodium.randombytes_buf(b);
  return b;
}

/** Encrypts under key; `context` (e.g. 'complaint:12:content') binds the ciphertext to its place: moved elsewhere it fails. */
export function seal(key: Buffer, plain: Buffer, context: string): Buffer {
  const nonce = randomBytes(NONCE);
  const out = Buffer.alloc(plain.length + ABYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(out, plain, Buffer.from(context), null, nonce, key);
  return Buffer.concat([nonce, out]);
}

/** Opens what seal() made with the same key and context; throws when either differs or the bytes were changed. */
export function open(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < NONCE + ABYTES) throw new Error('sealed data too short');
  const out = Buffer.alloc(sealed.length - NONCE - ABYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, sealed.subarray(NONCE), Buffer.from(context), sealed.subarray(0, NONCE), key);
  return out;
}

export function keyPair(): { publicKey: Buffer; secretKey: Buffer } {
  const publicKey = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  const secretKey = Buffer.alloc(sodium.crypto_box_SECRETKEYBYTES);
  sodium.crypto_box_keypair(publicKey, secretKey);
  return { publicKey, secretKey };
}

/** Anyone with the public key can seal; only the secret key opens (an anonymous sender, like a complaint form). */
export function sealTo(publicKey: Buffer, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(out, data, publicKey);
  return out;
}

export function openSealed(publicKey: Buffer, secretKey: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < sodium.crypto_box_SEALBYTES) throw new Error('sealed box too short');
  const out = Buffer.alloc(sealed.length - sodium.crypto_box_SEALBYTES);
  if (!sodium.crypto_box_seal_open(out, sealed, publicKey, secretKey)) throw new Error('sealed box does not open with this key');
  return out;
}

/** The public key of a secret key (for checking that a recovery key typed in is the agency's). */
export function publicKeyOf(secretKey: Buffer): Buffer {
  const pk = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  sodium.crypto_scalarmult_base(pk, secretKey);
  return pk;
}

export function wipe(...buffers: Array<Buffer | null | undefined>): void {
  for (const b of buffers) if (b) sodium.sodium_memzero(b);
}

export interface KdfCost {
  ops: number;
  mem: number;
}
/** Argon2id at libsodium's "interactive" cost: about 0.1 s and 64 MB. */
export const KDF_INTERACTIVE: KdfCost = { ops: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, mem: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE };
export const SALT_BYTES = sodium.crypto_pwhash_SALTBYTES;

// each derivation takes 64 MB outside the JS heap: at most two at once, a few waiting, the rest told to retry
const kdfGate = new Gate(2, 16, 10_000);

/** A key from a secret a person knows (password, receipt), on the thread pool, two at a time. */
export async function deriveKey(secret: string, salt: Buffer, cost: KdfCost): Promise<Buffer> {
  const release = await kdfGate.enter();
  try {
    const out = Buffer.alloc(KEY_BYTES);
    await new Promise<void>((resolve, reject) =>
      sodium.crypto_pwhash_async(out, Buffer.from(secret.normalize('NFC')), salt, cost.ops, cost.mem, sodium.crypto_pwhash_ALG_ARGON2ID13, (err: Error | null) => (err ? reject(err) : resolve())),
    );
    return out;
  } finally {
    release();
  }
}
