import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

/** An age X25519 public key (the same pattern as src/backups/backup-crypto.ts, which config must not load). */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a positive whole number, got "${value}"` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return 3000;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `PORT must be a whole number from 0 to 65535, got "${value}"` });
        return z.NEVER;
      }
      return n;
    }),
  HOST: z.string().optional().default('127.0.0.1'),
  CASEBOOK_DATA_DIR: z.string().optional().default('./data'),
  SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || v.length >= 32, {
      message: 'SESSION_SECRET must be at least 32 characters (unset it to have one generated in the data directory)',
    }),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): boolean | number | string => {
      if (value === undefined || value.trim() === '' || value === 'false' || value === '0') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      if (/^[0-9a-fA-F.:/,\s]+$|^(loopback|linklocal|uniquelocal)(,\s*(loopback|linklocal|uniquelocal))*$/.test(value)) {
        return value;
      }
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY must be true, false, a hop count, or addresses/subnets, got "${value}"`,
      });
      return z.NEVER;
    }),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx): string | null => {
      if (value === undefined || value.trim() === '') return null;
      const problem = postgresUrlProblem(value.trim());
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `DATABASE_URL ${problem}` });
        return z.NEVER;
      }
      return value.trim();
    }),
  SESSION_IDLE_MINUTES: positiveInt('SESSION_IDLE_MINUTES', 30),
  SESSION_MAX_HOURS: positiveInt('SESSION_MAX_HOURS', 12),
  LOGIN_IP_LIMIT: positiveInt('LOGIN_IP_LIMIT', 30),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).optional().default('info'),
  // Evidence uploads (issue 4).
  UPLOAD_MAX_FILE_BYTES: positiveInt('UPLOAD_MAX_FILE_BYTES', 2 * 1024 ** 3),
  UPLOAD_MAX_FILES: positiveInt('UPLOAD_MAX_FILES', 50),
  IMAGE_MAX_PIXELS: positiveInt('IMAGE_MAX_PIXELS', 50_000_000),
  // Signed audit checkpoints (issue 19).
  CASEBOOK_AUDIT_KEY: z.string().optional(),
  CASEBOOK_AUDIT_CHECKPOINT_EVERY: positiveInt('CASEBOOK_AUDIT_CHECKPOINT_EVERY', 1000),
  CASEBOOK_AUDIT_CHECKPOINT_HOURS: positiveInt('CASEBOOK_AUDIT_CHECKPOINT_HOURS', 24),
  // Security keys and passkeys (issue 14): the address people open Casebook at.
  CASEBOOK_ORIGIN: z
    .string()
    .optional()
    .transform((value, ctx): string | null => {
      if (value === undefined || value.trim() === '') return null;
      let url: URL | null = null;
      try {
        url = new URL(value.trim());
      } catch {
        // reported below
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username) {
        ctx.addIssue({ code: 'custom', message: `CASEBOOK_ORIGIN must be the address Casebook is opened at, like https://casebook.example.org (no path), got "${value}"` });
        return z.NEVER;
      }
      return url.origin;
    }),
  CASEBOOK_RP_ID: z.string().optional(),
  // Scheduled encrypted backups (issue 14).
  CASEBOOK_BACKUP_DIR: z.string().optional(),
  CASEBOOK_BACKUP_RECIPIENTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const list = (value ?? '').split(/[\s,]+/).filter(Boolean);
      const bad = list.find((r) => !AGE_RECIPIENT.test(r));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `CASEBOOK_BACKUP_RECIPIENTS must list age public keys (age1…), separated by spaces or commas; "${bad.slice(0, 80)}" is not one` });
        return z.NEVER;
      }
      return list;
    }),
  CASEBOOK_BACKUP_INTERVAL_HOURS: positiveInt('CASEBOOK_BACKUP_INTERVAL_HOURS', 24),
  CASEBOOK_BACKUP_KEEP: positiveInt('CASEBOOK_BACKUP_KEEP', 7),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite database file (the default engine; unused when databaseUrl is set). */
  databasePath: string;
  /** DATABASE_URL: a postgres:// address selects PostgreSQL; null, the embedded SQLite database. */
  databaseUrl: string | null;
  sessionSecret: string;
  trustProxy: boolean | number | string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginIpLimit: number;
  logLevel: 'silent' | 'error' | 'info';
  /** Evidence uploads: largest file, files per upload, largest image decoded for previews. */
  upload: { maxFileBytes: number; maxFiles: number; maxImagePixels: number };
  /** Audit checkpoints: the signing key file (outside the database), and how often the server signs. */
  audit: { keyPath: string; checkpointEveryEntries: number; checkpointEveryHours: number };
  /**
   * WebAuthn: the origin keys are used at and the relying party id (a domain). Null: taken from
   * each request's address, for development only (behind a proxy, set them).
   */
  webauthn: { origin: string | null; rpId: string | null };
  /** Scheduled backups: off while dir is null; the age public keys they are encrypted to; how often; how many kept. */
  backup: { dir: string | null; recipients: string[]; intervalHours: number; keep: number };
}

