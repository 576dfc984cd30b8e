/** The names of the fields a new record was given (for its "create" audit entry; never values). */
export function filledFields<T extends object>(record: T, keys: readonly (keyof T & string)[]): string[] {
  return keys.filter((k) => {
    const v = record[k] as unknown;
    if (v === null || v === undefined || v === false || v === '') return false;
    if (typeof v === 'object' && 'precision' in (v as object)) return (v as { precision: unknown }).precision !== null;
    return true;
  });
}
