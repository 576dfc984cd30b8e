import { matchKey, matchTokens } from '../../src/people/transliterate';
import { NAME_SPELLINGS } from '../support/name-spellings';

describe('the spelling table: every romanisation of a surname shares its match key', () => {
  it('holds at least 60 real spellings', () => {
    expect(NAME_SPELLINGS.flat().length).toBeGreaterThanOrEqual(60);
  });

  it.each(NAME_SPELLINGS.map((g) => [g[0], g]))('%s', (_cyrillic, spellings) => {
    const keys = (spellings as string[]).map((s) => `${s} -> ${matchKey(s)}`);
    expect(keys).toEqual((spellings as string[]).map((s) => `${s} -> ${matchKey(spellings[0] as string)}`));
    expect(matchTokens(spellings[0] as string)).toHaveLength(1);
  });

  it('keeps the surnames of the table apart from each other', () => {
    const keys = NAME_SPELLINGS.map((g) => matchKey(g[0]));
    expect(new Set(keys).size).toBe(NAME_SPELLINGS.length);
  });

  it('reads ц, ч, ш, ж, х and the signs in each system', () => {
    const same = (...names: string[]) => expect(new Set(names.map(matchKey)).size).toBe(1);
    same('Цветков', 'Tsvetkov', 'Tzvetkov', 'Cvetkov', 'Zwetkow'); // ц: ts, tz, c, German z
    same('Чапаев', 'Chapaev', 'Tchapaev', 'Tschapajew', 'Čapaev'); // ч: ch, tch, tsch, č
    same('Шамиль', 'Shamil', "Šamil'", 'Schamil'); // ш: sh, š, sch
    same('Жанна', 'Zhanna', 'Žanna'); // ж: zh, ž (and French j: Joukov above)
    same('Хасанов', 'Khasanov', 'Hasanov', 'Chasanow'); // х: kh, h, German ch
    same('Подъячев', 'Podyachev', 'Podiachev', 'Podieiachev'); // ъ: nothing, or ICAO's ie
    same('Объедков', 'Obyedkov', 'Obedkov', 'Obieedkov');
    same('Ильич', 'Ilyich', 'Ilich', "Il'ich", 'Iljitsch'); // ь
    same('Рыбкин', 'Rybkin', 'Ribkin'); // ы
    same('Майя', 'Maya', 'Maia', 'Maja'); // й, я
  });

  it('keeps names apart that only one system would confuse', () => {
    expect(matchKey('Шуков')).not.toBe(matchKey('Жуков'));
    expect(matchKey('Zarev')).not.toBe(matchKey('Царёв')); // English z is з
    expect(matchKey('Chukin')).not.toBe(matchKey('Щукин')); // English ch is ч
    expect(matchKey('Victor')).toBe(matchKey('Виктор')); // c before t is k
  });
});
