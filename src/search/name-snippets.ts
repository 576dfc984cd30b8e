import { latinize, matchKey, matchTokens } from '../people/transliterate';
import { Markers } from './snippets';
import { SearchTerm } from './search-text';
import { tokenize } from './tokens';

/**
 * What a hit shows of its names column. The column holds every spelling as written, then the
 * forms search derives from them — Latin transliterations and match keys ("Кудаев Расул, Rasul
 * Kudayev · kudayev rasul · kudaev rasul") — which exist to be matched, not read. People read the
 * names as written: the derived forms are left out and each written name whose word matched in
 * any spelling is marked (Kudaev marks Кудаев).
 */

/**
 * The names as written, each once, in their order: a form in lower case that is the
 * transliteration or the match key of another form, or of one of `sources` (the record's title:
 * an institution's name is its title, its keys are in the names), is left out; so is a
 * lower-case Latin form sharing another form's match key.
 */
export function writtenNames(names: string | null, sources: (string | null)[] = []): string[] {
  if (!names) return [];
  const forms = [...new Set(names.split(/\s+·\s+|,\s+/).map((f) => f.trim()).filter(Boolean))];
  const derivedFrom = (o: string) => [latinize(o).toLowerCase(), matchKey(o)];
  const derived = new Map<string, Set<string>>();
  for (const o of [...forms, ...sources.filter((x): x is string => Boolean(x))]) for (const d of derivedFrom(o)) derived.set(d, (derived.get(d) ?? new Set()).add(o));
  // (Also a lower-case Latin form sharing another's key: a transliteration made before ё was folded to е in the index.)
  const keyOf = new Map<string, number>();
  for (const o of [...forms, ...sources.filter((x): x is string => Boolean(x))]) keyOf.set(matchKey(o), (keyOf.get(matchKey(o)) ?? 0) + 1);
  const lowerLatin = (f: string) => /^[a-z0-9' -]+$/.test(f);
  return forms.filter((f) => !(f === f.toLowerCase() && ([...(derived.get(f) ?? [])].some((o) => o !== f) || (lowerLatin(f) && (keyOf.get(matchKey(f)) ?? 0) > 1))));
}

/**
 * The written names with their matching words marked (the query's markers, snippets.ts), cut to
 * about `size` words around the first match; '' when no written name matches (the hit then shows
 * no names rather than keys).
 */
export function namesSnippet(names: string | null, terms: SearchTerm[], m: Markers, size: number, sources: (string | null)[] = []): string {
  const text = writtenNames(names, sources).join(', ');
  if (!text) return '';
  const forms = new Set(terms.flatMap((t) => t.forms.flatMap((f) => tokenize(f).map((k) => k.folded))));
  // A word's key may be left out of the term when it is spelled like the word (search-text.ts): derived again here.
  const keys = new Set(terms.flatMap((t) => [...t.keyTokens, ...t.forms.flatMap((f) => matchTokens(f))]));
  const tokens = tokenize(text);
  const hit = tokens.map((tok) => forms.has(tok.folded) || matchTokens(text.slice(tok.start, tok.end)).some((k) => keys.has(k)));
  const first = hit.indexOf(true);
  if (first === -1) return '';
  const from = tokens.length > size ? Math.max(0, Math.min(first - Math.floor(size / 3), tokens.length - size)) : 0;
  const to = Math.min(tokens.length, from + size) - 1;
  let out = from > 0 ? '…' : text.slice(0, tokens[0].start);
  let at = tokens[from].start;
  for (let i = from; i <= to; i++) {
    if (!hit[i]) continue;
    let j = i;
    // Words of one name are marked together; two names are marked apart ("[Kudaev], [Кудаев]").
    while (j + 1 <= to && hit[j + 1] && /^\s+$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) j++;
    out += text.slice(at, tokens[i].start) + m.open + text.slice(tokens[i].start, tokens[j].end) + m.close;
    at = tokens[j].end;
    i = j;
  }
  out += text.slice(at, tokens[to].end);
  return out + (to < tokens.length - 1 ? '…' : text.slice(tokens[to].end));
}
