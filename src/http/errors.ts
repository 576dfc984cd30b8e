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

export const badRequest = (message = 'The request could not be understood.', fieldErrors: Record<string, string> = {}) =>
  new AppError(400, 'bad_request', message, fieldErrors);
export const validationFailed = (fieldErrors: Record<string, string>, message = 'Some fields need attention.') =>
  new AppError(422, 'validation_failed', message, fieldErrors);
export const unauthorized = (message = 'Please sign in.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have permission to do that.') => new AppError(403, 'forbidden', message);
/** Also used for records the user may not see, so their existence is not revealed. */
export const notFound = (message = 'Nothing was found at this address.') => new AppError(404, 'not_found', message);
export const conflict = (message: string, fieldErrors: Record<string, string> = {}) =>
  new AppError(409, 'conflict', message, fieldErrors);
export const payloadTooLarge = (message = 'The request is too large.') => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (message = 'Too many attempts. Please wait a few minutes and try again.') =>
  new AppError(429, 'too_many_requests', message);
export const csrfFailed = () =>
  new AppError(403, 'csrf_failed', 'This form has expired or did not come from Casebook. Reload the page and try again.');
