import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { setLogLevel } from '../logger';
import { CLI_ACTOR, verifyAudit } from '../audit/audit.service';
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
  let dataDir = '';
  const db = async () => {
    if (!ds) {
      const config = loadConfig(io.env);
      dataDir = config.dataDir;
      ds = await openDatabase({ databasePath: config.databasePath });
    }
    return ds;
  };
  const out = (line: string) => io.stdout.write(line + '\n');
  const program = buildProgram(db, out, io, () => dataDir);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    const message =
      err instanceof ConfigError || err instanceof CliFailure
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

function buildProgram(db: () => Promise<DataSource>, out: (line: string) => void, io: CliIo, dataDir: () => string): Command {
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
    .description('recompute the hash chain; exit 1 and name the first broken entry if it was tampered with')
    .exitOverride()
    .action(async () => {
      const result = await verifyAudit(await db());
      if (result.problem) throw new CliFailure(`audit trail is broken at entry ${result.problem.seq}: ${result.problem.problem}`);
      out(`Audit trail intact: ${result.count} entries verified. Head hash ${result.headHash}`);
    });

  const evidence = program.command('evidence').description('evidence files').exitOverride();
  evidence
    .command('verify')
    .description('re-hash every stored original against the SHA-256 recorded when it was received; report mismatched and missing files (raising an alert on the admin page) and exit 1 if any')
    .exitOverride()
    .action(async () => {
      const ds = await db();
      const result = await verifyOriginals(ds, storageFor(dataDir()));
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
  return program;
}

function parseEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new CliFailure(`"${raw}" is not an e-mail address`);
  return parsed.data;
}
