import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { generateDemo } from '../../src/demo/generate';
import { rawDb } from '../../src/search/sqlite';

export interface DemoDatabase {
  ds: DataSource;
  db: Database;
  close: () => Promise<void>;
}

/** A freshly migrated SQLite database in a temporary directory, filled by the demo generator. */
export async function openDemoDatabase(name: string, opts: { cases: number; seed: number }): Promise<DemoDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `casebook-${name}-`));
  const ds = await openDatabase({ databasePath: path.join(dir, `${name}.sqlite`) });
  await generateDemo(ds, opts);
  return {
    ds,
    db: rawDb(ds),
    close: async () => {
      if (ds.isInitialized) await ds.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
