import { DERIVED_TABLES, MANIFEST_FILE, NOT_EXPORTED, NOT_EXPORTED_SECRET, TRANSFER_SCHEMA_VERSION, TRANSFER_TABLES, baseType, isNullable } from './transfer-schema';

/**
 * docs/full-export.md, written from the schema module (`npm run docs:transfer`); a test fails
 * when the file in the repository differs, so the documentation cannot drift from the code.
 */
export function fullExportDoc(): string {
  const out: string[] = [];
  out.push(
    '# Full export: the ZIP layout',
    '',
    '<!-- Generated from src/transfer/transfer-schema.ts by `npm run docs:transfer`; do not edit by hand. -->',
    '',
    '`casebook export all --to FILE [--cases QUERY] [--include-accounts]`, or **Administration › Full export**',
    '(`/admin/export`, administrators only), writes one ZIP. `casebook import all FILE` restores it into an',
    'empty instance. Both read the one schema module `src/transfer/transfer-schema.ts`; this page is generated from it.',
    '',
    `Schema version: **${TRANSFER_SCHEMA_VERSION}**.`,
    '',
    '## Layout',
    '',
    '| Member | Holds |',
    '|---|---|',
    ...TRANSFER_TABLES.map((t) => `| \`${t.file}\` | ${t.about} |`),
    '| `evidence/<sha256>` | The bytes of one evidence original, exactly as received; its name is its SHA-256. Its metadata is in `records/stored-objects.jsonl` and `records/evidence-files.jsonl`, its custody in `audit/entries.jsonl` (entries with `record_type` = `evidence_item`). |',
    '| `derived/<ab>/<cd>/<sha256>-preview.<ext>`, `…-thumb.<ext>` | Previews and thumbnails (re-encoded, without metadata), named as `evidence_file.preview_path` / `thumbnail_path`. |',
    `| \`${MANIFEST_FILE}\` | The manifest (below), written last. |`,
    '',
    'Every JSON Lines member holds one row per line: a JSON object with exactly the columns listed below, values as',
    'the database stores them: booleans as `0`/`1`, date-times as text (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), partial dates in',
    'their three columns (`*_precision`, `*_start`, `*_end`). Rows are in the order they were written (rowid).',
    '',
    '## Manifest',
    '',
    '| Field | Meaning |',
    '|---|---|',
    '| `format` | `casebook-full-export` |',
    '| `schemaVersion` | The version of this layout; a restore refuses another. |',
    '| `createdAt` | When the export was made (ISO-8601). |',
    '| `partial` | `true` when only cases matching a search were exported, with what hangs off them (people and institutions they involve, institutions\' parents, sources cited, evidence). |',
    '| `selectedCases` | For a partial export, how many cases were selected; else `null`. |',
    `| \`includesAccounts\` | Whether password hashes and API tokens are included. Without them \`users.password_hash\` is \`${NOT_EXPORTED_SECRET}\` (no password verifies: each account needs a new one) and \`records/api-tokens.jsonl\` is empty. |`,
    '| `auditHead` | `{ seq, hash }` of the newest audit entry exported: the head of the sealed segment on the restored instance. |',
    '| `counts` | Rows per kind (the names below), plus `evidence-originals` and `derived-files`. |',
    '| `members` | Every other member in ZIP order: `{ name, sha256, bytes }`. A restore checks each before writing anything. |',
    '',
    '## The audit trail after a restore',
    '',
    'The imported entries keep their sequence numbers and hashes, and the imported checkpoints their signatures (by the',
    'key of the instance that made them). The restore appends one entry, `transfer.restore`, chained from the imported',
    'head; its detail names that head (`sealedHeadSeq`, `sealedHeadHash`), the fingerprints of the keys that signed the',
    'imported checkpoints (`sealedKeys`) and the manifest\'s SHA-256. `casebook audit verify` recomputes the whole chain',
    'from entry 1, checks the imported checkpoints against the keys they carry (only at or before the sealed head, and',
    'only for the keys the restore recorded) and every later checkpoint against this instance\'s key.',
    '',
    '## Members and their columns',
    '',
  );
  for (const t of TRANSFER_TABLES) {
    out.push(`### \`${t.file}\` — ${t.kind} (table \`${t.table}\`)`, '', t.about, '');
    if (t.accountsOnly) out.push('Only in an export that includes accounts.', '');
    out.push('| Column | Type | Null |', '|---|---|---|');
    for (const [name, spec] of Object.entries(t.columns)) {
      const secret = t.secret?.includes(name) ? ` (\`${NOT_EXPORTED_SECRET}\` without accounts)` : '';
      out.push(`| \`${name}\` | ${baseType(spec)}${secret} | ${isNullable(spec) ? 'yes' : 'no'} |`);
    }
    out.push('');
  }
  out.push('## Not exported', '', '| Table | Why |', '|---|---|', ...Object.entries(NOT_EXPORTED).map(([k, v]) => `| \`${k}\` | ${v} |`), '');
  out.push('Derived tables (rebuilt from the records on the new instance): ' + DERIVED_TABLES.map((d) => `\`${d}\``).join(', ') + '.', '');
  return out.join('\n');
}
