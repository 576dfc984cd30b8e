import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { CLI_ACTOR, recordAudit, verifyAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { storageFor } from '../evidence/evidence-storage';
import { verifyOriginals } from '../evidence/evidence-integrity';
import { TransferError } from '../transfer/transfer-errors';
import { writeFullExport } from '../transfer/transfer-export.service';
import { restoreFullExport } from '../transfer/transfer-restore.service';
import { TRANSFER_TABLES } from '../transfer/transfer-schema';
import { exportAuditDetail, exportSelection } from '../transfer/transfer-selection-query';

export interface TransferCli {
  db: () => Promise<DataSource>;
  config: () => Config;
  out: (line: string) => void;
  /** Ends the command with a message the user can act on (exit 1). */
  fail: (message: string) => never;
}

/** `casebook export all` and `casebook import all`: a full export, and its restore into an empty instance. */
export function registerTransferCommands(program: Command, cli: TransferCli): void {
  const { db, config, out, fail } = cli;
  const describe = (err: unknown): never => {
    if (err instanceof TransferError) fail(err.describe());
    throw err;
  };

  const exportCmd = program.command('export').description('exports of the whole instance').exitOverride();
  exportCmd
    .command('all')
    .description('write every record (JSON Lines), the vocabularies, evidence originals by hash, the audit trail and a manifest of SHA-256s into a new ZIP file (docs/full-export.md); recorded in the audit trail')
    .requiredOption('--to <file>', 'the ZIP to write (refused if it exists)')
    .option('--cases <query>', 'only the cases matching this search (words, or a search query such as "q=Kudaev&status=open") and what hangs off them')
    .option('--include-accounts', 'include password hashes and API tokens (to move the instance with everyone\'s sign-in)')
    .exitOverride()
    .action(async (opts: { to: string; cases?: string; includeAccounts?: boolean }) => {
      const ds = await db();
      let caseIds: number[] | null = null;
      if (opts.cases !== undefined) {
        const selected = await exportSelection(ds, opts.cases);
        if ('errors' in selected) fail(`--cases: ${Object.values(selected.errors).join(' ')}`);
        caseIds = (selected as { caseIds: number[] }).caseIds;
      }
      const target = path.resolve(opts.to);
      if (fs.existsSync(target)) fail(`${opts.to} exists already; choose a new file name`);
      const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.part`;
      let stream: fs.WriteStream;
      try {
        stream = fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 });
        await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
      } catch (err) {
        return fail(`cannot write ${opts.to}: ${(err as Error).message}`);
      }
      try {
        const result = await writeFullExport(config().databasePath, storageFor(config().dataDir), stream, { caseIds, includeAccounts: Boolean(opts.includeAccounts) });
        fs.linkSync(temp, target);
        fs.rmSync(temp, { force: true });
        await withTransaction(ds, (em) => recordAudit(em, CLI_ACTOR, { action: 'transfer.export', recordType: 'export', detail: exportAuditDetail(result) }));
        const m = result.manifest;
        out(`Wrote ${opts.to}: ${m.partial ? `a partial export of ${m.selectedCases} selected case${m.selectedCases === 1 ? '' : 's'}` : 'a full export'}${m.includesAccounts ? ' with accounts' : ' without password hashes or API tokens'}, ${result.bytes} bytes, SHA-256 ${result.sha256}.`);
        for (const [kind, n] of Object.entries(m.counts)) if (n > 0) out(`  ${kind}: ${n}`);
        out(`Audit trail up to entry ${m.auditHead?.seq ?? 0}; the export is recorded as entry ${m.auditHead ? m.auditHead.seq + 1 : 1} onwards.`);
      } catch (err) {
        fs.rmSync(temp, { force: true });
        describe(err);
      }
    });

  const importCmd = program.command('import').description('bring records in').exitOverride();
  importCmd
    .command('all')
    .description('restore a full export (casebook export all) into this instance, which must be empty: all or nothing, every SHA-256 checked first; the imported audit trail is kept as a sealed earlier segment the new trail continues from')
    .argument('<file>', 'the ZIP written by casebook export all')
    .exitOverride()
    .action(async (file: string) => {
      if (!fs.existsSync(file)) fail(`cannot read ${file}: no such file`);
      const ds = await db();
      const storage = storageFor(config().dataDir);
      const report = await restoreFullExport(ds, storage, file, CLI_ACTOR).catch(describe);
      const m = report.manifest;
      out(`Restored ${file}: ${m.partial ? `a partial export (${m.selectedCases} selected cases)` : 'a full export'} made ${m.createdAt}${m.includesAccounts ? ', with accounts' : ', without passwords (each account needs a new password)'}; manifest SHA-256 ${report.manifestSha256}.`);
      let mismatched = 0;
      for (const table of TRANSFER_TABLES) {
        const [{ n }] = (await ds.query(`SELECT count(*) AS n FROM "${table.table}"`)) as { n: number }[];
        const expected = m.counts[table.kind] ?? 0;
        const now = table.table === 'audit_entry' ? n - 1 : n;
        if (now !== expected) mismatched++;
        if (expected > 0 || now > 0) out(`  ${table.kind}: ${now}${now === expected ? '' : ` (manifest: ${expected})`}`);
      }
      const originals = await verifyOriginals(ds, storage);
      out(`Evidence: ${report.originals} original${report.originals === 1 ? '' : 's'} restored, ${originals.checked} re-hashed, ${originals.problems.length === 0 ? 'every SHA-256 matches' : `${originals.problems.length} do not match`}.`);
      const chain = await verifyAudit(ds);
      out(
        report.sealedHead
          ? `Audit trail: entries 1–${report.sealedHead.seq} imported as a sealed earlier segment (head ${report.sealedHead.hash}, ${report.checkpoints} checkpoint${report.checkpoints === 1 ? '' : 's'} signed there, each verified); this instance's trail continues at entry ${report.sealedHead.seq + 1}, which records the restore. ${chain.problem ? `DOES NOT VERIFY at entry ${chain.problem.seq}: ${chain.problem.problem}` : `${chain.count} entries verify.`}`
          : `Audit trail: the export held none; this instance's trail starts with the restore. ${chain.problem ? 'DOES NOT VERIFY' : `${chain.count} entries verify.`}`,
      );
      if (mismatched || originals.problems.length || chain.problem) fail('the restored instance does not verify; see above');
    });
}
