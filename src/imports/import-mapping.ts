import { DataSource, EntityManager } from 'typeorm';
import { IMPORT_FIELDS, IMPORT_KINDS, ImportKind } from './import-fields';
import { casebookColumns, casebookExportOf } from './import-casebook';
import { matchKey } from '../people/transliterate';
import { vocabOptions } from '../vocab/vocab.service';
import type { Vocabulary } from '../vocab/vocab-term.entity';
import { hasKey, LANGUAGES, translator } from '../i18n/i18n';

/** A header or a value as typed, for comparing: lower case, single spaces, no surrounding punctuation. */
export const normalHeader = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s_]+/g, ' ').replace(/^[\s*:.#-]+|[\s*:.-]+$/g, '');

const KIND_NAMES: Record<ImportKind, string[]> = {
  cases: ['cases', 'case', 'дела', 'дело'],
  // Victims and detainees: the names Uwazi collections give their person templates.
  people: ['people', 'persons', 'person', 'люди', 'лица', 'персоны', 'человек', 'victim', 'victims', 'detainee', 'detainees', 'жертва', 'жертвы', 'пострадавший', 'пострадавшие', 'задержанный', 'задержанные'],
  institutions: ['institutions', 'institution', 'organisation', 'organisations', 'organization', 'organizations', 'учреждения', 'учреждение', 'организации', 'органы'],
  events: ['events', 'event', 'timeline', 'события', 'событие', 'хронология'],
  allegations: ['allegations', 'allegation', 'acts', 'torture', 'заявления о пытках', 'пытки', 'эпизоды', 'эпизоды пыток'],
  complaints: ['complaints', 'complaint', 'жалобы', 'жалоба', 'заявления', 'обращения'],
  complaint_responses: ['complaint responses', 'responses', 'answers', 'ответы на жалобы', 'ответы', 'ответ'],
  investigations: ['investigations', 'investigation', 'checks', 'проверки', 'расследования', 'проверка'],
  investigation_decisions: ['investigation decisions', 'decisions', 'решения', 'решения по проверкам', 'постановления'],
  proceedings: ['proceedings', 'proceeding', 'trials', 'court cases', 'суды', 'процессы', 'судебные процессы'],
  proceeding_stages: ['proceeding stages', 'stages', 'hearings', 'стадии', 'стадии процесса', 'заседания'],
  statements: ['statements', 'statement', 'confessions', 'показания', 'признания'],
  sources: ['sources', 'source', 'источники', 'источник'],
};

const readable = new Map<ImportKind, Map<string, Set<string>>>();
/**
 * The headers an export writes for people ("Case code", "Код дела"), in every language, as
 * aliases of the fields whose code or aliases are that export column's code: a spreadsheet
 * exported for people reads back as one exported for programs.
 */
export function readableHeaderAliases(kind: ImportKind): Map<string, Set<string>> {
  let found = readable.get(kind);
  if (found) return found;
  found = new Map();
  for (const f of IMPORT_FIELDS[kind]) {
    const names = new Set<string>();
    for (const code of [f.code, ...f.aliases]) {
      if (!/^[A-Za-z]+$/.test(code) || !hasKey(`columns.${code}`, 'en')) continue;
      for (const lang of LANGUAGES) names.add(normalHeader(String(translator(lang)(`columns.${code}`))));
    }
    found.set(f.code, names);
  }
  readable.set(kind, found);
  return found;
}

/** Per column, the field of `kind` its header names (each field once, the first column wins). */
export function guessColumns(kind: ImportKind, header: string[]): (string | null)[] {
  const ours = casebookColumns(kind, header);
  if (ours) return ours;
  const taken = new Set<string>();
  const readableNames = readableHeaderAliases(kind);
  return header.map((h) => {
    // Uwazi marks a translated column with its language ("Title__ru").
    const name = normalHeader(h.replace(/__[a-z]{2,3}$/i, ''));
    const named = (f: { code: string; aliases: string[] }) => f.aliases.includes(name) || normalHeader(f.code) === name;
    // Aliases written for imports first, then the export's headers for people.
    const field = IMPORT_FIELDS[kind].find((f) => !taken.has(f.code) && named(f)) ?? IMPORT_FIELDS[kind].find((f) => !taken.has(f.code) && readableNames.get(f.code)?.has(name));
    if (!field) return null;
    taken.add(field.code);
    return field.code;
  });
}

/** The kind a sheet holds: by its name first, else the kind whose fields its headers name most (required ones count double). */
export function guessKind(sheetName: string, header: string[]): ImportKind | null {
  const ours = casebookExportOf(header);
  if (ours) return ours.kind;
  const name = normalHeader(sheetName.replace(/\.[a-z0-9]{1,4}$/i, ''));
  // The whole name first: "complaint responses" is not the complaints sheet.
  const byName = IMPORT_KINDS.find((k) => KIND_NAMES[k].includes(name)) ?? IMPORT_KINDS.find((k) => KIND_NAMES[k].some((n) => name.split(/[\s,;-]+/).includes(n)));
  if (byName) return byName;
  let best: ImportKind | null = null;
  let bestScore = 0;
  for (const kind of IMPORT_KINDS) {
    const columns = guessColumns(kind, header);
    const score = columns.reduce((sum, code) => {
      if (!code) return sum;
      const field = IMPORT_FIELDS[kind].find((f) => f.code === code)!;
      return sum + (field.required ? 2 : 1) + (field.type === 'case-ref' ? 1 : 0);
    }, 0);
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

interface TermEntry {
  code: string;
  retired: boolean;
  exact: Set<string>;
  keys: string[];
}

export type TermResolution = { code: string } | { code: null; suggestions: string[] };

/**
 * Terms of the vocabularies, to recognise a cell's value: the code, or a label in either language,
 * as typed (any case); anything else is unknown, with the terms it resembles in any script
 * ("Чечня", "chechnia" → chechnya) as suggestions.
 */
export class TermMatcher {
  private cache = new Map<string, TermEntry[]>();

  constructor(private readonly db: DataSource | EntityManager) {}

  private async entries(vocabulary: string): Promise<TermEntry[]> {
    let list = this.cache.get(vocabulary);
    if (!list) {
      // Retired terms are left out: they may be kept on old records, never newly chosen.
      const terms = await vocabOptions(this.db, vocabulary as Vocabulary, []);
      list = terms.map((term) => {
        const labels = [term.code, term.code.replace(/_/g, ' '), term.labelEn ?? '', term.labelRu ?? ''].filter(Boolean);
        return { code: term.code, retired: term.retired, exact: new Set(labels.map(normalHeader)), keys: [...new Set(labels.map(matchKey).filter(Boolean))] };
      });
      this.cache.set(vocabulary, list);
    }
    return list;
  }

  async resolve(vocabulary: string, raw: string): Promise<TermResolution> {
    const value = normalHeader(raw);
    const list = await this.entries(vocabulary);
    const exact = list.find((e) => !e.retired && e.exact.has(value));
    if (exact) return { code: exact.code };
    const key = matchKey(raw);
    const scored: { code: string; score: number }[] = [];
    for (const e of list) {
      if (e.retired) continue;
      let best = Infinity;
      for (const k of e.keys) {
        best = Math.min(best, distance(key, k));
        // "Chechnya" for "Chechen Republic": a word of the label that starts like the value.
        for (const word of k.split(' ')) if (key.length >= 4 && word.length >= 4 && (word.startsWith(key.slice(0, Math.max(4, key.length - 2))) || key.startsWith(word.slice(0, Math.max(4, word.length - 2))))) best = Math.min(best, 1.5);
      }
      const allowed = Math.max(1, Math.floor(key.length / 4));
      if (best <= allowed) scored.push({ code: e.code, score: best });
    }
    scored.sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
    return { code: null, suggestions: scored.slice(0, 5).map((s) => s.code) };
  }
}

/** Levenshtein distance, in one row of memory. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
