import { transliterate } from '../people/transliterate';
import { parsePartialDate } from '../db/partial-date';
import { Rng } from './rng';
import { DemoWriter } from './demo-writer';
import { FEMALE_NAMES, MALE_NAMES, PROFILES_WEIGHTED, SURNAMES } from './demo-words';

export interface DemoPerson {
  id: number;
  /** As English-language reports write the name: "Rasul Kudayev". */
  latin: string;
  gender: 'male' | 'female';
  protectedIdentity: boolean;
}

const feminine = (surname: string) => (/(ов|ев|ёв|ин|ын)$/.test(surname) ? surname + 'а' : surname);
const patronymic = (father: string, gender: 'male' | 'female') => {
  const stem = father.replace(/[йь]$/, '');
  const soft = /[йь]$/.test(father) || /[аеёиоуыэюя]$/.test(father);
  const base = soft ? stem.replace(/[аеёиоуыэюя]$/, '') : father;
  return base + (gender === 'male' ? (soft ? 'евич' : 'ович') : soft ? 'евна' : 'овна');
};

/** Another romanisation, the way passports and the foreign press spell names: Kudayev -> Kudaev, Khasan -> Hasan. */
function variantSpelling(latin: string, rng: Rng): string {
  const rules: [RegExp, string][] = [
    [/aye/g, 'ae'], [/iye/g, 'ie'], [/oye/g, 'oe'], [/Kh/g, 'H'], [/kh/g, 'h'], [/yev\b/g, 'yeff'], [/ev\b/g, 'eff'], [/ov\b/g, 'off'],
    [/Yu/g, 'Iu'], [/ya/g, 'ia'], [/iy\b/g, 'i'], [/Zh/g, 'J'], [/y\b/g, 'i'],
  ];
  let out = latin;
  for (const [re, to] of rng.some(rules, 3)) out = out.replace(re, to);
  return out;
}

export interface PersonOptions {
  gender?: 'male' | 'female';
  region: string | null;
  protectedIdentity?: boolean;
  notes?: string | null;
  profiles?: boolean;
  birthYear?: number;
}

export function createPerson(w: DemoWriter, rng: Rng, o: PersonOptions): DemoPerson {
  const gender = o.gender ?? (rng.chance(0.85) ? 'male' : 'female');
  const surnameM = rng.pick(SURNAMES);
  const surname = gender === 'female' ? feminine(surnameM) : surnameM;
  const first = gender === 'female' ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  const middle = rng.chance(0.6) ? patronymic(rng.pick(MALE_NAMES), gender) : null;
  const primary = [surname, first, middle].filter(Boolean).join(' ');
  const latin = transliterate(`${first} ${surname}`);
  const birth = o.birthYear && rng.chance(0.6) ? (parsePartialDate({ precision: 'year', value: String(o.birthYear) }) as { ok: true; date: { precision: 'year'; start: string; end: string } }).date : null;
  const id = w.insert('person', {
    primary_name: primary,
    gender,
    region: o.region,
    notes: o.notes ?? null,
    protected_identity: o.protectedIdentity ? 1 : 0,
    ...DemoWriter.date('birth', birth),
  });
  w.personName(id, primary, 'primary', 'cyrillic', 'ru');
  w.personName(id, latin, 'transliteration', 'latin', 'en');
  const variant = variantSpelling(latin, rng);
  if (variant !== latin && rng.chance(0.5)) w.personName(id, variant, 'spelling', 'latin', null);
  if (o.profiles && rng.chance(0.7)) {
    for (const code of new Set([rng.weighted(PROFILES_WEIGHTED), ...(rng.chance(0.2) ? [rng.weighted(PROFILES_WEIGHTED)] : [])])) {
      w.insert('person_profile', { person_id: id, code });
    }
  }
  return { id, latin, gender, protectedIdentity: Boolean(o.protectedIdentity) };
}
