import { addPaths } from '../api/openapi';

/**
 * One date shape for the whole API (components PartialDateInput and PartialDate), for every
 * record: events, complaints and responses, statements, proceedings, sources, evidence, medical
 * evaluations, people. A client sends `{precision, value}` (or a range's `{precision: "range",
 * start, end}`), or sends back the date exactly as it read it; every response gives the same five
 * fields.
 */
const PRECISIONS = ['day', 'month', 'year', 'approximate', 'range'];
export const PARTIAL_DATE_INPUT_SCHEMA = {
  type: 'object',
  required: ['precision'],
  description:
    'A partial date. Send precision day, month, year or approximate with value (YYYY-MM-DD, YYYY-MM or YYYY: "approximate" with 2005-10 is c. Oct 2005), or precision range with start and end (each YYYY[-MM[-DD]]). A date as the API returned it ({precision, start, end, ...}) is accepted as it is, so a record read can be sent back unchanged; text and uncertain are ignored.',
  properties: {
    precision: { type: 'string', enum: PRECISIONS },
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
