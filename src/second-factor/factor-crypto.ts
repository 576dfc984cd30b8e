import crypto from 'node:crypto';

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the instance's
 * session secret, so a copy of the database alone does not yield anyone's codes. Changing
 * SESSION_SECRET makes every stored secret unreadable: people enrol again (an admin resets them).
 */
const VERSION = 'v1';

function keyFor(sessionSecret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', sessionSecret, 'casebook', 'second-factor-secret-v1', 32));
}

export function sealSecret(sessionSecret: string, plain: string, userId: number): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(sessionSecret), iv);
  // The user id is authenticated with the secret: a sealed secret copied to another account does not open.
  cipher.setAAD(Buffer.from(`user:${userId}`));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Null when the secret cannot be opened (another instance's key, or altered). */
export function openSecret(sessionSecret: string, sealed: string, userId: number): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(sessionSecret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`user:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