export class ConfigError extends Error {}

/**
 * What is wrong with a PostgreSQL address (postgres://user:password@host:port/database), or null.
 * The password is never repeated in a message.
 */
export function postgresUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid address: use postgres://user:password@host:5432/database';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `must be a PostgreSQL address (postgres://user:password@host:5432/database), not ${url.protocol.replace(/:$/, '')}://`;
  }
  if (!url.hostname) return 'names no server: use postgres://user:password@host:5432/database';
  if (url.port && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) return `has an invalid port "${url.port}"`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) return 'names no database: add it after the server, as in postgres://user:password@host:5432/casebook';
  return null;
}

/** Reads, checks and completes the configuration once. Throws ConfigError with one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.CASEBOOK_DATA_DIR);
  const rpId = e.CASEBOOK_RP_ID?.trim() ? e.CASEBOOK_RP_ID.trim().toLowerCase() : e.CASEBOOK_ORIGIN ? new URL(e.CASEBOOK_ORIGIN).hostname : null;
  if (rpId && !e.CASEBOOK_ORIGIN) throw new ConfigError('Configuration error: CASEBOOK_RP_ID needs CASEBOOK_ORIGIN (the address Casebook is opened at)');
  if (rpId && e.CASEBOOK_ORIGIN) {
    const host = new URL(e.CASEBOOK_ORIGIN).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) throw new ConfigError(`Configuration error: CASEBOOK_RP_ID "${rpId}" must be the host of CASEBOOK_ORIGIN or a domain it belongs to`);
  }
  if (e.CASEBOOK_BACKUP_DIR?.trim() && e.CASEBOOK_BACKUP_RECIPIENTS.length === 0) {
    throw new ConfigError('Configuration error: CASEBOOK_BACKUP_DIR is set but CASEBOOK_BACKUP_RECIPIENTS is empty: give the age public key(s) the backups are encrypted to (casebook backup keygen makes a pair)');
  }
  if (e.CASEBOOK_BACKUP_DIR?.trim() && path.resolve(e.CASEBOOK_BACKUP_DIR) === dataDir) {
    throw new ConfigError('Configuration error: CASEBOOK_BACKUP_DIR must not be the data directory itself');
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    throw new ConfigError(`Configuration error: CASEBOOK_DATA_DIR "${dataDir}" cannot be created or is not writable`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: path.join(dataDir, 'casebook.sqlite'),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ? e.SESSION_SECRET : readOrCreateSecret(dataDir),
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    loginIpLimit: e.LOGIN_IP_LIMIT,
    logLevel: e.LOG_LEVEL,
    upload: { maxFileBytes: e.UPLOAD_MAX_FILE_BYTES, maxFiles: e.UPLOAD_MAX_FILES, maxImagePixels: e.IMAGE_MAX_PIXELS },
    backup: {
      dir: e.CASEBOOK_BACKUP_DIR?.trim() ? path.resolve(e.CASEBOOK_BACKUP_DIR) : null,
      recipients: e.CASEBOOK_BACKUP_RECIPIENTS,
      intervalHours: e.CASEBOOK_BACKUP_INTERVAL_HOURS,
      keep: e.CASEBOOK_BACKUP_KEEP,
    },
    audit: {
      keyPath: e.CASEBOOK_AUDIT_KEY ? path.resolve(e.CASEBOOK_AUDIT_KEY) : path.join(dataDir, 'audit-key'),
      checkpointEveryEntries: e.CASEBOOK_AUDIT_CHECKPOINT_EVERY,
      checkpointEveryHours: e.CASEBOOK_AUDIT_CHECKPOINT_HOURS,
    },
    webauthn: { origin: e.CASEBOOK_ORIGIN, rpId },
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  removeInterruptedSecrets(dataDir);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
    // Shorter than any secret written here: a write cut off by a crash (before this version wrote
    // it atomically). Replaced; two processes starting at once still agree, through link below.
    fs.rmSync(file, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`Configuration error: cannot read ${file}`);
    }
  }
  const secret = crypto.randomBytes(48).toString('base64url');
  // Written in full under a temporary name, then linked into place: a crash leaves either no
  // secret or a whole one, and a link never replaces the secret of a process that started at once.
  const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, secret + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.linkSync(temp, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`Configuration error: cannot write ${file}`);
    return fs.readFileSync(file, 'utf8').trim();
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Temporary secrets a process stopped while writing (see readOrCreateSecret). One younger than a
 * minute may belong to a process starting at this moment, and is left to it.
 */
function removeInterruptedSecrets(dataDir: string): void {
  for (const name of fs.readdirSync(dataDir)) {
    if (!/^session-secret\.[0-9a-f]{12}\.tmp$/.test(name)) continue;
    const full = path.join(dataDir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 60_000) fs.rmSync(full, { force: true });
    } catch {
      // Gone already.
    }
  }
}
