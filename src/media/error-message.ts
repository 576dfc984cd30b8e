/**
 * A readable message from anything thrown. Errors from ESM libraries loaded in another realm
 * (see esm-import.ts) fail `instanceof Error`, so this reads the shape instead.
 */
export function errorMessage(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err !== null && typeof err === 'object' && 'message' in err && typeof err.message === 'string') {
    return err.message.trim() || 'unknown error';
  }
  return 'unknown error';
}
