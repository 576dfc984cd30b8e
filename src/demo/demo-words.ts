/**
 * Word lists for synthetic cases. Every name is invented by combination; none is meant to be a
 * real person. Surnames are given in the masculine form; the generator derives feminine forms.
 */
export const SURNAMES = [
  // Russian
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
  'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов',
  'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев', 'Фомин', 'Чернов', 'Абрамов',
  'Мартынов', 'Ефимов', 'Федотов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Чернышёв', 'Быков', 'Маслов',
  'Родионов', 'Коновалов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Пономарёв', 'Голубев', 'Кудрявцев', 'Прохоров',
  'Наумов', 'Потапов', 'Журавлёв', 'Овчинников', 'Трофимов', 'Леонов', 'Соболев', 'Ермаков', 'Колесников', 'Гончаров',
  'Емельянов', 'Никифоров', 'Грачёв', 'Котов', 'Гришин', 'Ефремов', 'Архипов', 'Громов', 'Кириллов', 'Малышев',
  'Панов', 'Моисеев', 'Румянцев', 'Акимов', 'Кондратьев', 'Бирюков', 'Горбунов', 'Анисимов', 'Ерёмин', 'Тихомиров',
  'Щукин', 'Юрьев', 'Горбачёв', 'Шубин', 'Рыбаков', 'Суханов', 'Широков', 'Юдин', 'Ярцев', 'Цветков',
  // North Caucasus
  'Кудаев', 'Мамхегов', 'Гумаров', 'Ишмуратов', 'Бекоев', 'Шогенов', 'Кодзоков', 'Тхагапсоев', 'Карданов', 'Хамурзов',
  'Эльдаров', 'Бжамбеев', 'Шебзухов', 'Нагоев', 'Тлупов', 'Машуков', 'Кумыков', 'Губжоков', 'Абазов', 'Жанимов',
  'Мусаев', 'Умаров', 'Хасанов', 'Исмаилов', 'Магомедов', 'Гаджиев', 'Алиев', 'Абдуллаев', 'Рамазанов', 'Курбанов',
  'Дудаев', 'Масхадов', 'Эстемиров', 'Батукаев', 'Джабраилов', 'Тагаев', 'Висаитов', 'Межиев', 'Цакаев', 'Арсаев',
  'Евлоев', 'Костоев', 'Мальсагов', 'Оздоев', 'Точиев', 'Хамхоев', 'Барахоев', 'Албогачиев', 'Плиев', 'Султыгов',
  'Газзаев', 'Дзасохов', 'Гутиев', 'Цаллагов', 'Кочиев', 'Бураев', 'Дзгоев', 'Хетагуров', 'Калоев', 'Гассиев',
  // Volga, Crimea
  'Хайруллин', 'Сафин', 'Гарипов', 'Валиев', 'Мухаметшин', 'Нуриев', 'Шайхутдинов', 'Зарипов', 'Галиев', 'Ахметов',
  'Умеров', 'Чийгоз', 'Асанов', 'Куку', 'Сулейманов', 'Абдураманов', 'Чубаров', 'Джемилев', 'Османов', 'Аметов',
  // Ukrainian
  'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олейник', 'Мельник', 'Литвиненко', 'Руденко', 'Савченко',
] as const;

export const MALE_NAMES = [
  'Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Иван', 'Михаил', 'Евгений', 'Николай',
  'Владимир', 'Павел', 'Артём', 'Илья', 'Юрий', 'Олег', 'Игорь', 'Роман', 'Виктор', 'Фёдор',
  'Расул', 'Руслан', 'Ислам', 'Ахмед', 'Мурат', 'Тимур', 'Заур', 'Анзор', 'Аслан', 'Магомед',
  'Рамзан', 'Шамиль', 'Хасан', 'Хусейн', 'Ибрагим', 'Муса', 'Иса', 'Юсуф', 'Адам', 'Алихан',
  'Ринат', 'Равиль', 'Рустам', 'Айдар', 'Марат', 'Ильдар', 'Эмиль', 'Эскендер', 'Сервер', 'Нариман',
  'Тарас', 'Богдан', 'Остап', 'Назар', 'Ярослав',
] as const;

export const FEMALE_NAMES = [
  'Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Екатерина', 'Светлана', 'Юлия',
  'Зарема', 'Мадина', 'Амина', 'Фатима', 'Хеда', 'Луиза', 'Малика', 'Залина', 'Диана', 'Асият',
  'Гульнара', 'Лилия', 'Эльвира', 'Алсу', 'Зарина', 'Оксана', 'Людмила', 'Галина', 'Виктория', 'Дарья',
] as const;

