/**
 * The fields a spreadsheet column can be mapped to, per record kind (issue 13). The template
 * (import-template.ts), the mapping page and the engine all read this one list, so a field added
 * here appears in all three. Labels live in the catalogues: `imports.fields.<kind>.<code>`,
 * `imports.kinds.<kind>`.
 */
export const IMPORT_KINDS = [
  'cases', 'people', 'institutions', 'events', 'allegations', 'complaints', 'complaint_responses',
  'investigations', 'investigation_decisions', 'proceedings', 'proceeding_stages', 'statements', 'sources',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** `record-ref`: a record of another kind by its external id (a row of this file, or one an earlier import made); `choice`: one of a fixed list of codes. */
export type FieldType = 'text' | 'longtext' | 'partial-date' | 'term' | 'terms' | 'boolean' | 'integer' | 'person-ref' | 'institution-ref' | 'case-ref' | 'record-ref' | 'choice' | 'external-id';

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
  /** For record-ref: the kind it names. */
  refers?: ImportKind;
  /** For choice: the accepted codes. */
  choices?: readonly string[];
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


const caseRefField = (): ImportField => ({ code: 'case_ref', type: 'case-ref', required: true, aliases: ['case', 'case id', 'case external id', 'case code', 'дело', 'код дела', 'id дела'], example: 'case-0001' });
const place = ['place', 'places', 'where', 'location', 'место', 'места', 'где', 'место применения'];

/**
 * The kinds after events. A record with a history (a complaint's responses, an investigation's
 * decisions, a proceeding's stages) has it on a sheet of its own, a row per step naming its
 * parent's external id: a researcher keeps such a log one line per answer, and a complaint with
 * five refusals needs no twenty repeated columns.
 */
const LATER_KINDS = {
  allegations: [
    externalId('allegation-0001'),
    caseRefField(),
    { code: 'victim', type: 'person-ref', aliases: ['victim', 'victim id', 'person', 'пострадавший', 'потерпевший', 'жертва'], example: 'person-0001' },
    { code: 'summary', type: 'text', aliases: ['summary', 'allegation', 'title', 'краткое описание', 'заявление', 'суть'], example: 'Beaten in custody to force a confession' },
    { code: 'description', type: 'longtext', aliases: ['description', 'details', 'описание', 'подробности'], example: '' },
    { code: 'events', type: 'record-ref', refers: 'events', multiple: true, aliases: ['events', 'event', 'event id', 'события', 'событие'], example: 'event-0001' },
    { code: 'methods', type: 'terms', vocabulary: 'torture_method', multiple: true, aliases: ['methods', 'method', 'torture methods', 'методы', 'метод', 'методы пыток', 'способы'], example: 'beating|electric_shock' },
    { code: 'purposes', type: 'terms', vocabulary: 'purpose', multiple: true, aliases: ['purposes', 'purpose', 'цели', 'цель'], example: 'extract_confession' },
    { code: 'places', type: 'institution-ref', multiple: true, aliases: place, example: 'ОВД Нальчика' },
    { code: 'perpetrator_institutions', type: 'institution-ref', multiple: true, aliases: ['perpetrator institutions', 'perpetrator institution', 'perpetrator unit', 'учреждение исполнителей', 'подразделение исполнителей', 'орган исполнителей'], example: 'ОВД Нальчика' },
    { code: 'perpetrator_people', type: 'person-ref', multiple: true, aliases: ['perpetrators', 'perpetrator', 'perpetrator people', 'исполнители', 'исполнитель', 'предполагаемые исполнители'], example: '' },
    { code: 'perpetrator_description', type: 'text', aliases: ['perpetrator description', 'unidentified perpetrators', 'описание исполнителей', 'неустановленные исполнители'], example: 'men in masks claiming to be FSB officers' },
    { code: 'involvement', type: 'term', vocabulary: 'involvement', aliases: ['involvement', 'perpetrator involvement', 'участие', 'роль исполнителя'], example: 'carried_out' },
    { code: 'attribution', type: 'term', vocabulary: 'attribution', aliases: ['attribution', 'identified by', 'атрибуция', 'чем установлено'], example: 'alleged_by_victim' },
    { code: 'physical_consequences', type: 'longtext', aliases: ['physical consequences', 'injuries', 'физические последствия', 'телесные повреждения'], example: '' },
    { code: 'psychological_consequences', type: 'longtext', aliases: ['psychological consequences', 'психологические последствия'], example: '' },
    { code: 'duration', type: 'text', aliases: ['duration', 'how long', 'продолжительность', 'длительность'], example: 'about six hours' },
    { code: 'status', type: 'term', vocabulary: 'allegation_status', aliases: ['status', 'allegation status', 'статус', 'статус заявления'], example: 'alleged' },
  ],
  complaints: [
    externalId('complaint-0001'),
    caseRefField(),
    { code: 'date', type: 'partial-date', aliases: ['date', 'filed', 'date filed', 'дата', 'дата подачи'], example: '2005-11-02' },
    { code: 'request', type: 'term', vocabulary: 'complaint_request', required: true, aliases: ['request', 'demand', 'what was asked', 'требование', 'просьба', 'суть жалобы'], example: 'open_criminal_investigation' },
    { code: 'to_institution', type: 'institution-ref', aliases: ['to', 'addressee', 'to institution', 'filed with', 'адресат', 'куда', 'кому'], example: 'Прокуратура КБР' },
    { code: 'filed_by', type: 'person-ref', aliases: ['filed by', 'complainant', 'заявитель', 'кто подал'], example: 'person-0001' },
    { code: 'filed_by_text', type: 'text', aliases: ['filed by (text)', 'complainant organisation', 'заявитель (текст)', 'заявитель-организация'], example: '' },
    { code: 'description', type: 'longtext', aliases: ['description', 'text', 'описание', 'содержание'], example: '' },
  ],
  complaint_responses: [
    externalId('response-0001'),
    { code: 'complaint_ref', type: 'record-ref', refers: 'complaints', required: true, aliases: ['complaint', 'complaint id', 'жалоба', 'id жалобы'], example: 'complaint-0001' },
    { code: 'date', type: 'partial-date', aliases: ['date', 'response date', 'дата', 'дата ответа'], example: '2005-12-01' },
    { code: 'outcome', type: 'term', vocabulary: 'response_outcome', required: true, aliases: ['outcome', 'response', 'result', 'ответ', 'результат', 'решение'], example: 'refused_to_open' },
    { code: 'responding_institution', type: 'institution-ref', aliases: ['responding institution', 'responded', 'from', 'кто ответил', 'ответивший орган'], example: 'Прокуратура КБР' },
    { code: 'note', type: 'longtext', aliases: ['note', 'notes', 'примечание', 'комментарий'], example: '' },
  ],
  investigations: [
    externalId('investigation-0001'),
    caseRefField(),
    { code: 'institution', type: 'institution-ref', aliases: ['institution', 'conducted by', 'investigating body', 'орган', 'кто проводит', 'следственный орган'], example: 'СУ СК по КБР' },
    { code: 'trigger', type: 'term', vocabulary: 'investigation_trigger', aliases: ['trigger', 'started on', 'повод', 'основание'], example: 'complaint' },
    { code: 'trigger_complaint', type: 'record-ref', refers: 'complaints', aliases: ['trigger complaint', 'complaint', 'жалоба-повод', 'по жалобе', 'жалоба'], example: 'complaint-0001' },
    { code: 'began', type: 'partial-date', aliases: ['began', 'start', 'started', 'начало', 'дата начала'], example: '2005-11-10' },
    { code: 'official_number', type: 'text', aliases: ['official number', 'number', 'case number', 'номер', 'номер материала', 'номер дела'], example: '123пр-05' },
    { code: 'note', type: 'longtext', aliases: ['note', 'notes', 'примечание', 'комментарий'], example: '' },
  ],
  investigation_decisions: [
    externalId('decision-0001'),
    { code: 'investigation_ref', type: 'record-ref', refers: 'investigations', required: true, aliases: ['investigation', 'investigation id', 'проверка', 'расследование', 'id проверки'], example: 'investigation-0001' },
    { code: 'kind', type: 'term', vocabulary: 'investigation_decision', required: true, aliases: ['kind', 'decision', 'type', 'решение', 'вид решения'], example: 'refused_to_open' },
    { code: 'date', type: 'partial-date', aliases: ['date', 'decision date', 'дата', 'дата решения'], example: '2005-11-20' },
    { code: 'sequence', type: 'integer', aliases: ['sequence', 'order', 'порядок', 'очерёдность', 'очередность'], example: '' },
    { code: 'official', type: 'text', aliases: ['official', 'signed by', 'должностное лицо', 'кто вынес', 'подписал'], example: 'следователь Петров И. И.' },
    { code: 'institution', type: 'institution-ref', aliases: ['institution', 'deciding body', 'орган', 'кто принял'], example: 'СУ СК по КБР' },
    { code: 'transferred_to', type: 'institution-ref', aliases: ['transferred to', 'передано в', 'куда передано'], example: '' },
    { code: 'reasons', type: 'longtext', aliases: ['reasons', 'grounds', 'мотивы', 'основания'], example: '' },
  ],
  proceedings: [
    externalId('proceeding-0001'),
    caseRefField(),
    { code: 'title', type: 'text', aliases: ['title', 'name', 'название', 'процесс'], example: 'Нальчикский процесс' },
    { code: 'court', type: 'institution-ref', aliases: ['court', 'суд', 'суд первой инстанции'], example: 'Верховный суд КБР' },
    { code: 'case_number', type: 'text', aliases: ['case number', 'number', 'номер дела', 'номер'], example: '2-15/2010' },
    { code: 'defendants', type: 'person-ref', multiple: true, aliases: ['defendants', 'defendant', 'accused', 'подсудимые', 'подсудимый', 'обвиняемые'], example: 'person-0001' },
    { code: 'note', type: 'longtext', aliases: ['note', 'notes', 'примечание', 'комментарий'], example: '' },
  ],
  proceeding_stages: [
    externalId('stage-0001'),
    { code: 'proceeding_ref', type: 'record-ref', refers: 'proceedings', required: true, aliases: ['proceeding', 'proceeding id', 'trial', 'процесс', 'судебный процесс', 'id процесса'], example: 'proceeding-0001' },
    { code: 'kind', type: 'term', vocabulary: 'proceeding_stage_kind', required: true, aliases: ['kind', 'stage', 'type', 'стадия', 'этап'], example: 'verdict' },
    { code: 'date', type: 'partial-date', aliases: ['date', 'stage date', 'дата'], example: '2014-12-23' },
    { code: 'court', type: 'institution-ref', aliases: ['court', 'суд'], example: '' },
    // What the stage decided for every defendant at once; per-defendant verdicts are entered on the proceeding's page.
    { code: 'outcome', type: 'term', vocabulary: 'verdict_outcome', aliases: ['outcome', 'verdict', 'result', 'итог', 'результат', 'решение суда'], example: 'convicted' },
    { code: 'sentence', type: 'text', aliases: ['sentence', 'наказание', 'приговор'], example: '' },
    { code: 'note', type: 'longtext', aliases: ['note', 'notes', 'примечание', 'комментарий'], example: '' },
  ],
  statements: [
    externalId('statement-0001'),
    caseRefField(),
    { code: 'kind', type: 'term', vocabulary: 'statement_kind', required: true, aliases: ['kind', 'type', 'statement kind', 'вид', 'тип', 'вид показаний'], example: 'confession' },
    { code: 'maker', type: 'person-ref', aliases: ['maker', 'made by', 'person', 'кто дал', 'автор', 'лицо'], example: 'person-0001' },
    { code: 'maker_description', type: 'text', aliases: ['maker description', 'made by (text)', 'кто дал (текст)', 'описание автора'], example: '' },
    { code: 'date', type: 'partial-date', aliases: ['date', 'дата'], example: '2005-10-14' },
    { code: 'before_institution', type: 'institution-ref', aliases: ['before institution', 'made to', 'орган', 'кому даны'], example: 'ОВД Нальчика' },
    { code: 'before_official', type: 'text', aliases: ['before official', 'official', 'должностное лицо', 'кому (лицо)'], example: '' },
    { code: 'content', type: 'longtext', aliases: ['content', 'text', 'summary', 'содержание', 'текст'], example: '' },
    { code: 'conditions', type: 'terms', vocabulary: 'statement_condition', multiple: true, aliases: ['conditions', 'circumstances', 'условия', 'обстоятельства'], example: 'signed_without_counsel|under_threat' },
    { code: 'incriminates', type: 'person-ref', multiple: true, aliases: ['incriminates', 'against', 'изобличает', 'против кого'], example: '' },
    { code: 'court_status', type: 'choice', choices: ['not_submitted', 'submitted', 'admitted', 'relied_on', 'excluded'], aliases: ['court status', 'in court', 'статус в суде', 'оценка судом'], example: 'relied_on' },
    { code: 'proceeding_ref', type: 'record-ref', refers: 'proceedings', aliases: ['proceeding', 'proceeding id', 'процесс', 'id процесса'], example: 'proceeding-0001' },
    { code: 'allegation_ref', type: 'record-ref', refers: 'allegations', aliases: ['allegation', 'allegation id', 'заявление о пытках', 'id заявления'], example: 'allegation-0001' },
  ],
  sources: [
    externalId('source-0001'),
    { code: 'kind', type: 'choice', choices: ['organisation', 'person', 'official_finding'], required: true, aliases: ['kind', 'type', 'source kind', 'вид', 'тип', 'вид источника'], example: 'organisation' },
    { code: 'name', type: 'text', required: true, aliases: ['name', 'source', 'who', 'название', 'источник', 'кто'], example: 'Правозащитный центр «Мемориал»' },
    { code: 'title', type: 'text', aliases: ['title', 'document', 'report', 'документ', 'доклад', 'заголовок'], example: '' },
    { code: 'url', type: 'text', aliases: ['url', 'link', 'web address', 'ссылка', 'адрес'], example: 'https://example.org/report' },
    { code: 'date', type: 'partial-date', aliases: ['date', 'дата'], example: '2006-03' },
    { code: 'reliability', type: 'term', vocabulary: 'reliability', required: true, aliases: ['reliability', 'grade', 'надёжность', 'надежность', 'оценка'], example: 'usually_reliable' },
    { code: 'relation', type: 'term', vocabulary: 'source_relation', required: true, aliases: ['relation', 'relation to case', 'отношение', 'связь с делом'], example: 'ngo' },
    { code: 'note', type: 'longtext', aliases: ['note', 'notes', 'примечание', 'комментарий'], example: '' },
  ],
} satisfies Record<string, ImportField[]>;

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  ...LATER_KINDS,
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
