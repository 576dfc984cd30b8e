import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/casebook.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real, built `casebook` command in a child process, as a user would. */
export function runCli(dataDir: string, args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', CASEBOOK_DATA_DIR: dataDir, ...env },
    input: input ?? '',
    encoding: 'utf8',
    timeout: 90_000, // a first run migrates a new database: slow on a loaded machine
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
