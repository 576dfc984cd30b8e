import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { t } from '../i18n/i18n';
import { formatBytes } from '../evidence/evidence-upload';
import { viewHelpers } from '../views/helpers';
import { verbatimKeys } from '../people/redaction';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import type { Vocabulary } from '../vocab/vocab-term.entity';
import { IMPORT_FIELDS, IMPORT_KINDS, ImportKind } from './import-fields';
import type { ImportJobState } from './import-jobs';
import { percentOf } from './import-jobs';
import type { MappingForm, PreviewQuery } from './imports.schema';
import type { BatchSummary, BatchView, ImportMappingInput, PreviewRow } from './import.service';
import type { CandidateLabels } from './import-pages.service';

/** Rows per preview page: enough to scan, few enough for a phone. */
export const PREVIEW_PER_PAGE = 25;

const ACTIONS = ['create', 'update', 'unchanged', 'skip', 'error'] as const;
type Action = (typeof ACTIONS)[number];

const kindOptions = () => IMPORT_KINDS.map((code) => ({ code, label: t(`imports.kinds.${code}`) }));
const fieldLabel = (kind: ImportKind, code: string) => t(`imports.fields.${kind}.${code}`);
const fieldsOf = (kind: ImportKind | null) => (kind ? IMPORT_FIELDS[kind] : []);

/** Where a record of a kind is shown; events live in their case. */
function recordHref(kind: string, id: number | null | undefined): string | null {
  if (!id) return null;
  switch (kind) {
    case 'cases':
    case 'case':
      return `/cases/${id}`;
    case 'people':
    case 'person':
      return `/people/${id}`;
    case 'institutions':
    case 'institution':
      return `/institutions/${id}`;
    case 'sources':
    case 'source':
      return `/sources/${id}`;
    default:
      return null;
  }
}

function countList(counts: Partial<Record<Action, number>> | undefined) {
  return ACTIONS.map((action) => ({ action, count: counts?.[action] ?? 0 }));
}

/** The next step of a batch, for the list's action link. */
function nextAction(b: { id: number; status: string }, running: boolean): { action: string; actionHref: string } {
  if (running) return { action: 'progress', actionHref: `/imports/${b.id}/progress` };
  switch (b.status) {
    case 'checked':
    case 'has-problems':
      return { action: 'preview', actionHref: `/imports/${b.id}/preview` };
    case 'committed':
    case 'undone':
      return { action: 'summary', actionHref: `/imports/${b.id}` };
    default:
      return { action: 'map', actionHref: `/imports/${b.id}` };
  }
}

export function presentBatchList(batches: BatchSummary[], user: CurrentUser, jobOf: (id: number) => ImportJobState | null) {
  return batches
    .filter((b) => b.status !== 'discarded')
    .map((b) => {
      const job = jobOf(b.id);
      const running = job?.state === 'running';
      const counts = countList(b.counts).filter((c) => c.count > 0);
      return {
        id: b.id,
        href: `/imports/${b.id}`,
        fileName: b.fileName,
        when: viewHelpers.dateTime(b.createdAt),
        status: b.status,
        owner: user.role === 'admin' && b.userId !== user.id ? (b.userName ?? null) : null,
        running,
        percent: job ? percentOf(job) : 0,
        countsText: counts.length ? counts.map((c) => t(`imports.counts.${c.action}`, { count: c.count })).map((s, i) => `${counts[i].count} ${s}`).join(', ') : '—',
        ...nextAction(b, running),
      };
    });
}

/** What the mapping page knows besides the batch: a few values per column, values the check found unknown. */
export interface MappingExtras {
  samples: Record<string, string[][]>;
  unknownValues: { sheet: string; column: number; value: string; suggestions: string[] }[];
}

