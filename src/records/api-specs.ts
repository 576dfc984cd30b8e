/** OpenAPI fragments shared by the record APIs. */
export const apiDateSpec = {
  type: ['object', 'null'],
  description: 'A partial date: precision day|month|year|approximate with value (YYYY-MM-DD, YYYY-MM or YYYY), or range with start and end. In responses: text, uncertain, precision, start, end.',
  properties: {
    precision: { type: 'string', enum: ['day', 'month', 'year', 'approximate', 'range'] },
    value: { type: 'string', example: '2005-10-23' },
    start: { type: 'string' },
    end: { type: 'string' },
  },
};

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
