import { DataSource, QueryRunner } from 'typeorm';

/**
 * Raw SQL is written once for both engines with SQLite's `?` placeholders; on PostgreSQL each `?`
 * outside quotes, identifiers and comments becomes `$1`, `$2`… Where functions differ, the
 * engine-specific fragment comes from src/db/pg-triggers.ts-style helpers instead.
 */
export function numberedPlaceholders(sql: string): string {
  if (!sql.includes('?')) return sql;
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length - 1 : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  if (n > 0 && /\$\d/.test(sql)) throw new Error('SQL mixes ? and $n placeholders');
  return out;
}

/** The index of the quote closing the one at `start` (a doubled quote is part of the text). */
function closing(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) {
      i++;
      continue;
    }
    return i;
  }
  return sql.length - 1;
}

/** Every query runner of this PostgreSQL DataSource takes `?` placeholders (ds.query, em.query in transactions). */
export function withPositionalPlaceholders(ds: DataSource): DataSource {
  const driver = ds.driver as unknown as { createQueryRunner: (mode: 'master' | 'slave') => QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => query(numberedPlaceholders(sql), ...rest);
    return runner;
  };
  return ds;
}
