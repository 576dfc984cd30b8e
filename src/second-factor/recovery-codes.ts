import crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: read off paper without doubt. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 16;

/**
 * Ten codes of 16 characters from a 31-letter alphabet: about 79 bits each. They are stored as
 * SHA-256, not scrypt: a slow hash protects guessable secrets (passwords), while 2^79 guesses
 * per code is out of reach at any hash speed, and a fast hash lets one query find the code.
 * The user id is hashed with the code so equal hashes never link two accounts.
 */
export function generateRecoveryCodes(): string[] {
  const codes: string[] = [];
  while (codes.length < RECOVERY_CODE_COUNT) {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
    if (!codes.includes(code)) codes.push(code);
  }
  return codes.map(formatRecoveryCode);
}

export function formatRecoveryCode(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}

/** What the user typed, without spaces, dashes or case; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export function hashRecoveryCode(userId: number, normalized: string): string {
  return crypto.createHash('sha256').update(`recovery:${userId}:${normalized}`).digest('hex');
}
