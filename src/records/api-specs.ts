import { addPaths } from '../api/openapi';

/**
 * One date shape for the whole API (components PartialDateInput and PartialDate), for every
 * record: events, complaints and responses, statements, proceedings, sources, evidence, medical
 * evaluations, people. A client sends `{precision, value}` (or a range's `{precision: "range",
 * start, end}`), or sends back the date exactly as it read it; every response gives the same five
 * fields.
 */
const PRECISIONS = ['day', 'month', 'year', 'approximate', 'range'];
/** What a client may send: the stored precisions, or auto ("as typed"), which is never stored. */
const INPUT_PRECISIONS = ['auto', ...PRECISIONS];
export const PARTIAL_DATE_INPUT_SCHEMA = {
  type: 'object',
  description:
    'A partial date. Send precision day, month, year or approximate with value (YYYY-MM-DD, YYYY-MM or YYYY: "approximate" with 2005-10 is c. Oct 2005), or precision range with start and end (each YYYY[-MM[-DD]]). A value may also be written as people write dates, in English or Russian: 23.10.2005, 10.2005, 23 Oct 2005, October 2005, 23 октября 2005, окт 2005, with an approximate marker first (c., circa, about, ~, около, примерно). Precision auto, or no precision, takes the precision from what was written (окт 2005 is a month, "c. 2005" an approximate year; start and end without value are a range); the stored precision is never auto. An ambiguous date (10/11/2005) is refused. A date as the API returned it ({precision, start, end, ...}) is accepted as it is, so a record read can be sent back unchanged; text and uncertain are ignored.',
  properties: {
    precision: { type: 'string', enum: INPUT_PRECISIONS, default: 'auto' },
    value: { type: 'string', example: '2005-10-23' },
    start: { type: 'string', example: '2005-04' },
    end: { type: 'string', example: '2005-09' },
  },
};
export const PARTIAL_DATE_SCHEMA = {
  type: 'object',
  required: ['precision', 'text', 'start', 'end', 'uncertain'],
  description: 'A partial date as the API returns it everywhere. start and end are the earliest and latest possible day: never read one of them alone as the date; text is the date as precisely as it is known.',
  properties: {
    precision: { type: 'string', enum: PRECISIONS },
    text: { type: 'string', example: 'c. Oct 2005' },
    start: { type: 'string', format: 'date', description: 'earliest possible day' },
    end: { type: 'string', format: 'date', description: 'latest possible day' },
    uncertain: { type: 'boolean', description: 'true unless the date is known to the day' },
  },
};
addPaths({}, { PartialDateInput: PARTIAL_DATE_INPUT_SCHEMA, PartialDate: PARTIAL_DATE_SCHEMA });

/** A date in a request body (null clears an optional date). */
export const apiDateSpec = { anyOf: [{ $ref: '#/components/schemas/PartialDateInput' }, { type: 'null' }] };
/** A date in a response (null when none was recorded). */
export const apiDateViewSpec = { anyOf: [{ $ref: '#/components/schemas/PartialDate' }, { type: 'null' }] };
/** A date that is always present (in a request body). */
export const apiRequiredDateSpec = { $ref: '#/components/schemas/PartialDateInput' };

export const apiPersonSpec = {
  type: ['object', 'null'],
  properties: {
    id: { type: 'integer' },
    label: { type: 'string', description: 'the name, or "Person P-0042" for a protected identity you are not cleared for' },
    hidden: { type: 'boolean' },
  },
};

export const apiInstitutionSpec = {
  type: ['object', 'null'],
  properties: { id: { type: 'integer' }, label: { type: 'string' } },
};
