import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_KINDS } from '../../src/imports/import-fields';
import { auditTypeOf } from '../../src/imports/import-rows';

/**
 * Every audit action code the code base can write, read from its source: the literal codes
 * passed as `action:` or to a file's own `audit(...)` helper, and the codes built by the helpers
 * that take a record type and a verb (`auditRecord`, evidence `custody`, the import's
 * `this.audit`, case member and link changes, merges, import undo). An action built from a
 * template anywhere else is reported in `unknownTemplates`, so a new kind of call site fails the
 * catalogue test until it is taught here.
 */
export function auditActionCodes(srcDir = path.join(__dirname, '../../src')): { codes: Set<string>; unknownTemplates: string[] } {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(srcDir);
  const literals = (s: string) => [...s.matchAll(/(?<!(?:^|[^A-Za-z0-9_.])t\()'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]);
  /** The verbs an argument can be: a literal, or the branches of a ternary. */
  const verbsIn = (s: string) => [...(s.includes('?') ? s.slice(s.indexOf('?')) : s).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
  /** Templates whose codes the rules below enumerate. */
  const KNOWN_TEMPLATES: Record<string, RegExp> = {
    'records/record-audit.ts': /`\$\{recordType\}\.\$\{verb\}`/,
    'imports/import-commit.ts': /`\$\{recordType\}\.\$\{verb\}`/,
    'evidence/evidence.service.ts': /`evidence\.\$\{verb\}`/,
    'cases/case.service.ts': /`case\.\$\{verb\}`/,
    'cases/case-link-history.ts': /`case\.\$\{verb\}`/,
    'merges/merge.service.ts': /`\$\{kind\}\.merge(d_into)?`/,
    'imports/import-undo.ts': /`\$\{auditTypeOf\(kind\)\}\.delete`/,
    // The audit page's filter (a prefix to search for), not an entry written.
    'audit/audit.service.ts': /`\$\{escapeLike\(f\.action\)\}%`/,
  };
  for (const file of files) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    if (!/_ACTION = '|recordAudit\(|\.append\(\{|auditRecord\(|custody\(em|this\.audit\(|audit\(/.test(text)) continue;
    for (const line of text.split('\n')) {
      if (/\baction:|\baudit\(|outcome = |_ACTION = /.test(line) && !/\bcan\(|authorize\(|navItem|href/.test(line)) literals(line).forEach((c) => codes.add(c));
      const template = line.match(/action:\s*(`[^`]*\$\{[^`]*`)/);
      if (template && !(KNOWN_TEMPLATES[rel] && KNOWN_TEMPLATES[rel].test(template[1]))) unknownTemplates.push(`${rel}: ${template[1]}`);
      for (const m of line.matchAll(/auditRecord\(em, actor, '([a-z_]+)', [^,]+, ([^,]+(?:\?[^,:]+:[^,]+)?),/g)) {
        const verbs = verbsIn(m[2]);
        if (verbs.length === 0) {
          if (rel !== 'vocab/vocab-admin.service.ts') unknownTemplates.push(`${rel}: auditRecord verb ${m[2]}`);
        }
        verbs.forEach((v) => codes.add(`${m[1]}.${v}`));
      }
      for (const m of line.matchAll(/this\.audit\('([a-z_]+)', [^,]+, ([^,]+(?:\?[^,:]+:[^,]+)?),/g)) verbsIn(m[2]).forEach((v) => codes.add(`${m[1]}.${v}`));
      for (const m of line.matchAll(/recordMemberChange\(em, actor, \w+, '([a-z_]+)'/g)) codes.add(`case.${m[1]}`);
      for (const m of line.matchAll(/recordLinkChange\(em, actor, '([a-z_]+)'/g)) codes.add(`case.${m[1]}`);
      if (rel === 'vocab/vocab-admin.service.ts') for (const m of line.matchAll(/changeTerm\(.*\}?, ([^,]+)\);/g)) verbsIn(m[1]).forEach((v) => codes.add(`vocab_term.${v}`));
    }
    // Calls written over several lines.
    for (const m of text.matchAll(/custody\(\s*em,\s*actor,\s*[\w.!]+,\s*'([a-z_]+)'/g)) codes.add(`evidence.${m[1]}`);
  }
  for (const kind of ['person', 'institution']) ['merge', 'merged_into'].forEach((v) => codes.add(`${kind}.${v}`));
  for (const kind of IMPORT_KINDS) codes.add(`${auditTypeOf(kind)}.delete`);
  return { codes, unknownTemplates };
}
