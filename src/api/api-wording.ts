/**
 * The API's wording of validation messages. Schemas and services word their messages for the
 * form beside the field ("Choose a person from the list.", "Tick at least one item"); an API
 * client has no list, box or tick, only the field the message is filed under. The error handler
 * passes every message of an /api/ response through `apiMessage`, so one catalogue holds the
 * API's wording and the pages keep theirs:
 * - EXACT: messages whose page wording has no general API equivalent, rewritten whole;
 * - RULES: the form verbs and places turned into what an API request gives.
 */

/** Page message → API message, for those the rules would turn into something unclear. */
const EXACT: Record<string, string> = {
  'Tick at least one item to put in the bundle.': 'Give at least one evidence item id to put in the bundle.',
  'Choose who made the statement, or describe them (e.g. “other detainees”).': 'Give makerPersonId (a person of the case) or makerDescription (e.g. “other detainees”).',
  'Choose an institution or a person, or describe who they were.': 'Give institutionId, personId or a description of who they were.',
  'Choose up or down.': 'Give the direction: up or down.',
  'Choose an entry and a direction.': 'Give the entry to move and the direction (up or down).',
  'Choose whose token this is.': 'Give the id of the user whose token this is.',
  'Choose another person: a record cannot be merged with itself.': 'Give the id of another person: a record cannot be merged with itself.',
  'Choose another institution: a record cannot be merged with itself.': 'Give the id of another institution: a record cannot be merged with itself.',
  'Choose retraction or reaffirmation.': 'Must be retraction or reaffirmation.',
  'Choose yes, no or unknown.': 'Must be yes, no or unknown.',
  'Choose yes, no or unknown for whether the person died in custody.': 'deathInCustody must be yes, no or unknown.',
  'Choose the kind of source: organisation, person or official_finding (a finding by an official body).': 'Must be organisation, person or official_finding (a finding by an official body).',
  'Choose a grade: an Istanbul Protocol evaluation grades every finding.': 'Give a grade: an Istanbul Protocol evaluation grades every finding.',
  'Choose at least one file.': 'Send at least one file (multipart field “files”).',
  'Enter your e-mail address and password.': 'Give an e-mail address and a password.',
  'Only an investigation started on a complaint points to one: choose “On a complaint” or leave the complaint empty.':
    'Only an investigation started on a complaint points to one: set trigger to complaint, or leave triggerComplaintId out.',
  'Search for something, or choose a filter, before saving the search.': 'Give words to search for or a filter before saving the search.',
  'People and institutions cite their sources on their own pages; choose the case or one of its records.':
    'People and institutions cite their sources on their own pages (/people/{id}, /institutions/{id}); give the case or one of its records.',
};

/** Applied in order to a message not in EXACT. */
const RULES: [RegExp, string][] = [
  [/tick “Keep as other binary”/g, 'send keepAsOther=true'],
  [/ from the list\b/g, ' (a known id or code)'],
  [/,? or leave (?:it|the box|the row) empty\b/g, ', or leave it out'],
  [/\bthe box\b/g, 'the field'],
  [/\bthe row\b/g, 'the entry'],
  [/^(?:Choose|Select|Pick|Enter|Fill in|Type) /, 'Give '],
  [/^Tick /, 'Set '],
  [/^Untick /, 'Unset '],
];

export function apiMessage(message: string): string {
  const exact = EXACT[message];
  if (exact) return exact;
  let out = message;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Every field's message in its API wording. */
export function apiFieldMessages(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, apiMessage(v)]));
}