/** Region code -> localities (in Latin, as English-language reports write them). */
export const REGION_PLACES: Record<string, readonly string[]> = {
  kabardino_balkaria: ['Nalchik', 'Baksan', 'Prokhladny', 'Chegem', 'Tyrnyauz', 'Nartkala', 'Terek', 'Khasanya', 'Volny Aul', 'Kenzhe'],
  chechnya: ['Grozny', 'Argun', 'Gudermes', 'Shali', 'Urus-Martan', 'Achkhoy-Martan', 'Kurchaloy', 'Tsentoroy', 'Vedeno', 'Shatoy'],
  ingushetia: ['Magas', 'Nazran', 'Karabulak', 'Malgobek', 'Sunzha', 'Ekazhevo', 'Troitskaya', 'Plievo'],
  dagestan: ['Makhachkala', 'Khasavyurt', 'Derbent', 'Buynaksk', 'Kizlyar', 'Kaspiysk', 'Gimry', 'Gubden', 'Sergokala', 'Izberbash'],
  north_ossetia: ['Vladikavkaz', 'Beslan', 'Mozdok', 'Alagir', 'Ardon', 'Digora'],
  karachay_cherkessia: ['Cherkessk', 'Karachayevsk', 'Ust-Dzheguta', 'Teberda'],
  tatarstan: ['Kazan', 'Naberezhnye Chelny', 'Nizhnekamsk', 'Almetyevsk', 'Chistopol', 'Yelabuga'],
  bashkortostan: ['Ufa', 'Sterlitamak', 'Salavat', 'Neftekamsk', 'Oktyabrsky', 'Baymak'],
  crimea: ['Simferopol', 'Bakhchysarai', 'Dzhankoi', 'Kerch', 'Yevpatoria', 'Feodosia', 'Sudak', 'Bilohirsk'],
  moscow: ['Moscow', 'Zelenograd', 'Troitsk'],
  moscow_oblast: ['Krasnogorsk', 'Podolsk', 'Balashikha', 'Khimki', 'Lyubertsy', 'Mytishchi', 'Kolomna'],
  saint_petersburg: ['Saint Petersburg', 'Kolpino', 'Kronstadt'],
  yaroslavl_oblast: ['Yaroslavl', 'Rybinsk', 'Pereslavl-Zalessky', 'Uglich'],
  sverdlovsk_oblast: ['Yekaterinburg', 'Nizhny Tagil', 'Kamensk-Uralsky', 'Pervouralsk'],
  chelyabinsk_oblast: ['Chelyabinsk', 'Magnitogorsk', 'Zlatoust', 'Kopeysk'],
  krasnodar_krai: ['Krasnodar', 'Sochi', 'Novorossiysk', 'Armavir', 'Anapa'],
  rostov_oblast: ['Rostov-on-Don', 'Taganrog', 'Shakhty', 'Novocherkassk'],
  stavropol_krai: ['Stavropol', 'Pyatigorsk', 'Kislovodsk', 'Nevinnomyssk', 'Budyonnovsk'],
  perm_krai: ['Perm', 'Berezniki', 'Solikamsk', 'Chusovoy'],
  irkutsk_oblast: ['Irkutsk', 'Angarsk', 'Bratsk', 'Usolye-Sibirskoye'],
  karelia: ['Petrozavodsk', 'Segezha', 'Kondopoga', 'Medvezhyegorsk'],
  mordovia: ['Saransk', 'Ruzayevka', 'Yavas', 'Potma'],
  zaporizhzhia_oblast: ['Melitopol', 'Enerhodar', 'Berdiansk', 'Tokmak'],
  kherson_oblast: ['Kherson', 'Nova Kakhovka', 'Skadovsk', 'Henichesk'],
  donetsk_oblast: ['Donetsk', 'Mariupol', 'Makiivka', 'Horlivka', 'Olenivka'],
};

/** Villages and streets: a long tail of rare words for realistic term frequencies. */
export const RARE_PLACE_STEMS = [
  'Kamen', 'Verkh', 'Nizhn', 'Staro', 'Novo', 'Krasno', 'Belo', 'Cherno', 'Sosno', 'Berez', 'Dubo', 'Lipo', 'Yablo', 'Vishn', 'Ozer',
  'Rechn', 'Gorn', 'Lesn', 'Polev', 'Sadov', 'Zarech', 'Pri', 'Za', 'Pod', 'Mezh', 'Alk', 'Bart', 'Chag', 'Dzhan', 'Ekh', 'Gaz',
  'Kharach', 'Itum', 'Kurk', 'Mayr', 'Nashkh', 'Orst', 'Psed', 'Sagop', 'Tarsk', 'Ulus', 'Verkhn', 'Yandar', 'Zumsoy',
] as const;
export const RARE_PLACE_ENDINGS = ['ovka', 'ino', 'evo', 'ansk', 'yurt', 'aul', 'skoye', 'ovo', 'khi', 'ali', 'dag', 'chu', 'oy', 'ichi'] as const;