export async function presentMapping(ds: DataSource, batch: BatchView, mappings: { id: number; name: string }[], extras: MappingExtras) {
  const sheets = batch.sheets.map((sheet, index) => {
    const mapped = batch.mapping.sheets.find((s) => s.name === sheet.name);
    const kind = (mapped ? mapped.kind : sheet.guessedKind) ?? null;
    const fields = fieldsOf(kind);
    const chosen = new Set((mapped?.columns ?? []).filter(Boolean));
    return {
      index,
      name: sheet.name,
      kind: kind ?? '',
      kindOptions: kindOptions(),
      fieldOptions: kind ? fields.map((f) => ({ code: f.code, label: fieldLabel(kind, f.code), required: Boolean(f.required) })) : [],
      missingRequired: kind ? fields.filter((f) => f.required && !chosen.has(f.code)).map((f) => fieldLabel(kind, f.code)) : [],
      columns: sheet.header.map((header, ci) => ({
        index: ci,
        header,
        field: mapped?.columns[ci] ?? '',
                guessed: false,
        samples: (extras.samples[sheet.name] ?? []).map((cells) => cells[ci] ?? '').filter((v) => v !== '').slice(0, 3),
      })),
    };
  });

  // Values of term columns: the ones mapped already, and the ones the check found unknown.
  const columnIndex = (sheet: string, column: number | string) => (typeof column === 'number' ? column : (batch.sheets.find((s) => s.name === sheet)?.header.indexOf(column) ?? -1));
  const known = batch.mapping.values.map((v) => ({ sheet: v.sheet, column: columnIndex(v.sheet, v.column), value: v.value, term: v.term, suggestions: [] as string[] }));
  const pending = [...known, ...extras.unknownValues.filter((u) => !known.some((v) => v.sheet === u.sheet && v.column === u.column && v.value === u.value)).map((u) => ({ ...u, term: '' }))];
  const labeler = await vocabLabeler(ds);
  const optionsCache = new Map<string, { code: string; label: string }[]>();
  const values = [];
  for (const [index, v] of pending.entries()) {
    const sheet = batch.mapping.sheets.find((s) => s.name === v.sheet);
    const kind = sheet?.kind ?? null;
    const fieldCode = sheet?.columns[v.column] ?? null;
    const field = kind && fieldCode ? IMPORT_FIELDS[kind].find((f) => f.code === fieldCode) : undefined;
    const vocabulary = field?.vocabulary as Vocabulary | undefined;
    if (!vocabulary || !kind || !fieldCode) continue;
    let options = optionsCache.get(vocabulary);
    if (!options) optionsCache.set(vocabulary, (options = (await vocabOptions(ds, vocabulary)).map((o) => ({ code: o.code, label: o.label }))));
    values.push({
      index,
      sheet: v.sheet,
      column: v.column,
      columnLabel: `${batch.sheets.find((s) => s.name === v.sheet)?.header[v.column] ?? ''} → ${fieldLabel(kind, fieldCode)}`,
      value: v.value,
      term: v.term,
      suggestions: v.suggestions.map((code) => ({ code, label: labeler(vocabulary, code) })),
      options,
    });
  }

  return {
    batch: {
      id: batch.id,
      fileName: batch.fileName,
      status: batch.status,
      format: batch.format,
      size: formatBytes(batch.bytes),
      sha256: batch.sha256,
      checked: batch.status === 'checked' || batch.status === 'has-problems',
    },
    sheets,
    values,
    // What reading the file changed or found (encoding converted, formulas kept as text, an Uwazi export split by template).
    notices: (batch.notices as { code: string; sheet?: string; line?: number; column?: string; count?: number }[]).map((n) => ({ code: n.code, params: { sheet: n.sheet ?? '', line: n.line ?? '', column: n.column ?? '', ...(n.count !== undefined ? { count: n.count } : {}) } })),
    mappings: mappings.map((m) => ({ id: m.id, name: m.name })),
  };
}

