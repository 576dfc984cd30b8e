/**
 * Real Russian and North-Caucasian surnames as they are met in print: Cyrillic, passport
 * (ICAO 9303), BGN/PCGN, scholarly (ISO 9 and the scientific system), German (Duden) and French
 * press. Every spelling of one row must find every other (tests/unit/name-spellings.test.ts for
 * the match key, tests/integration/name-spellings.test.ts through search and the pickers).
 */
export const NAME_SPELLINGS: readonly (readonly string[])[] = [
  ['Кудаев', 'Kudaev', 'Kudayev', 'Koudaev', 'Kudajew', 'Kudajev'],
  ['Хачукаев', 'Khachukaev', 'Hachukaev', 'Chatschukajew', 'Khatchoukaev', 'Hačukaev'],
  ['Чечёткин', 'Chechetkin', 'Tschetschotkin', 'Čečetkin', 'Chechyotkin', 'Čečëtkin'],
  ['Щукин', 'Shchukin', 'Schtschukin', 'Chtchoukine', 'Ščukin'],
  ['Жуков', 'Zhukov', 'Joukov', 'Shukow', 'Žukov'],
  ['Юрьев', 'Yuryev', 'Iurev', 'Jurjew', 'Iourev', "Jur'ev", 'Ûrʹev'],
  ['Царёв', 'Tsarev', 'Tzarev', 'Zarew', 'Tsaryov', 'Carëv'],
  ['Ишмуратов', 'Ishmuratov', 'Išmuratov', 'Ischmuratow', 'Ichmouratov'],
  ['Хрущёв', 'Khrushchev', 'Khrushchyov', 'Chruschtschow', 'Khrouchtchev', 'Chruščëv'],
  ['Горбачёв', 'Gorbachev', 'Gorbachov', 'Gorbatschow', 'Gorbatchev', 'Gorbačëv'],
  ['Кравцов', 'Kravtsov', 'Kravtcov', 'Krawzow', 'Kravcov'],
  ['Дудаев', 'Dudayev', 'Dudaev', 'Doudaev', 'Dudajew'],
  ['Басаев', 'Basayev', 'Basaev', 'Bassajew', 'Bassaïev'],
  ['Масхадов', 'Maskhadov', 'Maschadow', 'Mashadov'],
  ['Евлоев', 'Yevloyev', 'Evloev', 'Jewlojew', 'Ievloev'],
  ['Хайруллин', 'Khayrullin', 'Khairullin', 'Hajrullin', 'Khaïroulline'],
  ['Щербаков', 'Shcherbakov', 'Schtscherbakow', 'Chtcherbakov', 'Ščerbakov'],
  ['Чайковский', 'Chaykovskiy', 'Tchaikovsky', 'Tschaikowski', 'Čajkovskij'],
  ['Жириновский', 'Zhirinovsky', 'Jirinovski', 'Žirinovskij'],
  ['Ахмадов', 'Akhmadov', 'Ahmadov', 'Achmadow'],
  ['Гумаров', 'Gumarov', 'Goumarov', 'Gumarow'],
];
