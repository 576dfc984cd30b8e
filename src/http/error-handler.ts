import { currentLanguage, t } from '../i18n/i18n';
import { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError, badRequest, notFound, payloadTooLarge } from './errors';
import { log } from '../logger';
import { longWriteRefused } from '../db/long-write';
import { apiFieldMessages, apiMessage } from '../api/api-wording';

function isApi(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** Body-parser and other library errors mapped to our own, so users never see a 5xx for bad input. */
function normalise(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; code?: string };
  switch (e?.type) {
    case 'entity.too.large':
    case 'parameters.too.many':
      return payloadTooLarge('The request is too large.');
    case 'entity.parse.failed':
      return badRequest(t('errors.invalidJson'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.size.invalid':
    case 'request.aborted':
      return badRequest(t('errors.unreadableBody'));
  }
  // A write that met an import's commit holding the database (db/long-write.ts): try again later.
  if (e?.code === 'SQLITE_BUSY') return longWriteRefused();
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', 'The request could not be understood.');
  }
  return null;
}

export function sendError(req: Request, res: Response, error: AppError): void {
  if (res.headersSent) return;
  if (error.status === 503) res.set('Retry-After', '60');
  if (isApi(req)) {
    // The rewording rules are for English; other languages' catalogues word API messages themselves.
    const english = currentLanguage() === 'en';
    res.status(error.status).json({
      error: {
        code: error.code,
        // Worded for API clients: no lists, boxes or ticks (api/api-wording.ts).
        message: english ? apiMessage(error.message) : error.message,
        id: req.correlationId,
        ...(Object.keys(error.fieldErrors).length ? { fields: english ? apiFieldMessages(error.fieldErrors) : error.fieldErrors } : {}),
      },
    });
    return;
  }
  res.status(error.status).render('errors/error', {
    title: error.status === 404 ? t('errors.title.notFound') : t('errors.title.other'),
    status: error.status,
    message: error.message,
    correlationId: req.correlationId,
    // An error page says nothing of the address it answers (a hidden record's 404 must read
    // exactly like an unknown one's): the header's links and language switch lead home.
    path: '/',
  });
}

export const notFoundHandler: RequestHandler = (req) => {
  throw notFound(isApi(req) ? t('errors.noApiRoute', { method: req.method, path: req.path }) : undefined);
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = normalise(err);
  if (known) {
    if (known.status >= 500) log.error('request failed', { id: req.correlationId, code: known.code });
    return sendError(req, res, known);
  }
  log.error('unexpected error', {
    id: req.correlationId,
    method: req.method,
    path: req.path,
    error: err instanceof Error ? err.stack : String(err),
  });
  sendError(req, res, new AppError(500, 'internal_error', `Something went wrong on our side. If it keeps happening, give the administrator this reference: ${req.correlationId}`));
};
