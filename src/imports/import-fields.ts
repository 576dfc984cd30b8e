/**
 * The fields a spreadsheet column can be mapped to, per record kind (issue 13). The template
 * (import-template.ts), the mapping page and the engine all read this one list, so a field added
 * here appears in all three. Labels live in the catalogues: `imports.fields.<kind>.<code>`,
 * `imports.kinds.<kind>`.
 */
export const IMPORT_KINDS = ['cases', 'people', 'institutions', 'events'] as const; // more kinds later: allegations, statements, complaints, investigations, proceedings, sources
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType = 'text' | 'longtext' | 'partial-date' | 'term' | 'terms' | 'boolean' | 'integer' | 'person-ref' | 'institution-ref' | 'case-ref' | 'external-id';

export interface ImportField {
  code: string;
  type: FieldType;
  required?: boolean;
  /** For term/terms: the vocabulary name in src/vocab. */
  vocabulary?: string;
  /** Values joined with '|' or ';' in one cell. */
  multiple?: boolean;
  /** Header names recognised automatically, English and Russian, lower case. */
  aliases: string[];
  /** The template's example value. */
  example: string;
}

/** Separators of several values in one cell ("Chechnya|Dagestan", "арест; обыск"). */
export const MULTIPLE_SEPARATOR = /[|;]/;

