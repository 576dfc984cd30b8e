import { NextFunction, Request, Response } from 'express';

/**
 * body-parser parses forms with qs's `allowPrototypes`, so `title[toString]=x` (or JSON
 * `{"title": {"toString": "x"}}`) yields an object whose own `toString` is not a function:
 * String(value) then throws, in validation messages or when a template escapes a re-filled form,
 * and a user gets a 500 instead of a message. Keys that shadow Object.prototype never belong to
 * a form field; they are dropped from every parsed body.
 */
export function withoutPrototypeKeys<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutPrototypeKeys(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key in Object.prototype) delete record[key];
    else record[key] = withoutPrototypeKeys(record[key], depth + 1);
  }
  return value;
}

export function dropPrototypeKeys(req: Request, _res: Response, next: NextFunction): void {
  if (req.body && typeof req.body === 'object') req.body = withoutPrototypeKeys(req.body);
  next();
}
