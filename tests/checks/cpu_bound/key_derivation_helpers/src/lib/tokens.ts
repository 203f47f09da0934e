import crypto from 'node:crypto';

// A key derived with 10 000 PBKDF2 rounds for every token sealed or opened.
const deriveKey = (secret: string, salt: Buffer) =>
  crypto.pbkdf2Sync(secret, salt, 10000, 32, 'sha512');

export function openToken(token: string, secret: string) {
  const raw = Buffer.from(token, 'base64');
  const key = deriveKey(secret, raw.subarray(0, 16));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(16, 32));
  return decipher.update(raw.subarray(32)).toString('utf8');
}

// Look-alike: the salt is random bytes, no key derivation.
export function newSalt() {
  return crypto.randomBytes(16);
}
