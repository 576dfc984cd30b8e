import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import * as service from '../imports/import.service';
import { ImportMapping, StoredMapping } from '../imports/import-batch.entity';
import { User } from '../users/user.entity';
import { findUserByEmail } from '../users/user.service';
import { CurrentUser } from '../http/context';
import { AppError } from '../http/errors';
import { t } from '../i18n/i18n';

const failure = (message: string) => new AppError(400, 'cli_import', message);

async function importingUser(ds: DataSource, email: string | undefined): Promise<CurrentUser> {
  let user: User | null;
  if (email) user = await findUserByEmail(ds, email.trim().toLowerCase());
  else {
    // Without --as: the one active admin, when there is exactly one.
    const admins = await ds.getRepository(User).findBy({ role: 'admin', disabled: false });
    user = admins.length === 1 ? admins[0] : null;
  }
  if (!user || user.disabled || (user.role !== 'admin' && user.role !== 'researcher')) throw failure(t('imports.cli.noUser'));
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function problemMessage(p: { code: string; params: Record<string, unknown> }): string {
  const params = Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  if (p.code === 'unknown-term' && Array.isArray(p.params.suggestions) && p.params.suggestions.length) return t('imports.problems.unknown-term-suggest', params);
  return t(`imports.problems.${p.code}`, params);
}

/** `casebook import FILE [--mapping NAME|FILE.json] [--dry-run] [--as EMAIL]` */
export function registerImportCommands(program: Command, db: () => Promise<DataSource>, out: (line: string) => void, stderr: NodeJS.WritableStream): void {
  program
    .command('import')
    .description('import a spreadsheet (CSV or XLSX): check every row, print the problems, and write the whole file in one transaction when none remain')
    .argument('<file>', 'the CSV or XLSX file')
    .option('--mapping <name|file.json>', 'a mapping saved under that name, or a JSON file of one (sheets, kinds, columns, values)')
    .option('--dry-run', 'check and report only; nothing is written')
    .option('--as <email>', 'the researcher or admin importing (default: the only admin)')
    .exitOverride()
    .action(async (file: string, opts: { mapping?: string; dryRun?: boolean; as?: string }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw failure(`cannot read ${file}: no such file`);
      const ds = await db();
      const user = await importingUser(ds, opts.as);
      let batch = await service.createBatch(ds, user, { path: file, originalName: path.basename(file) });
      try {
        if (opts.mapping) {
          if (/\.json$/i.test(opts.mapping) && fs.existsSync(opts.mapping)) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(fs.readFileSync(opts.mapping, 'utf8'));
            } catch {
              throw failure(t('imports.errors.mapping'));
            }
            const input = parsed && typeof parsed === 'object' && 'matches' in parsed ? service.mappingFor(batch, parsed as StoredMapping) : (parsed as service.ImportMappingInput);
            batch = await service.saveMapping(ds, user, batch.id, input);
          } else {
            const saved = await ds.getRepository(ImportMapping).findOneBy({ userId: user.id, name: opts.mapping });
            if (!saved) throw failure(t('imports.errors.mappingNotFound'));
            batch = await service.applyNamedMapping(ds, user, batch.id, saved.id);
          }
        }
        const progress = (key: string) => (p: { done: number }) => stderr.write(t(key, { done: p.done }) + '\n');
        batch = await service.checkBatch(ds, user, batch.id, progress('imports.cli.progress'));
        for (let page = 1; ; page++) {
          const { rows } = await service.previewRows(ds, user, batch.id, { page, perPage: 500, only: 'problems' });
          for (const row of rows) for (const p of row.problems) out(t('imports.cli.problem', { sheet: row.sheet, line: row.line, column: p.column || p.field || '-', message: problemMessage(p) }));
          if (rows.length < 500) break;
        }
        out(t('imports.cli.summary', { ...batch.counts }));
        if (batch.status !== 'checked') throw failure(t('imports.cli.notCommitted'));
        if (opts.dryRun) {
          out(t('imports.cli.dryRun'));
          return;
        }
        batch = await service.commitBatch(ds, user, batch.id, progress('imports.cli.committing'));
        out(t('imports.cli.committed', { id: batch.id }));
      } finally {
        // A dry run, or a file that could not be written, leaves no batch behind.
        if (batch.status !== 'committed') await service.forgetBatch(ds, user, batch.id).catch(() => undefined);
      }
    });
}
