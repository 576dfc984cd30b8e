import { latinize, matchKey, matchTokens, transliterate } from '../../src/people/transliterate';
import { personPseudonym } from '../../src/people/person.entity';

describe('transliterate', () => {
  it('romanises Russian names after BGN/PCGN without apostrophes', () => {
    expect(transliterate('Гумаров')).toBe('Gumarov');
    expect(transliterate('Ишмуратов')).toBe('Ishmuratov');
    expect(transliterate('Кудаев')).toBe('Kudayev');
    expect(transliterate('Расул Кудаев')).toBe('Rasul Kudayev');
    expect(transliterate('Тимур Ишмуратов')).toBe('Timur Ishmuratov');
    expect(transliterate('Хайруллин')).toBe('Khayrullin');
    expect(transliterate('Цой')).toBe('Tsoy');
  });

  it('writes ye at the start of a word and after vowels and signs', () => {
    expect(transliterate('Елена')).toBe('Yelena');
    expect(transliterate('Сергеев')).toBe('Sergeyev');
    expect(transliterate('Объедков')).toBe('Obyedkov');
  });

  it('handles Ё, Щ, Ъ and Ь', () => {
    expect(transliterate('Ёлкин')).toBe('Yolkin');
    expect(transliterate('Фёдор')).toBe('Fyodor');
    expect(transliterate('Горбачёв')).toBe('Gorbachev');
    expect(transliterate('Щукин')).toBe('Shchukin');
    expect(transliterate('Подъячев')).toBe('Podyachev');
    expect(transliterate('Шамиль')).toBe('Shamil');
    expect(transliterate('Ильич')).toBe('Ilyich');
    expect(transliterate('Юрьев')).toBe('Yuryev');
    expect(transliterate('Илья')).toBe('Ilya');
  });

  it('keeps capitals, including words written in capitals', () => {
    expect(transliterate('КУДАЕВ Расул')).toBe('KUDAYEV Rasul');
    expect(transliterate('ЩУКИН')).toBe('SHCHUKIN');
    expect(transliterate('ЧАШ')).toBe('CHASH');
    expect(transliterate('Щ.')).toBe('Shch.');
  });

  it('leaves Latin and other scripts alone', () => {
    expect(transliterate('Rasul Kudaev')).toBe('Rasul Kudaev');
    expect(transliterate('IK-1 (ИК-1)')).toBe('IK-1 (IK-1)');
    expect(transliterate('محمد')).toBe('محمد');
    expect(transliterate('')).toBe('');
  });

  it('covers letters of neighbouring Cyrillic alphabets', () => {
    expect(transliterate('Ґалина Їжак')).toBe('Galina Yizhak');
    expect(transliterate('Гӏалаев')).toBe('Galayev'); // Chechen palochka
    expect(transliterate('Шәймиев')).toBe('Shaymiyev');
  });
});

describe('latinize', () => {
  it('gives the lower-case Latin search form', () => {
    expect(latinize('Гумаров')).toBe('gumarov');
    expect(latinize('Ишмуратов')).toBe('ishmuratov');
    expect(latinize('  Расул   Кудаев ')).toBe('rasul kudayev');
    expect(latinize('Fëdor Łukaszewicz')).toBe('fedor lukaszewicz');
  });
});

describe('matchKey', () => {
  const sameKey = (...names: string[]) => {
    const keys = names.map(matchKey);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).not.toBe('');
    return keys[0];
  };

  it('gives Кудаев, Kudaev and Kudayev one key', () => {
    expect(sameKey('Кудаев', 'Kudaev', 'Kudayev', 'KUDAEV', 'Kudajev', 'Koudaev', 'Kudaeff')).toBe('kudaev');
  });

  it('matches the usual romanisations of the seed names', () => {
    expect(sameKey('Гумаров', 'Gumarov', 'Gumarow')).toBe('gumarov');
    expect(sameKey('Ишмуратов', 'Ishmuratov', 'Ischmuratow')).toBe('ishmuratov');
    sameKey('Равиль Гумаров', 'Ravil Gumarov', "Ravil' Gumarov", 'Gumarov Ravil');
    sameKey('Айрат Вахитов', 'Airat Vakhitov', 'Ayrat Vahitov');
  });

  it('matches variants of й, ы and iotated vowels', () => {
    sameKey('Сергей', 'Sergey', 'Sergei', 'Sergej');
    sameKey('Юрий', 'Yuriy', 'Yuri', 'Yury', 'Iurii', 'Jurij');
    sameKey('Евгений', 'Yevgeniy', 'Evgeny', 'Evgenii');
    sameKey('Мария', 'Mariya', 'Maria', 'Marija');
    sameKey('Хайруллин', 'Khayrullin', 'Khairullin', 'Hairulin');
  });

  it('merges Ё with Е, and handles Щ, Ъ and Ь', () => {
    sameKey('Ёлкин', 'Елкин', 'Yolkin', 'Yelkin', 'Jolkin');
    sameKey('Фёдор', 'Федор', 'Fyodor', 'Fedor', 'Fiodor', 'Fjodor');
    sameKey('Щукин', 'Shchukin', 'Schukin', 'Shukin');
    sameKey('Подъячев', 'Podyachev', 'Podiachev', 'Pod"yachev');
    sameKey('Юрьев', 'Yuryev', 'Yurev', "Yur'yev", 'Iurev');
    sameKey('Илья', 'Ilya', 'Ilia', "Il'ya", 'Ilja');
    sameKey('Шамиль', 'Shamil', "Shamil'");
  });

  it('matches дж and х spellings', () => {
    sameKey('Джабраил', 'Dzhabrail', 'Djabrail');
    sameKey('Ахмед', 'Akhmed', 'Ahmed');
    sameKey('Александр', 'Aleksandr', 'Alexandr');
  });

  it('ignores word order, punctuation and case', () => {
    expect(matchKey('Кудаев Расул')).toBe(matchKey('Rasul KUDAEV'));
    expect(matchKey('KUDAYEV, Rasul')).toBe('kudaev rasul');
    expect(matchKey('...')).toBe('');
  });

  it('keeps different names apart', () => {
    expect(matchKey('Кудаев')).not.toBe(matchKey('Кудаева'));
    expect(matchKey('Gumarov')).not.toBe(matchKey('Ishmuratov'));
    expect(matchKey('Иванов')).not.toBe(matchKey('Ивашов'));
  });

  it('exposes the words in order for surname-only matching', () => {
    expect(matchTokens('Кудаев Расул Камбиевич')).toEqual(['kudaev', 'rasul', 'kambevich']);
    expect(matchTokens('ИК-1')).toEqual(['ik', '1']);
  });
});

describe('personPseudonym', () => {
  it('is stable and padded', () => {
    expect(personPseudonym(142)).toBe('P-0142');
    expect(personPseudonym(7)).toBe('P-0007');
    expect(personPseudonym(123456)).toBe('P-123456');
  });
});
