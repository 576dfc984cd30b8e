import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { DataSource } from 'typeorm';
import fs from 'node:fs';
import { Config, ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { setLogLevel } from '../logger';
import { CLI_ACTOR, verifyAudit } from '../audit/audit.service';
import { CheckpointProblem, checkCheckpoints, createCheckpoint, currentHeadSeq, isSealed, listCheckpoints, sealedSegments } from '../audit/audit-checkpoint.service';
import { CheckpointData, checkpointLine, parseCheckpointLines } from '../audit/audit-checkpoint';
import { AuditKeyError, openAuditKey, trustedAuditKey } from '../audit/audit-key';
import { ChainProblem } from '../audit/audit-chain';
import { createUserSchema, emailSchema } from '../users/user.schema';
import { createUser, findUserByEmail, listUsers, setUserDisabled } from '../users/user.service';
import { createApiToken, revokeApiToken } from '../tokens/token.service';
import { ROLES } from '../users/user.entity';
import { AppError } from '../http/errors';
import { readPassword } from './password-input';
import { hasDrift, rebuildSearchIndex, searchIndexDrift } from '../search/search-index';
import { rawDb } from '../search/sqlite';
import { DEMO_MAX_CASES, generateDemo } from '../demo/generate';
import { z } from 'zod';
import { verifyOriginals } from '../evidence/evidence-integrity';
import { storageFor } from '../evidence/evidence-storage';
import { registerTransferCommands } from './transfer-commands';
import { registerImportCommands } from './import-commands';
import { registerBackupCommands } from './backup-commands';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** A failure the user can act on: printed as one line, exit 1. */
class CliFailure extends Error {}

/** Runs one `casebook` command; resolves to the exit code (0 ok, 1 failure, 2 wrong usage). */
export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  setLogLevel('error');
  let ds: DataSource | undefined;
  let loaded: Config | undefined;
  const config = () => (loaded ??= loadConfig(io.env));
  const db = async () => (ds ??= await openDatabase({ databasePath: config().databasePath, databaseUrl: config().databaseUrl }));
  const out = (line: string) => io.stdout.write(line + '\n');
  const program = buildProgram(db, out, io, config);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    const message =
      err instanceof ConfigError || err instanceof CliFailure || err instanceof AuditKeyError
        ? err.message
        : err instanceof AppError
          ? [err.message, ...Object.values(err.fieldErrors).filter((m) => m !== err.message)].join(' ')
          : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    io.stderr.write(`casebook: ${message}\n`);
    return 1;
  } finally {
    if (ds?.isInitialized) await ds.destroy();
  }
}

