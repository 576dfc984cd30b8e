import crypto from 'node:crypto';
import { Request } from 'express';

/**
 * A half-filled form kept on the server while its user creates, on a page of its own (without
 * script), the person or institution one of its pickers needs; the form then comes back as it was
 * left, with the new record chosen (`GET <returnTo>?draft=<id>`). Kept in memory, per session,
 * for a few hours: what was typed never goes into an address, a cookie or the database.
 */
export type InlineKind = 'person' | 'institution';

export interface FormDraft {
  id: string;
  sessionKey: string;
  /** The form page to come back to: a same-site path (safeReturnPath). */
  returnTo: string;
  /** The picker's field name, as posted (`people[0][personId]`). */
  field: string;
  kind: InlineKind;
  body: Record<string, unknown>;
  expiresAt: number;
}

const TTL_MS = 4 * 60 * 60 * 1000;
const PER_SESSION = 20;
/** At most this many kept at once (each up to the body limit, 200 kB): the oldest go first. */
const MAX_DRAFTS = 500;
const drafts = new Map<string, FormDraft>();

/** Only a path of this site: "/cases/12/events/new", never "//evil", "https://…", "/\\evil" or anything with a query. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 300) return null;
  if (!/^\/(?:[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*)?$/.test(value)) return null;
  if (value.split('/').some((part) => part === '..' || part === '.')) return null;
  return value;
}

/** A picker's field name as forms write it: `eventInstitutionId`, `people[0][personId]`. */
export function safeFieldName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 120 || !/^[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_]{1,40}\]){0,3}$/.test(value)) return null;
  return value.match(/[A-Za-z0-9_]+/g)!.some((k) => k === 'constructor' || k === 'prototype' || k === '__proto__') ? null : value;
}

function sweep(now: number): void {
  for (const [id, d] of drafts) if (d.expiresAt <= now) drafts.delete(id);
  while (drafts.size >= MAX_DRAFTS) drafts.delete(drafts.keys().next().value!);
}

const sessionKeyOf = (req: Request) => req.sessionInfo?.idHash ?? null;

/** Keeps the posted form (without its CSRF token and the button that sent it); returns the draft's id. */
export function saveDraft(req: Request, d: Pick<FormDraft, 'returnTo' | 'field' | 'kind'>, body: Record<string, unknown>): string {
  const sessionKey = sessionKeyOf(req);
  if (!sessionKey) throw new Error('a draft needs a session');
  const now = Date.now();
  sweep(now);
  const mine = [...drafts.values()].filter((x) => x.sessionKey === sessionKey);
  for (const old of mine.slice(0, Math.max(0, mine.length - PER_SESSION + 1))) drafts.delete(old.id);
  const { _csrf: _c, ...kept } = body;
  const id = crypto.randomBytes(16).toString('hex');
  drafts.set(id, { id, sessionKey, ...d, body: structuredClone(kept), expiresAt: now + TTL_MS });
  return id;
}

/** The draft of this session with this id, or null (unknown, expired, or another session's). */
export function draftOf(req: Request, id: unknown): FormDraft | null {
  if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id)) return null;
  const d = drafts.get(id);
  if (!d || d.expiresAt <= Date.now() || d.sessionKey !== sessionKeyOf(req)) return null;
  return d;
}

/**
 * The posted body a form page should show again: the draft named by `?draft=` when it belongs to
 * this session and to this very page, else null (the page shows its usual empty form).
 */
export function draftBodyFor(req: Request): Record<string, unknown> | null {
  const d = draftOf(req, req.query.draft);
  return d && d.returnTo === req.path ? structuredClone(d.body) : null;
}

/** Puts the chosen record's id into the picker's field of the kept form. */
export function chooseInDraft(d: FormDraft, id: number): void {
  const keys = d.field.match(/[A-Za-z0-9_]+/g)!;
  let node = d.body as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (!next || typeof next !== 'object') node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = String(id);
}

/** Where the form comes back: its page with the draft, at the picker that asked. */
export function returnAddress(d: FormDraft): string {
  return `${d.returnTo}?draft=${d.id}#f-${d.field.replace(/\[([^\]]*)\]/g, '.$1').replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
