import { Readable } from 'node:stream';
import { importEsm, lazyEsm } from '../media/esm-import';

type Age = typeof import('age-encryption');

/**
 * age-encryption is ESM-only (with ESM-only @noble/* dependencies). Compiled CommonJS loads it
 * with Node's own `import()`; under Jest, whose module loader cannot run ESM, importEsm falls
 * back to importing it in the main context (src/media/esm-import.ts). Objects it returns then
 * come from the main realm: nothing here relies on `instanceof` for them, and ReadableStream is
 * Node's one global in both realms.
 */
const loadAge = lazyEsm(() => importEsm<Age>(() => import('age-encryption'), 'age-encryption'));

/** An age X25519 recipient as the age tool writes it: `age1` and 58 bech32 characters. */
export const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** An age X25519 identity: `AGE-SECRET-KEY-1` and 58 upper-case bech32 characters. */
export const IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

export class BackupKeyError extends Error {}

/** A new X25519 identity (the secret key file's contents) and its recipient (the public key). */
export async function generateKeyPair(): Promise<{ identity: string; recipient: string }> {
  const age = await loadAge();
  const identity = await age.generateX25519Identity();
  return { identity, recipient: await age.identityToRecipient(identity) };
}

/**
 * The identities in a key file in age's text format: `AGE-SECRET-KEY-1…` lines, `#` comments and
 * blank lines allowed (what `age-keygen` and `casebook backup keygen` write).
 */
export function parseIdentityFile(text: string): string[] {
  const identities: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!IDENTITY.test(line)) throw new BackupKeyError('not an age identity file (expected lines starting with AGE-SECRET-KEY-1)');
    identities.push(line);
  }
  if (identities.length === 0) throw new BackupKeyError('the identity file holds no AGE-SECRET-KEY-1 line');
  return identities;
}

export async function recipientOf(identity: string): Promise<string> {
  return (await loadAge()).identityToRecipient(identity);
}

/** Encrypts a byte stream to every recipient; returns the ciphertext as a Node stream. */
export async function encryptStream(plain: Readable, recipients: string[]): Promise<Readable> {
  const age = await loadAge();
  const e = new age.Encrypter();
  for (const r of recipients) {
    if (!RECIPIENT.test(r)) throw new BackupKeyError(`"${r}" is not an age recipient (age1…)`);
    e.addRecipient(r);
  }
  const web = Readable.toWeb(plain) as unknown as ReadableStream<Uint8Array>;
  return webToNode(await e.encrypt(web));
}

export type DecryptFailure = 'no-identity' | 'damaged';

export class BackupDecryptError extends Error {
  constructor(readonly reason: DecryptFailure, readonly detail: string) {
    super(detail);
  }
}

/**
 * Decrypts an age stream. The header is checked before this resolves (wrong key, altered header);
 * the payload's chunks are authenticated as they are read, and a cut-off end is detected, both
 * surfacing as BackupDecryptError('damaged') from the returned stream.
 */
export async function decryptStream(cipher: Readable, identities: string[]): Promise<Readable> {
  const age = await loadAge();
  const d = new age.Decrypter();
  for (const i of identities) d.addIdentity(i);
  const web = Readable.toWeb(cipher) as unknown as ReadableStream<Uint8Array>;
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await d.decrypt(web);
  } catch (err) {
    const message = err instanceof Error || (err && typeof (err as Error).message === 'string') ? (err as Error).message : String(err);
    throw new BackupDecryptError(/no identity matched/i.test(message) ? 'no-identity' : 'damaged', message);
  }
  return webToNode(plain, (err) => new BackupDecryptError('damaged', (err as Error)?.message ?? String(err)));
}

/** A web ReadableStream (possibly from the main realm under Jest) read as a Node stream. */
function webToNode(web: ReadableStream<Uint8Array>, wrap: (err: unknown) => Error = (e) => e as Error): Readable {
  const reader = web.getReader();
  return new Readable({
    async read() {
      try {
        const { done, value } = await reader.read();
        if (done) this.push(null);
        else this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      } catch (err) {
        this.destroy(wrap(err));
      }
    },
    destroy(err, callback) {
      reader.cancel().catch(() => undefined);
      callback(err);
    },
  });
}
