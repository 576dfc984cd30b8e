import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { runCli } from '../support/cli';
import { ensureBuilt } from '../support/build';
import { PASSWORD } from '../support/app';

let dir: string;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-import-cli-'));
  expect(runCli(dir, ['user', 'add', 'r@example.org', '--role', 'researcher', '--name', 'R'], PASSWORD + '\n').status).toBe(0);
  expect(runCli(dir, ['user', 'add', 'v@example.org', '--role', 'viewer', '--name', 'V'], PASSWORD + '\n').status).toBe(0);
}, 200_000);
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, rows: string[][]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, stringify(rows));
  return file;
};
const cases = (dataDir: string) => {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'casebook.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT title, region FROM case_record ORDER BY id').all();
  } finally {
    db.close();
  }
};

describe('casebook import', () => {
  it('reports problems per row and cell and exits 1, writing nothing', () => {
    const file = write('cases.csv', [['Название', 'Регион'], ['Дело 1', 'Чечня'], ['Дело 2', 'dagestan']]);
    const res = runCli(dir, ['import', file, '--as', 'r@example.org']);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('cases, line 2, Регион: Not a known term. Did you mean: chechnya?');
    expect(res.stdout).toMatch(/Created 1, updated 0, unchanged 0, skipped 0, with problems 1\./);
    expect(res.stderr).toContain('Nothing was written');
    expect(cases(dir)).toEqual([]);
  }, 300_000);

  it('checks only with --dry-run, then imports, and a second run changes nothing', () => {
    const file = write('cases.csv', [['title', 'region'], ['Case 1', 'chechnya'], ['Case 2', 'Republic of Dagestan']]);
    const dry = runCli(dir, ['import', file, '--dry-run', '--as', 'r@example.org']);
    expect([dry.status, dry.stderr]).toEqual([0, expect.stringContaining('Checking rows: 2')]);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(cases(dir)).toEqual([]);
    const real = runCli(dir, ['import', file, '--as', 'r@example.org']);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/Import \d+ committed\./);
    expect(cases(dir)).toEqual([{ title: 'Case 1', region: 'chechnya' }, { title: 'Case 2', region: 'dagestan' }]);
    const again = runCli(dir, ['import', file, '--as', 'r@example.org']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Created 0, updated 0, unchanged 2');
    expect(cases(dir)).toHaveLength(2);
  }, 300_000);

  it('refuses a viewer', () => {
    const file = write('cases.csv', [['title'], ['Case 1']]);
    const res = runCli(dir, ['import', file, '--as', 'v@example.org']);
    expect(res.status).toBe(1);
    expect(cases(dir)).toEqual([]);
  }, 300_000);
});