function buildProgram(db: () => Promise<DataSource>, out: (line: string) => void, io: CliIo, config: () => Config): Command {
  const program = new Command('casebook')
    .description('Casebook administration: users, API tokens, the audit trail, evidence files, the search index and demo data.\nUses CASEBOOK_DATA_DIR (default ./data), like the server.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  program.command('help', { hidden: true }).action(() => program.help());

  const user = program.command('user').description('manage accounts').exitOverride();
  user
    .command('add')
    .description('add an account; the password is read from stdin when piped, or asked for twice (hidden) on a terminal')
    .argument('<email>', 'e-mail address used to sign in')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .requiredOption('--name <name>', 'full name shown in the interface')
    .exitOverride()
    .action(async (email: string, opts: { role: string; name: string }) => {
      const password = await readPassword(io.stdin, io.stderr);
      const parsed = createUserSchema.safeParse({ email, name: opts.name, role: opts.role, password });
      if (!parsed.success) throw new CliFailure(parsed.error.issues.map((i) => i.message).join(' '));
      const created = await createUser(await db(), CLI_ACTOR, parsed.data);
      out(`Added ${created.email} (${created.role}), id ${created.id}.`);
    });
  user
    .command('list')
    .description('list accounts')
    .exitOverride()
    .action(async () => {
      const users = await listUsers(await db());
      if (users.length === 0) return out('No users yet. Add the first admin with: casebook user add EMAIL --role admin --name NAME');
      out(['ID', 'EMAIL', 'ROLE', 'STATUS', 'NAME'].join('\t'));
      for (const u of users) out([u.id, u.email, u.role, u.disabled ? 'disabled' : 'active', u.name].join('\t'));
    });
  user
    .command('disable')
    .description('disable an account and end its sessions at once')
    .argument('<email>')
    .exitOverride()
    .action(async (email: string) => {
      const ds = await db();
      const found = await findUserByEmail(ds, parseEmail(email));
      if (!found) throw new CliFailure(`no user with e-mail ${email}`);
      await setUserDisabled(ds, CLI_ACTOR, found.id, true);
      out(`Disabled ${found.email}; their sessions have ended.`);
    });

  const token = program.command('token').description('manage API tokens').exitOverride();
  token
    .command('create')
    .description('create an API token for a user; it is printed once and stored only as a hash')
    .argument('<email>')
    .option('--name <label>', 'what the token is for', 'cli')
    .exitOverride()
    .action(async (email: string, opts: { name: string }) => {
      const ds = await db();
      const found = await findUserByEmail(ds, parseEmail(email));
      if (!found) throw new CliFailure(`no user with e-mail ${email}`);
      const { token: plain, record } = await createApiToken(ds, CLI_ACTOR, found.id, opts.name);
      io.stderr.write(`Token ${record.id} for ${found.email} (“${record.name}”). Store it now: it is not shown again.\n`);
      out(plain);
    });
  token
    .command('revoke')
    .description('revoke an API token by id')
    .argument('<id>')
    .exitOverride()
    .action(async (id: string) => {
      const n = z.coerce.number().int().positive().safeParse(id);
      if (!n.success) throw new CliFailure(`"${id}" is not a token id (a positive whole number)`);
      const record = await revokeApiToken(await db(), CLI_ACTOR, n.data);
      out(`Revoked token ${record.id} (“${record.name}”).`);
    });

  const audit = program.command('audit').description('the audit trail').exitOverride();
  audit
    .command('verify')
    .description('recompute the hash chain and check every stored checkpoint (signature, and the entry it signed); exit 1 naming what is wrong')
    .option('--against <file>', 'also check the trail against checkpoints kept elsewhere: JSON Lines from `casebook audit checkpoint(s)`, or the server\'s log')
    .exitOverride()
    .action(async (opts: { against?: string }) => {
      const ds = await db();
      const keyPath = config().audit.keyPath;
      const chain = await verifyAudit(ds);
      const failures: string[] = chain.problem ? [describeChainProblem(chain.problem)] : [];
      const headSeq = await currentHeadSeq(ds);
      const stored = await listCheckpoints(ds);
      const trusted = trustedAuditKey(keyPath);
      // Checkpoints of a trail imported by `casebook import all` carry the key that signed them.
      const segments = await sealedSegments(ds);
      const sealed = stored.filter((c) => isSealed(c, segments));
      const own = stored.length - sealed.length;
      if (own > 0 && !trusted) {
        failures.push(`${plural(own, 'stored checkpoint')} cannot be checked: there is no audit key at ${keyPath} (nor its .pub); set CASEBOOK_AUDIT_KEY to the key that signed them`);
      }
      for (const p of await checkCheckpoints(ds, trusted ? stored : sealed, trusted?.key ?? 'embedded', headSeq)) failures.push(describeCheckpointProblem(p, 'stored checkpoint', trusted));
      let external: CheckpointData[] = [];
      if (opts.against) {
        const { checkpoints, unreadable } = parseCheckpointLines(readTextFile(opts.against));
        external = checkpoints;
        if (unreadable.length) failures.push(`${opts.against}: line${unreadable.length === 1 ? '' : 's'} ${unreadable.slice(0, 10).join(', ')}${unreadable.length > 10 ? '…' : ''} ${unreadable.length === 1 ? 'is not a checkpoint' : 'are not checkpoints'}`);
        if (checkpoints.length === 0) failures.push(`${opts.against} holds no checkpoints`);
        for (const p of await checkCheckpoints(ds, checkpoints, trusted?.key ?? 'embedded', headSeq)) failures.push(describeCheckpointProblem(p, `checkpoint from ${opts.against}`, trusted));
      }
      if (failures.length) {
        for (const f of failures) io.stderr.write(`casebook: ${f}\n`);
        throw new CliFailure(`audit trail verification failed: ${plural(failures.length, 'problem')}`);
      }
      const newest = stored.at(-1);
      const checked = newest
        ? `${plural(stored.length, 'checkpoint')} verified (newest at entry ${newest.seq}, signed ${newest.at}; key ${newest.keyFingerprint.slice(0, 16)}).`
        : 'No checkpoints yet: sign one with `casebook audit checkpoint`.';
      const segment = segments.length
        ? ` Entries 1–${segments.at(-1)!.headSeq} were imported from an earlier instance (sealed by entry ${segments.at(-1)!.seq}${sealed.length ? `, ${plural(sealed.length, 'checkpoint')} signed there` : ''}).`
        : '';
      const against = opts.against ? ` ${plural(external.length, 'checkpoint')} from ${opts.against} ${external.length === 1 ? 'matches' : 'match'}.` : '';
      out(`Audit trail intact: ${chain.count} entries verified. Head hash ${chain.headHash}. ${checked}${segment}${against}`);
    });
  audit
    .command('checkpoint')
    .description('sign the trail\'s newest entry with the audit key (created on first use) and print the checkpoint as one JSON line, to keep away from this server')
    .exitOverride()
    .action(async () => {
      const opened = openAuditKey(config().audit.keyPath);
      if (opened.created) {
        io.stderr.write(
          `Created the audit signing key at ${opened.path} (mode 0600), public key ${opened.publicKeyPath}, fingerprint ${opened.key.fingerprint}. ` +
            'Keep the key outside the data directory and its backups (CASEBOOK_AUDIT_KEY), and a copy of the public key with your checkpoints.\n',
        );
      }
      if (opened.loosePermissions) io.stderr.write(`Warning: ${opened.path} can be read by others than its owner; chmod 600 it.\n`);
      const outcome = await createCheckpoint(await db(), opened.key);
      if (outcome.kind === 'empty') throw new CliFailure('the audit trail is empty: there is nothing to sign yet');
      if (outcome.kind === 'refused') {
        const why = outcome.chainProblem ? describeChainProblem(outcome.chainProblem) : describeCheckpointProblem(outcome.checkpointProblem!, 'newest stored checkpoint', { key: opened.key, path: opened.path });
        throw new CliFailure(`nothing signed: ${why}; run casebook audit verify`);
      }
      if (outcome.kind === 'unchanged') io.stderr.write(`Entry ${outcome.checkpoint.seq} was already signed at ${outcome.checkpoint.at}; that checkpoint:\n`);
      out(checkpointLine(outcome.checkpoint));
    });
  audit
    .command('checkpoints')
    .description('print every stored checkpoint as JSON Lines, or write them to a new file with --export')
    .option('--export <file>', 'write them to this file (refused if it exists: an older copy is worth keeping)')
    .exitOverride()
    .action(async (opts: { export?: string }) => {
      const lines = (await listCheckpoints(await db())).map(checkpointLine);
      if (!opts.export) return lines.forEach(out);
      try {
        fs.writeFileSync(opts.export, lines.map((l) => l + '\n').join(''), { flag: 'wx' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliFailure(code === 'EEXIST' ? `${opts.export} exists already; choose a new file name (an older copy is worth keeping)` : `cannot write ${opts.export}: ${(err as Error).message}`);
      }
      out(`Wrote ${plural(lines.length, 'checkpoint')} to ${opts.export}.`);
    });

  const evidence = program.command('evidence').description('evidence files').exitOverride();
  evidence
    .command('verify')
    .description('re-hash every stored original against the SHA-256 recorded when it was received; report mismatched and missing files (raising an alert on the admin page) and exit 1 if any')
    .exitOverride()
    .action(async () => {
      const ds = await db();
      const result = await verifyOriginals(ds, storageFor(config().dataDir));
      for (const p of result.problems) {
        const where = p.files.map((f) => `case ${f.caseId} item ${f.itemId} file ${f.fileId} “${f.name}”`).join(', ');
        out(`${p.kind === 'missing' ? 'MISSING ' : 'MISMATCH'} ${p.sha256}${p.actual ? ` (now ${p.actual})` : ''}: ${where}`);
      }
      if (result.problems.length) {
        throw new CliFailure(`${result.problems.length} of ${result.checked} stored original${result.checked === 1 ? '' : 's'} failed verification (${result.problems.filter((p) => p.kind === 'mismatch').length} mismatched, ${result.problems.filter((p) => p.kind === 'missing').length} missing)`);
      }
      out(`Evidence intact: ${result.checked} stored original${result.checked === 1 ? '' : 's'} re-hashed, all match.`);
    });

  const search = program.command('search').description('the full-text search index').exitOverride();
  search
    .command('rebuild')
    .description('rebuild the search index and its triggers from the records (safe at any time; needed after relabelling vocabulary terms)')
    .exitOverride()
    .action(async () => {
      const result = await rebuildSearchIndex(await db());
      out(`Search index rebuilt: ${result.rows} records indexed, ${result.triggers} triggers, in ${(result.ms / 1000).toFixed(1)} s.`);
    });

  search
    .command('check')
    .description('check that the search index holds exactly the rows of the records as they are now, and the protected people\'s cases their links; exit 1 if not (the server checks at start and rebuilds)')
    .exitOverride()
    .action(async () => {
      const ds = await db();
      const drift = searchIndexDrift(rawDb(ds));
      if (hasDrift(drift)) {
        throw new CliFailure(
          `Search index out of step: ${drift.missingRows} records without their current row, ${drift.extraRows} stale rows, ${drift.protectedLinks} protected people's links differing. Run \`casebook search rebuild\`.`,
        );
      }
      out(`Search index in step with the records (checked in ${(drift.ms / 1000).toFixed(1)} s).`);
    });

  const demo = program.command('demo').description('synthetic data for demonstrations and benchmarks').exitOverride();
  demo
    .command('generate')
    .description('add N synthetic cases (Cyrillic and Latin names, institutions with sub-units, events, allegations, statements, complaints with refusals, proceedings), then rebuild the search index; reproducible with --seed on an empty database')
    .requiredOption('--cases <n>', `number of cases to add (1 to ${DEMO_MAX_CASES})`)
    .option('--seed <s>', 'random seed: the same seed gives the same data', '1')
    .option('--append', 'add to a database that already holds cases (demo cases would mix with real ones)')
    .exitOverride()
    .action(async (opts: { cases: string; seed: string; append?: boolean }) => {
      const cases = z.coerce.number().int().min(1).max(DEMO_MAX_CASES).safeParse(opts.cases);
      if (!cases.success) throw new CliFailure(`--cases must be a whole number from 1 to ${DEMO_MAX_CASES}`);
      const seed = z.coerce.number().int().min(0).max(2 ** 32 - 1).safeParse(opts.seed);
      if (!seed.success) throw new CliFailure('--seed must be a whole number from 0 to 4294967295');
      const ds = await db();
      const [{ n }] = (await ds.query('SELECT count(*) AS n FROM case_record')) as { n: number }[];
      if (n > 0 && !opts.append) throw new CliFailure(`this database already holds ${n} cases; demo data belongs in a database of its own (add --append to add it anyway)`);
      const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
      const summary = await generateDemo(ds, { cases: cases.data, seed: seed.data, onProgress: tty ? (done, total) => io.stderr.write(`\r${done}/${total} cases`) : undefined });
      if (tty) io.stderr.write('\n');
      const r = summary.rows;
      out(`Generated ${summary.cases} cases (${r.case_event ?? 0} events, ${r.allegation ?? 0} allegations, ${r.statement ?? 0} statements, ${r.complaint ?? 0} complaints, ${r.evidence_item ?? 0} evidence records, ${r.person ?? 0} people, ${r.institution ?? 0} institutions) in ${(summary.generateMs / 1000).toFixed(1)} s; search index rebuilt in ${(summary.indexMs / 1000).toFixed(1)} s.`);
    });
  registerTransferCommands(program, { db, config, out, fail: (message) => { throw new CliFailure(message); } });
  registerImportCommands(program, db, out, io.stderr);
  registerBackupCommands(program, { db, config, out, note: (line) => io.stderr.write(line + '\n'), fail: (message) => { throw new CliFailure(message); } });
  return program;
}

function parseEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new CliFailure(`"${raw}" is not an e-mail address`);
  return parsed.data;
}

function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeChainProblem(p: ChainProblem): string {
  return `audit trail is broken at entry ${p.seq}: ${p.problem}`;
}

function describeCheckpointProblem(p: CheckpointProblem, what: string, trusted: { key: { fingerprint: string }; path: string } | null): string {
  const which = `${what} at entry ${p.seq} (signed ${p.signedAt})`;
  switch (p.kind) {
    case 'invalid-signature':
      return `${which} has an invalid signature: it was forged or altered`;
    case 'other-key':
      return `${which} was signed by key ${p.keyFingerprint.slice(0, 16)}, not by the audit key ${trusted?.key.fingerprint.slice(0, 16)} at ${trusted?.path}: the key was replaced, or the checkpoint belongs to another installation`;
    case 'beyond-head':
      return `${which} is beyond the trail's newest entry ${p.headSeq}: entries ${(p.headSeq ?? 0) + 1}–${p.seq} at least were deleted`;
    case 'hash-mismatch':
      return !p.actualHash
        ? `${which}: entry ${p.seq} is missing`
        : `${which} does not match: entry ${p.seq} now has hash ${p.actualHash.slice(0, 16)}, signed as ${p.hash.slice(0, 16)}: the trail up to entry ${p.seq} was rewritten`;
  }
}