/** The mapping form as the service takes it: columns by index, unmapped columns null. */
export function mappingInputOf(batch: BatchView, form: MappingForm): ImportMappingInput {
  return {
    sheets: batch.sheets.map((sheet, index) => {
      const sent = form.sheets[index];
      const previous = batch.mapping.sheets.find((s) => s.name === sheet.name);
      const kind = sent && sent.name === sheet.name ? sent.kind || null : (previous?.kind ?? null);
      const kindChanged = kind !== (previous?.kind ?? sheet.guessedKind ?? null);
      const allowed = new Set(fieldsOf(kind).map((f) => f.code));
      const columns = sheet.header.map((_h, ci) => {
        // A new kind has other fields: the columns start again from the service's guesses.
        if (kindChanged) return null;
        const code = sent && sent.name === sheet.name ? sent.columns[ci] : previous?.columns[ci];
        return code && allowed.has(code) ? code : null;
      });
      return { name: sheet.name, kind, columns };
    }),
    values: form.values.filter((v) => v.term).map((v) => ({ sheet: v.sheet, column: Number(v.column), value: v.value, term: v.term })),
  };
}

export async function presentPreview(ds: DataSource, batch: BatchView, result: { rows: PreviewRow[]; total: number; counts: Partial<Record<Action, number>> }, query: PreviewQuery, names: CandidateLabels) {
  const labeler = await vocabLabeler(ds);
  const sheetByName = new Map(batch.sheets.map((s) => [s.name, s]));
  const mappingByName = new Map(batch.mapping.sheets.map((s) => [s.name, s]));
  const baseQuery = new URLSearchParams({ ...(query.only === 'problems' ? { only: 'problems' } : {}), ...(query.sheet ? { sheet: query.sheet } : {}) });
  const back = `/imports/${batch.id}/preview?${new URLSearchParams({ ...Object.fromEntries(baseQuery), page: String(query.page) })}`;

  const rows = result.rows.map((row) => {
    const sheet = sheetByName.get(row.sheet);
    const mapped = mappingByName.get(row.sheet);
    const kind = (row.kind ?? mapped?.kind ?? null) as ImportKind | null;
    const problemsOf = (code: string) => row.problems.filter((p) => p.field === code);
    const cells = (mapped?.columns ?? [])
      .map((code, index) => ({ code, index }))
      .filter((c): c is { code: string; index: number } => Boolean(c.code))
      .map(({ code, index }) => {
        const header = sheet?.header[index] ?? '';
        const field = kind ? IMPORT_FIELDS[kind].find((f) => f.code === code) : undefined;
        // A value the check refused is not among the row's values; its problem carries the cell's text.
        const refused = problemsOf(code).map((p) => p.params?.value).find((v): v is string => typeof v === 'string');
        const recorded = row.values?.[code];
        const raw = row.fixes[String(index)] ?? row.fixes[header] ?? (recorded === undefined || recorded === null ? (refused ?? '') : rawOf(recorded));
        return {
          index,
          column: String(index),
          header,
          label: kind ? fieldLabel(kind, code) : code,
          value: displayValue(row.values?.[code], raw, field?.vocabulary as Vocabulary | undefined, labeler),
          raw,
          fixable: true,
          problems: problemsOf(code).map((p) => presentProblem(p, field?.vocabulary as Vocabulary | undefined, labeler, names)),
        };
      });
    const cellFields = new Set((mapped?.columns ?? []).filter(Boolean));
    return {
      sheet: row.sheet,
      line: row.line,
      anchor: `row-${row.sheet.replace(/[^\p{L}\p{N}_-]/gu, '-')}-${row.line}`,
      kind,
      action: row.action,
      recordHref: kind && row.action !== 'create' ? recordHref(kind, row.recordId) : null,
      cells,
      rowProblems: row.problems.filter((p) => !cellFields.has(p.field)).map((p) => presentProblem(p, undefined, labeler, names)),
    };
  });

  const counts = countList(result.counts);
  const unresolved = result.counts.error ?? 0;
  return {
    batch: { id: batch.id, fileName: batch.fileName, status: batch.status },
    counts,
    toWrite: (result.counts.create ?? 0) + (result.counts.update ?? 0),
    unresolved,
    canConfirm: batch.status === 'checked' && unresolved === 0,
    only: query.only,
    rows,
    total: result.total,
    page: query.page,
    pages: Math.max(1, Math.ceil(result.total / PREVIEW_PER_PAGE)),
    baseQuery: baseQuery.toString(),
    back,
  };
}

