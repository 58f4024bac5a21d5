import { createCipheriv, createDecipheriv, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** AES-256-GCM: the sealed form is iv (12) | tag (16) | ciphertext; tampering fails the tag. */
export interface Cipher {
  seal(plain: Uint8Array): Buffer;
  open(sealed: Uint8Array): Buffer;
}

const IV = 12;
const TAG = 16;

export function aesGcm(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error('AES-256 needs a 32-byte key');
  return {
    seal(plain) {
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.length < IV + TAG) throw new Error('sealed data too short');
      const buffer = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, IV));
      decipher.setAuthTag(buffer.subarray(IV, IV + TAG));
      return Buffer.concat([decipher.update(buffer.subarray(IV + TAG)), decipher.final()]);
    },
  };
}

/** What the data directory keeps about the key: never the key, only how to derive and check it. */
export interface KeyFile {
  format: 'scc-key/1';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  /** A known text sealed with the key: a wrong passphrase fails to open it. */
  verifier: string;
}

const VERIFIER_TEXT = Buffer.from('street-command-center key check');
// scrypt N=2^15, r=8: about 32 MiB and a tenth of a second per derivation on an office PC.
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 };

function derive(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}

export function createKeyFile(passphrase: string): { keyFile: KeyFile; cipher: Cipher } {
  const salt = randomBytes(16);
  const key = derive(passphrase, salt, DEFAULTS);
  const cipher = aesGcm(key);
  return {
    keyFile: { format: 'scc-key/1', kdf: 'scrypt', ...DEFAULTS, salt: salt.toString('base64'), verifier: cipher.seal(VERIFIER_TEXT).toString('base64') },
    cipher,
  };
}

/** The cipher for a passphrase, or null when the passphrase is wrong. */
export function unlockKeyFile(keyFile: KeyFile, passphrase: string): Cipher | null {
  const key = derive(passphrase, Buffer.from(keyFile.salt, 'base64'), keyFile);
  const cipher = aesGcm(key);
  try {
    const text = cipher.open(Buffer.from(keyFile.verifier, 'base64'));
    return text.length === VERIFIER_TEXT.length && timingSafeEqual(text, VERIFIER_TEXT) ? cipher : null;
  } catch {
    return null;
  }
}
