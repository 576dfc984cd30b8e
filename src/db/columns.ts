import { ValueTransformer } from 'typeorm';

/** Timestamps are stored as ISO-8601 UTC text: sortable, readable in raw SQL, identical across engines. */
export const isoTimestamp: ValueTransformer = {
  to: (value: Date | string | null | undefined) =>
    value == null ? value : value instanceof Date ? value.toISOString() : new Date(value).toISOString(),
  from: (value: string | null) => (value == null ? value : new Date(value)),
};

/** JSON kept as text so the same column works on SQLite and PostgreSQL. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value ?? null)),
  from: (value: string | null) => (value == null ? null : JSON.parse(value)),
};

/**
 * The engine is fixed for the life of the process (DATABASE_URL selects PostgreSQL), so column
 * types that differ between engines are resolved once here and entities stay engine-neutral.
 */
export const DB_ENGINE: 'sqlite' | 'postgres' = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
export const DATETIME = DB_ENGINE === 'postgres' ? 'timestamptz' : 'datetime';
