import fs from 'node:fs';
import { Request, Response } from 'express';
import multer from 'multer';
import { writeAndHash } from '../media';
import { Config } from '../config';
import { AppError, badRequest, payloadTooLarge } from '../http/errors';
import { withoutPrototypeKeys } from '../http/body-keys';
import { EvidenceStorage } from './evidence-storage';
import { currentLanguage, t } from '../i18n/i18n';

/** One file as the upload left it in tmp/: hashed while it streamed. */
export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
  sha256: string;
}

const tempFiles = new WeakMap<Request, Set<string>>();

/**
 * multer storage that streams each file into tmp/ while hashing it (never into memory). Every
 * temporary file is tracked on its request and removed when the response ends, whatever
 * happened: an aborted upload, a refused type, a failed transaction.
 */
class HashingDiskStorage implements multer.StorageEngine {
  constructor(private readonly storage: EvidenceStorage) {}

  _handleFile(req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File> & { sha256?: string }) => void): void {
    const destination = this.storage.newTempPath();
    tempFiles.get(req)?.add(destination);
    writeAndHash(file.stream, destination).then(
      (digest) => cb(null, { path: destination, size: digest.bytes, sha256: digest.sha256 }),
      (err) => cb(err),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
    fs.promises.rm(file.path, { force: true }).then(() => cb(null), (err) => cb(err));
  }
}

export interface ParsedUpload {
  files: UploadedFile[];
  body: Record<string, unknown>;
}

/**
 * Parses a multipart upload into tmp/. Resolves with the files and fields, or throws an AppError
 * (413 for limits, 400 for a body that is not a readable form). The temporary files are removed
 * when the response closes; placeObject() has moved the ones that were kept by then.
 */
export function receiveUpload(config: Config, storage: EvidenceStorage) {
  const middleware = multer({
    storage: new HashingDiskStorage(storage),
    defParamCharset: 'utf8',
    limits: {
      fileSize: config.upload.maxFileBytes,
      files: config.upload.maxFiles,
      fields: 200,
      fieldSize: 100_000,
      parts: config.upload.maxFiles + 200,
      fieldNestingDepth: 3,
      fieldArrayIndexLimit: 500,
    } as multer.Options['limits'],
  }).array('files', config.upload.maxFiles);

  return (req: Request, res: Response): Promise<ParsedUpload> => {
    const tracked = new Set<string>();
    tempFiles.set(req, tracked);
    res.on('close', () => void storage.removeTemp(tracked));
    if (!req.is('multipart/form-data')) return Promise.reject(badRequest(t('media.upload.multipart')));
    return new Promise((resolve, reject) => {
      middleware(req, res, (err?: unknown) => {
        if (err) return reject(uploadError(err, config));
        const files = ((req.files as (Express.Multer.File & { sha256: string })[] | undefined) ?? []).map((f) => ({
          path: f.path,
          originalname: f.originalname,
          size: f.size,
          sha256: f.sha256,
        }));
        resolve({ files, body: withoutPrototypeKeys({ ...(req.body as Record<string, unknown>) }) });
      });
    });
  };
}

function uploadError(err: unknown, config: Config): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return payloadTooLarge(t('media.upload.fileTooLarge', { limit: formatBytes(config.upload.maxFileBytes) }));
      case 'LIMIT_FILE_COUNT':
        return payloadTooLarge(t('media.upload.tooManyFiles', { max: config.upload.maxFiles }));
      case 'LIMIT_UNEXPECTED_FILE':
        return badRequest(t('media.upload.wrongField'));
      default:
        return badRequest(t('media.upload.refused', { reason: err.message }));
    }
  }
  return badRequest(t('media.upload.unreadable'));
}

const decimals = new Map<string, Intl.NumberFormat>();

/** "1000 bytes", "1.5 MiB"; "1000 байт", "1,5 МиБ" in Russian. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return t('media.bytes', { count: n });
  const lang = currentLanguage();
  let format = decimals.get(lang);
  if (!format) decimals.set(lang, (format = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, useGrouping: false })));
  return t('media.size', { value: format.format(Math.round(value * 10) / 10), unit: t(`media.units.${units[unit]}`) });
}

/** A file name safe to show and to offer back in Content-Disposition: no path, no control or bidi characters. */
export function sanitiseFileName(raw: string | undefined): string {
  let name = String(raw ?? '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
    name = chars.slice(0, 200 - [...ext].length).join('') + ext;
  }
  return name || 'file';
}
