import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Request, Response } from 'express';
import multer from 'multer';
import { Config } from '../config';
import { withoutPrototypeKeys } from '../http/body-keys';

/** A spreadsheet as the upload left it in the data dir's tmp/, under a name of our own. */
export interface UploadedSheetFile {
  path: string;
  originalName: string;
  bytes: number;
}

/** Why an upload was refused before the file could be read; the page words it beside the field. */
export type UploadRefusal = { code: 'no-file' | 'too-large' | 'not-a-form' | 'unreadable'; params: Record<string, string | number> };

export type ReceivedUpload = ({ ok: true; file: UploadedSheetFile; body: Record<string, unknown> } | { ok: false; refusal: UploadRefusal }) & {
  /** Removes the temporary file now (the route awaits it before answering); the response's close is the backstop. */
  discard: () => Promise<void>;
};

/**
 * Receives one spreadsheet (field `file`) into <data dir>/tmp/. Whatever happens next (a refused
 * file, a failed batch, an aborted request), the temporary file is removed when the response
 * closes: the service keeps its own copy of the files it accepts.
 */
export function receiveImportUpload(config: Config, maxFileBytes: number) {
  const tmpDir = path.join(config.dataDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  const tracked = new WeakMap<Request, Set<string>>();
  const middleware = multer({
    storage: multer.diskStorage({
      destination: tmpDir,
      filename: (req, _file, cb) => {
        const name = `import-${Date.now()}-${crypto.randomBytes(12).toString('hex')}.part`;
        tracked.get(req)?.add(path.join(tmpDir, name));
        cb(null, name);
      },
    }),
    defParamCharset: 'utf8',
    limits: { fileSize: maxFileBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 21 },
  }).single('file');

  return (req: Request, res: Response): Promise<ReceivedUpload> => {
    const files = new Set<string>();
    tracked.set(req, files);
    const discard = async () => {
      for (const p of [...files]) {
        await fs.promises.rm(p, { force: true }).catch(() => undefined);
        files.delete(p);
      }
    };
    res.on('close', () => void discard());
    if (!req.is('multipart/form-data')) return Promise.resolve({ ok: false, refusal: { code: 'not-a-form', params: {} }, discard });
    return new Promise((resolve) => {
      middleware(req, res, (err?: unknown) => {
        if (err) {
          if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') return resolve({ ok: false, refusal: { code: 'too-large', params: { limit: maxFileBytes } }, discard });
          return resolve({ ok: false, refusal: { code: 'unreadable', params: {} }, discard });
        }
        const file = req.file;
        if (!file || !file.size) {
          return resolve({ ok: false, refusal: { code: 'no-file', params: {} }, discard });
        }
        resolve({ ok: true, file: { path: file.path, originalName: file.originalname, bytes: file.size }, body: withoutPrototypeKeys({ ...(req.body as Record<string, unknown>) }), discard });
      });
    });
  };
}

/** How many temporary uploads are left in tmp/ (tests check that a refused file leaves none). */
export function leftoverUploads(config: Config): string[] {
  const tmpDir = path.join(config.dataDir, 'tmp');
  if (!fs.existsSync(tmpDir)) return [];
  return fs.readdirSync(tmpDir).filter((n) => n.startsWith('import-'));
}
