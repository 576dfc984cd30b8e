import fs from 'node:fs';
import path from 'node:path';
import { flatten } from '../support/i18n-pages';
import { LANGUAGES } from '../../src/i18n/i18n';

/**
 * Every catalogue has every key of every other, with the plural forms its language needs
 * (Intl.PluralRules: English one/other; Russian one/few/many/other), and no empty message.
 */
const DIR = path.resolve(__dirname, '../../locales');
const catalogues = Object.fromEntries(LANGUAGES.map((lang) => [lang, flatten(JSON.parse(fs.readFileSync(path.join(DIR, `${lang}.json`), 'utf8')))]));
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys without their plural suffix, and the plural categories each has. */
function bases(flat: Record<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of Object.keys(flat)) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    if (!out.has(base)) out.set(base, new Set());
    if (m) out.get(base)!.add(m[1]);
  }
  return out;
}

describe('message catalogues', () => {
  it('have a catalogue file for every language, and only those', () => {
    expect(fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
  });

  it.each(LANGUAGES.flatMap((a) => LANGUAGES.filter((b) => b !== a).map((b) => [a, b])))('every message of %s is in %s', (a, b) => {
    const have = bases(catalogues[b]);
    expect([...bases(catalogues[a]).keys()].filter((k) => !have.has(k))).toEqual([]);
  });

  it.each(LANGUAGES)('%s has every plural form its language needs', (lang) => {
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const wrong: string[] = [];
    for (const [base, forms] of bases(catalogues[lang])) {
      if (forms.size === 0) continue;
      const missing = needed.filter((f) => !forms.has(f));
      if (missing.length) wrong.push(`${base}: ${missing.join(', ')}`);
    }
    // A plural in one language is a plural in all: a message with a count in English has forms in Russian.
    for (const other of LANGUAGES) {
      for (const [base, forms] of bases(catalogues[other])) if (forms.size && bases(catalogues[lang]).get(base)?.size === 0) wrong.push(`${base}: no plural forms`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty message and the same {{placeholders}} as English', (lang) => {
    const wrong: string[] = [];
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort().join(',');
    const en = catalogues.en;
    for (const [key, value] of Object.entries(catalogues[lang])) {
      if (!value.trim()) wrong.push(`${key}: empty`);
      const base = key.replace(PLURAL, '');
      const enValue = en[key] ?? en[`${base}_other`];
      // Russian "one" forms also serve 21, 31 ...: they keep {{count}} like the others.
      if (enValue !== undefined && placeholders(enValue).replace(/(^|,)count(?=,|$)/, '') !== placeholders(value).replace(/(^|,)count(?=,|$)/, '')) wrong.push(`${key}: ${placeholders(value)} vs ${placeholders(enValue)}`);
    }
    expect(wrong).toEqual([]);
  });
});
