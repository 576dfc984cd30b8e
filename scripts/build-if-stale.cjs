#!/usr/bin/env node
'use strict';
/**
 * Compiles Casebook only when its sources changed since the last build (issue 18): `npm start`
 * and `npm run casebook -- …` used to run the whole TypeScript compiler (about 50 s here) on every
 * call. The sources that make dist/ (tsconfig.build.json's src, migrations, scripts, both
 * tsconfigs and the lock file) are hashed by content; the hash of the last good build is kept in
 * dist/.build-stamp. Same hash: nothing to do (about 50 ms). Otherwise tsc runs, and the stamp is
 * written only after it succeeded, so a failed build is tried again next time.
 *
 *   node scripts/build-if-stale.cjs            build if stale, say so on stderr
 *   node scripts/build-if-stale.cjs --quiet    say nothing when nothing is to be done
 *   node scripts/build-if-stale.cjs --force    compile whatever the stamp says (`npm run build`)
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');
const SOURCE_DIRS = ['src', 'migrations', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const COMPILED = /\.(ts|json)$/;

function listFiles(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (entry.isFile() && COMPILED.test(entry.name)) out.push(full);
  }
  return out;
}

/** One hash over every source file's path and bytes, in a fixed order. */
function sourceHash() {
  const files = SOURCE_DIRS.flatMap((d) => listFiles(path.join(root, d), []));
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(root, f))) files.push(path.join(root, f));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function main() {
  const quiet = process.argv.includes('--quiet');
  const force = process.argv.includes('--force');
  const wanted = sourceHash();
  let built = null;
  try {
    built = fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    built = null;
  }
  if (!force && built === wanted && fs.existsSync(path.join(root, 'dist', 'src', 'server.js'))) {
    if (!quiet) process.stderr.write('Casebook is built and up to date.\n');
    return 0;
  }
  const firstTime = !fs.existsSync(path.join(root, 'dist', 'src', 'server.js'));
  if (!force) process.stderr.write(firstTime ? 'Compiling Casebook for the first time (a minute or two)…\n' : 'Sources changed since the last build: compiling Casebook (a minute or two)…\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) {
    process.stderr.write('TypeScript is not installed: run `npm ci` first.\n');
    return 1;
  }
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write('The build failed (see above); nothing was started.\n');
    return run.status || 1;
  }
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, wanted + '\n');
  return 0;
}

process.exitCode = main();