/** A value as the row will record it, back as the text of a cell for the fix field. */
function rawOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(rawOf).join('|');
  if (typeof value === 'object') {
    // A reference to a row of the file shows that row's external id (an existing record's id is no cell text).
    const d = value as { text?: unknown; value?: unknown; label?: unknown; name?: unknown; row?: unknown };
    return String(d.text ?? d.value ?? d.label ?? d.name ?? d.row ?? '');
  }
  return String(value);
}

type Labeler = Awaited<ReturnType<typeof vocabLabeler>>;

function displayValue(value: unknown, raw: string, vocabulary: Vocabulary | undefined, labeler: Labeler): string {
  if (value === undefined || value === null) return raw;
  if (vocabulary && typeof value === 'string') return labeler(vocabulary, value);
  if (vocabulary && Array.isArray(value)) return value.map((v) => labeler(vocabulary, String(v))).join(', ');
  // References (to rows or records) are shown as the file gave them.
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object') ? raw : value.map(String).join(', ');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'object') return rawOf(value) || raw;
  return String(value);
}

function presentProblem(p: PreviewRow['problems'][number], vocabulary: Vocabulary | undefined, labeler: Labeler, names: CandidateLabels) {
  const params = p.params ?? {};
  const suggestions = Array.isArray(params.suggestions) ? params.suggestions.map(String) : [];
  const candidates = Array.isArray(params.candidates) ? params.candidates : [];
  const value = typeof params.value === 'string' ? params.value : '';
  const matchKind = p.code === 'ambiguous-institution' ? 'institution' : 'person';
  const message =
    p.code === 'unknown-term' && suggestions.length && vocabulary
      ? t('imports.problems.unknown-term-suggest', { ...params, suggestions: suggestions.map((s) => labeler(vocabulary, s)).join(', ') })
      : t(`imports.problems.${p.code}`, { ...params, suggestions: suggestions.join(', ') });
  return {
    code: p.code,
    message,
    suggestions: vocabulary ? suggestions.map((code) => ({ code, label: labeler(vocabulary, code) })) : [],
    matchKind,
    value,
    // Named as the viewer may see them; a candidate gone since the check is no longer offered.
    candidates: p.code.startsWith('ambiguous-')
      ? candidates
          .map(Number)
          .filter((id) => names[matchKind].has(id))
          // A name the viewer may read is shown whole, even where it shares words with a protected person's (people/redaction.ts).
          .map((id) => verbatimKeys({ id, label: names[matchKind].get(id)!.label, href: recordHref(matchKind, id) }, ['label']))
      : [],
  };
}

export function presentDone(batch: BatchView, created: { id: number; label: string }[] = []) {
  return {
    batch: { id: batch.id, fileName: batch.fileName, status: batch.status, sha256: batch.sha256, when: viewHelpers.dateTime(batch.committedAt ?? batch.createdAt) },
    counts: countList(batch.counts).filter((c) => c.count > 0 || c.action === 'create'),
    createdCases: created.slice(0, 50).map((r) => ({ href: `/cases/${r.id}`, label: r.label })),
    moreCases: Math.max(0, created.length - 50),
  };
}

export function presentProgress(batch: BatchView, job: ImportJobState) {
  return {
    batch: { id: batch.id, fileName: batch.fileName },
    job,
    percent: job.state === 'finished' ? 100 : percentOf(job),
  };
}

export function presentEditedSince(list: { kind: string; id: number; label: string }[]) {
  return list.map((r) => ({ kind: r.kind, label: r.label, href: recordHref(r.kind, r.id) }));
}