const externalId = (example: string): ImportField => ({
  code: 'external_id',
  type: 'external-id',
  aliases: ['external_id', 'external id', 'id', 'source id', 'uwazi id', 'sharedid', 'внешний id', 'внешний идентификатор', 'идентификатор', 'ид', 'номер в источнике'],
  example,
});

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  cases: [
    externalId('case-0001'),
    { code: 'code', type: 'text', aliases: ['code', 'case code', 'case number', 'код', 'код дела', 'шифр'], example: 'RU-2005-0001' },
    { code: 'title', type: 'text', required: true, aliases: ['title', 'case title', 'name', 'название', 'заголовок', 'название дела'], example: 'Detention and beating of A. Ivanov in Nalchik' },
    { code: 'summary', type: 'longtext', aliases: ['summary', 'description', 'краткое описание', 'описание', 'резюме', 'фабула'], example: 'Detained on 13 October 2005, beaten during interrogation.' },
    { code: 'status', type: 'term', vocabulary: 'case_status', aliases: ['status', 'case status', 'статус', 'статус дела'], example: 'open' },
    { code: 'region', type: 'term', vocabulary: 'region', aliases: ['region', 'subject', 'регион', 'субъект', 'субъект рф'], example: 'kabardino_balkaria' },
    { code: 'restricted', type: 'boolean', aliases: ['restricted', 'confidential', 'ограниченный доступ', 'конфиденциально', 'закрытое'], example: 'no' },
    { code: 'group_description', type: 'longtext', aliases: ['group description', 'group', 'описание группы', 'группа'], example: '' },
    { code: 'group_count', type: 'integer', aliases: ['group count', 'group size', 'number of victims', 'численность группы', 'число пострадавших'], example: '' },
    { code: 'group_death_count', type: 'integer', aliases: ['group death count', 'deaths', 'number of deaths', 'число погибших', 'погибших'], example: '' },
    { code: 'tags', type: 'text', multiple: true, aliases: ['tags', 'keywords', 'теги', 'метки', 'ключевые слова'], example: 'nalchik|2005 attack' },
    { code: 'year', type: 'integer', aliases: ['year', 'year began', 'год', 'год начала'], example: '2005' },
  ],
  people: [
    externalId('person-0001'),
    { code: 'name', type: 'text', required: true, aliases: ['name', 'full name', 'primary name', 'person', 'title', 'имя', 'фио', 'ф.и.о.', 'полное имя', 'основное имя'], example: 'Иванов Аслан Мухамедович' },
    { code: 'name_script', type: 'term', vocabulary: 'name_script', aliases: ['script', 'name script', 'письмо', 'алфавит', 'система письма'], example: 'cyrillic' },
    { code: 'name_language', type: 'text', aliases: ['language', 'name language', 'язык', 'язык имени'], example: 'ru' },
    { code: 'other_names', type: 'text', multiple: true, aliases: ['other names', 'aliases', 'spellings', 'also known as', 'aka', 'другие имена', 'другие написания', 'псевдонимы', 'варианты имени'], example: 'Ivanov Aslan|Иваноў Аслан' },
    { code: 'birth', type: 'partial-date', aliases: ['birth', 'birth date', 'date of birth', 'born', 'дата рождения', 'рождение', 'год рождения'], example: '1980-05' },
    { code: 'gender', type: 'text', aliases: ['gender', 'sex', 'пол'], example: 'male' },
    { code: 'region', type: 'term', vocabulary: 'region', aliases: ['region', 'регион', 'субъект'], example: 'kabardino_balkaria' },
    { code: 'profiles', type: 'terms', vocabulary: 'person_profile', multiple: true, aliases: ['profiles', 'profile', 'category', 'профиль', 'профили', 'категория'], example: 'journalist' },
    { code: 'notes', type: 'longtext', aliases: ['notes', 'risk notes', 'примечания', 'заметки', 'комментарий'], example: '' },
    { code: 'protected_identity', type: 'boolean', aliases: ['protected identity', 'protected', 'anonymous', 'защищённая личность', 'защищенная личность', 'анонимно', 'скрыть имя'], example: 'no' },
    { code: 'case_ref', type: 'case-ref', aliases: ['case', 'case id', 'case external id', 'case code', 'дело', 'код дела', 'id дела'], example: 'case-0001' },
    { code: 'case_role', type: 'term', vocabulary: 'participant_role', aliases: ['role', 'role in case', 'роль', 'роль в деле'], example: 'victim' },
  ],
  institutions: [
    externalId('inst-0001'),
    { code: 'name', type: 'text', required: true, aliases: ['name', 'institution', 'title', 'название', 'учреждение', 'орган', 'наименование'], example: 'ОВД Нальчика' },
    { code: 'aliases', type: 'text', multiple: true, aliases: ['aliases', 'other names', 'abbreviation', 'другие названия', 'сокращение', 'псевдонимы'], example: 'Nalchik police' },
    { code: 'type', type: 'term', vocabulary: 'institution_type', required: true, aliases: ['type', 'institution type', 'тип', 'вид', 'тип учреждения'], example: 'police_unit' },
    { code: 'parent', type: 'institution-ref', aliases: ['parent', 'parent institution', 'part of', 'вышестоящее', 'вышестоящая организация', 'входит в', 'родительское учреждение'], example: 'МВД по КБР' },
    { code: 'region', type: 'term', vocabulary: 'region', aliases: ['region', 'регион', 'субъект'], example: 'kabardino_balkaria' },
    { code: 'locality', type: 'text', aliases: ['locality', 'city', 'town', 'place', 'населённый пункт', 'населенный пункт', 'город'], example: 'Nalchik' },
    { code: 'latitude', type: 'text', aliases: ['latitude', 'lat', 'широта'], example: '43.4853' },
    { code: 'longitude', type: 'text', aliases: ['longitude', 'lon', 'lng', 'долгота'], example: '43.6072' },
    // Both in one cell, latitude first ("43.4853|43.6072"), as Uwazi writes a geolocation.
    { code: 'geolocation', type: 'text', aliases: ['geolocation', 'coordinates', 'геолокация', 'координаты'], example: '' },
    { code: 'notes', type: 'longtext', aliases: ['notes', 'примечания', 'заметки'], example: '' },
  ],
  events: [
    externalId('event-0001'),
    { code: 'case_ref', type: 'case-ref', required: true, aliases: ['case', 'case id', 'case external id', 'case code', 'дело', 'код дела', 'id дела'], example: 'case-0001' },
    { code: 'type', type: 'term', vocabulary: 'event_type', required: true, aliases: ['type', 'event type', 'event', 'тип', 'тип события', 'событие'], example: 'arrest' },
    { code: 'date', type: 'partial-date', required: true, aliases: ['date', 'event date', 'when', 'дата', 'дата события', 'когда'], example: '2005-10-13' },
    { code: 'title', type: 'text', aliases: ['title', 'label', 'название', 'заголовок'], example: '' },
    { code: 'place', type: 'text', aliases: ['place', 'location', 'where', 'место', 'где'], example: 'Nalchik' },
    { code: 'region', type: 'term', vocabulary: 'region', aliases: ['region', 'регион', 'субъект'], example: 'kabardino_balkaria' },
    { code: 'description', type: 'longtext', aliases: ['description', 'details', 'описание', 'подробности'], example: '' },
    { code: 'institutions', type: 'institution-ref', multiple: true, aliases: ['institutions', 'institution', 'учреждения', 'учреждение', 'орган'], example: 'ОВД Нальчика' },
    // People in the event, paired by position with their roles ("Иванов|Петров" + "victim|witness"); one role applies to all.
    { code: 'people', type: 'person-ref', multiple: true, aliases: ['people', 'person', 'persons', 'participants', 'people involved', 'лица', 'лицо', 'люди', 'участники', 'персоны'], example: 'Иванов Аслан Мухамедович' },
    { code: 'people_roles', type: 'terms', vocabulary: 'participant_role', multiple: true, aliases: ['person role', 'people roles', 'person roles', 'roles', 'role', 'роль', 'роли', 'роль лица', 'роли лиц', 'роль участника'], example: 'victim' },
  ],
};

export function importField(kind: ImportKind, code: string): ImportField | undefined {
  return IMPORT_FIELDS[kind].find((f) => f.code === code);
}

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}
