import crypto, { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Ed25519 key that signs audit checkpoints. It lives in a file outside the database (PKCS#8
 * PEM, mode 0600), so that whoever can rewrite the database — or holds a copy of it — cannot sign
 * a rewritten trail. The public key is written beside it as `<file>.pub` (SPKI PEM): checking a
 * checkpoint needs only that. The only module that touches the key file.
 */
export interface AuditPublicKey {
  /** The raw 32-byte public key, base64, as stored with every checkpoint. */
  publicKey: string;
  /** SHA-256 (hex) of the raw public key. */
  fingerprint: string;
  object: KeyObject;
}

export interface AuditSigningKey extends AuditPublicKey {
  privateKey: KeyObject;
}

export interface OpenedAuditKey {
  key: AuditSigningKey;
  path: string;
  publicKeyPath: string;
  created: boolean;
  /** The key file can be read or written by others than its owner. */
  loosePermissions: boolean;
}

export class AuditKeyError extends Error {}

export const publicKeyPathFor = (keyPath: string) => `${keyPath}.pub`;

/** Reads the signing key, or creates it (and its .pub) when the file does not exist yet. */
export function openAuditKey(keyPath: string): OpenedAuditKey {
  const publicKeyPath = publicKeyPathFor(keyPath);
  let created = false;
  let pem = readIfExists(keyPath);
  if (pem === null) {
    try {
      fs.mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
      const { privateKey } = crypto.generateKeyPairSync('ed25519');
      pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      // 'wx' so that two processes starting at once cannot replace each other's key.
      fs.writeFileSync(keyPath, pem, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new AuditKeyError(`cannot create the audit key file ${keyPath}: ${(err as Error).message}`);
      pem = readIfExists(keyPath) ?? '';
    }
  }
  const key = signingKeyFromPem(pem, keyPath);
  if (created || readIfExists(publicKeyPath) === null) {
    fs.writeFileSync(publicKeyPath, key.object.export({ format: 'pem', type: 'spki' }).toString(), { mode: 0o644 });
  }
  const loosePermissions = (fs.statSync(keyPath).mode & 0o077) !== 0;
  return { key, path: keyPath, publicKeyPath, created, loosePermissions };
}

/**
 * The key checkpoints must be signed with, for checking them: from the key file, or from its
 * `.pub` alone (a machine that only verifies). Never creates a key. Null when neither exists.
 */
export function trustedAuditKey(keyPath: string): { key: AuditPublicKey; path: string } | null {
  const pem = readIfExists(keyPath);
  if (pem !== null) return { key: signingKeyFromPem(pem, keyPath), path: keyPath };
  const publicKeyPath = publicKeyPathFor(keyPath);
  const pub = readIfExists(publicKeyPath);
  if (pub === null) return null;
  try {
    return { key: describePublicKey(crypto.createPublicKey(pub)), path: publicKeyPath };
  } catch {
    throw new AuditKeyError(`${publicKeyPath} is not an Ed25519 public key`);
  }
}

/** A public key as stored with a checkpoint (raw, base64); null when it is not an Ed25519 key. */
export function publicKeyFromRaw(publicKey: string): AuditPublicKey | null {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.length !== 32) return null;
  try {
    return describePublicKey(crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }));
  } catch {
    return null;
  }
}

export function sign(key: AuditSigningKey, payload: Buffer): string {
  return crypto.sign(null, payload, key.privateKey).toString('base64');
}

export function signatureValid(key: AuditPublicKey, payload: Buffer, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  try {
    return crypto.verify(null, payload, key.object, bytes);
  } catch {
    return false;
  }
}

function signingKeyFromPem(pem: string, keyPath: string): AuditSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = crypto.createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`${keyPath} is not a private key (PKCS#8 PEM)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`${keyPath} holds a ${privateKey.asymmetricKeyType} key; audit checkpoints need Ed25519`);
  return { ...describePublicKey(crypto.createPublicKey(privateKey)), privateKey };
}

function describePublicKey(object: KeyObject): AuditPublicKey {
  if (object.asymmetricKeyType !== 'ed25519') throw new AuditKeyError('not an Ed25519 key');
  const raw = Buffer.from(object.export({ format: 'jwk' }).x as string, 'base64url');
  return { publicKey: raw.toString('base64'), fingerprint: crypto.createHash('sha256').update(raw).digest('hex'), object };
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AuditKeyError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