export const PROFILES_WEIGHTED: readonly (readonly [string, number])[] = [
  ['banned_islamic_group_accused', 20], ['civic_activist', 10], ['human_rights_defender', 6], ['journalist', 5], ['lgbti', 4],
  ['crimean_tatar', 6], ['ethnic_minority', 8], ['jehovahs_witness', 4], ['ukrainian_civilian', 8], ['prisoner_of_war', 5],
  ['migrant_worker', 6], ['minor', 3], ['convicted_prisoner', 10], ['former_guantanamo_detainee', 1], ['political_opposition', 4],
  ['military_serviceperson', 3], ['conscientious_objector', 1],
];

export const METHODS_WEIGHTED: readonly (readonly [string, number])[] = [
  ['beating', 70], ['beating_with_objects', 25], ['electric_shock', 30], ['asphyxiation', 15], ['wet_asphyxiation', 4], ['suspension', 6],
  ['stress_positions', 15], ['shackling', 12], ['sleep_deprivation', 14], ['deprivation_of_food_or_water', 8], ['denial_of_medical_care', 12],
  ['prolonged_isolation', 6], ['incommunicado_detention', 10], ['sensory_deprivation', 10], ['sexual_violence', 5], ['rape', 1.5],
  ['forced_nudity', 3], ['humiliation', 10], ['mock_execution', 3], ['death_threats', 14], ['threats_of_sexual_violence', 5],
  ['threats_against_family', 12], ['witnessing_torture_of_others', 2], ['forced_drug_administration', 1], ['dog_attack', 1],
  ['punitive_psychiatry', 0.5], ['inhuman_conditions', 8], ['falanga', 2], ['burning', 2], ['cutting_stabbing', 1.5],
  ['nail_or_tooth_extraction', 0.5], ['extreme_temperatures', 3], ['noise_or_light', 2],
];

export const METHOD_PHRASES: Record<string, string> = {
  beating: 'was beaten repeatedly', beating_with_objects: 'was beaten with truncheons and plastic bottles filled with water',
  electric_shock: 'received electric shocks from wires attached to his fingers', asphyxiation: 'was suffocated with a plastic bag',
  wet_asphyxiation: 'had water poured over a cloth on his face', suspension: 'was hung from a bar by handcuffed wrists',
  stress_positions: 'was forced to stand with legs apart for hours', shackling: 'was kept handcuffed to a radiator',
  sleep_deprivation: 'was not allowed to sleep for several nights', deprivation_of_food_or_water: 'was given no food or water',
  denial_of_medical_care: 'was refused medical care despite his injuries', prolonged_isolation: 'was held alone for weeks',
  incommunicado_detention: 'was held without access to a lawyer or family', sensory_deprivation: 'had a bag placed over his head',
  sexual_violence: 'was subjected to sexual violence', rape: 'was raped', forced_nudity: 'was made to undress',
  humiliation: 'was insulted and humiliated', mock_execution: 'was taken to a forest for a mock execution',
  death_threats: 'was threatened with death', threats_of_sexual_violence: 'was threatened with rape',
  threats_against_family: 'was told his relatives would be harmed', witnessing_torture_of_others: 'was made to watch others being beaten',
  forced_drug_administration: 'was injected with an unknown substance', dog_attack: 'was attacked by a service dog',
  punitive_psychiatry: 'was sent to a psychiatric hospital', inhuman_conditions: 'was kept in an overcrowded, unheated cell',
  falanga: 'was beaten on the soles of his feet', burning: 'was burned with cigarettes', cutting_stabbing: 'was cut with a knife',
  nail_or_tooth_extraction: 'had fingernails pulled out', extreme_temperatures: 'was left outside in the cold', noise_or_light: 'was kept under constant light',
};

export const INJURIES = [
  'bruises on the back and legs', 'a broken rib', 'burns on the fingers', 'a perforated eardrum', 'a concussion', 'haematomas on the head',
  'broken teeth', 'marks of handcuffs on the wrists', 'a fractured wrist', 'kidney damage', 'swelling of the face', 'abrasions on the knees',
] as const;

export const ORGANISATIONS = [
  'Memorial Human Rights Centre', 'Committee Against Torture', 'Civic Assistance Committee', 'Human Rights Watch', 'Amnesty International',
  'Crimean Human Rights Group', 'OVD-Info', 'Mediazona', 'Novaya Gazeta', 'Kavkazsky Uzel', 'Public Verdict Foundation', 'Russian LGBT Network',
  'Legal Initiative', 'Zona Prava', 'Team Against Torture', 'Crimean Solidarity', 'Helsinki Group', 'Sova Center', 'Caucasian Knot', 'RFE/RL',
] as const;

export const COMMON_WORDS = [
  'detained', 'officers', 'custody', 'interrogation', 'lawyer', 'investigator', 'relatives', 'complaint', 'prosecutor', 'court',
] as const;
