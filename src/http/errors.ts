import { t } from '../i18n/i18n';

/** One typed error hierarchy; the error handler turns each into a page or a JSON error. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message = t('errors.badRequest'), fieldErrors: Record<string, string> = {}) =>
  new AppError(400, 'bad_request', message, fieldErrors);
export const validationFailed = (fieldErrors: Record<string, string>, message = t('errors.validationFailed')) =>
  new AppError(422, 'validation_failed', message, fieldErrors);
export const unauthorized = (message = t('errors.unauthorized')) => new AppError(401, 'unauthorized', message);
export const forbidden = (message = t('errors.forbidden')) => new AppError(403, 'forbidden', message);
/** Also used for records the user may not see, so their existence is not revealed. */
export const notFound = (message = t('errors.notFound')) => new AppError(404, 'not_found', message);
export const conflict = (message: string, fieldErrors: Record<string, string> = {}) =>
  new AppError(409, 'conflict', message, fieldErrors);
export const payloadTooLarge = (message = t('errors.payloadTooLarge')) => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (message = t('errors.tooManyRequests')) =>
  new AppError(429, 'too_many_requests', message);
export const csrfFailed = () =>
  new AppError(403, 'csrf_failed', t('errors.csrfFailed'));
