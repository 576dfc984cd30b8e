import { z } from 'zod';
import { checkbox, optionalRefId, optionalText, partialDate, refId, refIds, requiredText } from '../http/fields';
import { CONFIDENTIALITY, EVIDENCE_TYPES, IP_GRADES, LINK_KINDS, RECEIVED_HOW, TRI_STATE } from './evidence-constants';
import { EVIDENCE_LIMITS } from './evidence-item.entity';
import { MEDICAL_LIMITS } from './medical-evaluation.entity';

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { message: `Choose ${label} from the list.` });

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.string()], { message: `Choose ${label} from the list.` })
    .nullish()
    .transform((v) => (v == null || v === '' ? null : v))
    .refine((v) => v === null || (values as readonly string[]).includes(v), `Choose ${label} from the list.`)
    .transform((v) => v as T[number] | null);

const triState = (label: string) =>
  optionalChoice(TRI_STATE, label).transform((v) => v ?? 'unknown');

/** The description of an item, from the upload form, the edit form or the API. */
export const evidenceItemSchema = z.object({
  type: choice(EVIDENCE_TYPES, 'the type of evidence'),
  title: requiredText(EVIDENCE_LIMITS.title, 'a title'),
  description: optionalText(EVIDENCE_LIMITS.description, 'the description'),
  contentDate: partialDate({ label: 'the date of the content' }),
  receivedFrom: optionalText(EVIDENCE_LIMITS.receivedFrom, 'who it was received from'),
  receivedHow: optionalChoice(RECEIVED_HOW, 'how it was received'),
  receivedDate: partialDate({ label: 'the date it was received' }),
  confidentiality: z
    .union([z.string()])
    .nullish()
    .transform((v) => (v == null || v === '' ? 'normal' : v))
    .refine((v) => (CONFIDENTIALITY as readonly string[]).includes(v), 'Choose a confidentiality level from the list.')
    .transform((v) => v as (typeof CONFIDENTIALITY)[number]),
  paperLocation: optionalText(EVIDENCE_LIMITS.paperLocation, 'where the paper original is kept'),
});
export type EvidenceItemInput = z.infer<typeof evidenceItemSchema>;

/** The upload form adds the files' options and the first links. */
export const uploadSchema = evidenceItemSchema.extend({
  keepAsOther: checkbox,
  eventIds: refIds('an event'),
  allegationIds: refIds('an allegation'),
  statementIds: refIds('a statement'),
  personIds: refIds('a person'),
});
export type UploadInput = z.infer<typeof uploadSchema>;

export const linkSchema = z.object({
  kind: choice(LINK_KINDS, 'what to link'),
  targetId: refId('a record'),
});

export const custodySchema = z
  .object({
    action: choice(['transferred', 'paper_location', 'disposed'] as const, 'what happened'),
    to: optionalText(300, 'to whom'),
    note: optionalText(2000, 'the note'),
    location: optionalText(EVIDENCE_LIMITS.paperLocation, 'the location'),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'transferred' && !v.to?.trim()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter to whom it was transferred.' });
    if (v.action === 'paper_location' && !v.location?.trim()) ctx.addIssue({ code: 'custom', path: ['location'], message: 'Enter where the paper original is kept.' });
  });
export type CustodyInput = z.infer<typeof custodySchema>;

export const annotationSchema = z.object({ body: requiredText(20_000, 'the annotation') });

/** "Any" in a filter's select sends an empty value. */
const unlessEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Filters of a case's evidence list; a value that is not one of the choices, or an unknown filter, is a field error, never "no filter". */
export const listQuery = z.strictObject({
  type: unlessEmpty(z.enum(EVIDENCE_TYPES, { message: 'Choose a type of evidence from the list.' })),
  /** "allegation:12", "event:3", ... */
  link: unlessEmpty(
    z.string({ message: 'Choose what the evidence supports from the list.' }).regex(/^(event|allegation|statement|person):[1-9][0-9]{0,14}$/, 'Choose what the evidence supports from the list.'),
  ),
});
export type ListQuery = z.infer<typeof listQuery>;

const ITEM_ID = /^[1-9][0-9]{0,14}$/;
export const BUNDLE_MAX_ITEMS = 10_000;

/**
 * The items of a bundle. Without `items` the bundle holds the whole case (the "download all"
 * link); with it, exactly the items named, so an empty, malformed or partly malformed selection
 * is refused rather than read as "everything". The selection form always sends an empty
 * `items`, so that submitting it with nothing ticked is refused too. Any other parameter (a
 * misspelled `item`, `items[a]`) is refused as well.
 */
export const bundleQuery = z.strictObject({
  items: z
    .union([z.string(), z.array(z.string())], { message: 'Choose items from the list.' })
    .optional()
    .transform((v) => (v === undefined ? null : [v].flat().flatMap((x) => x.split(',')).filter((x) => x !== '')))
    .refine((ids) => ids === null || ids.length > 0, 'Tick at least one item to put in the bundle.')
    .refine((ids) => ids === null || (ids.length <= BUNDLE_MAX_ITEMS && ids.every((x) => ITEM_ID.test(x))), 'Choose items from the list.')
    .transform((ids) => (ids === null ? null : [...new Set(ids.map(Number))])),
});

const findingSchema = z.object({
  allegationId: optionalRefId('an allegation'),
  method: z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || (s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s)), 'Choose a method from the list.'),
  bodyLocation: requiredText(MEDICAL_LIMITS.bodyLocation, 'the body location'),
  description: optionalText(MEDICAL_LIMITS.finding, 'the finding'),
  /** Required in an Istanbul Protocol evaluation (checked against the evaluation's kind, medical.service.ts). */
  grade: optionalChoice(IP_GRADES, 'a grade'),
});

export const evaluationSchema = z.object({
  /** examination_kind term; an Istanbul Protocol evaluation unless said otherwise. */
  kind: z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? 'istanbul_protocol' : s))
    .refine((s) => s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s), 'Choose the kind of examination from the list.'),
  examiner: requiredText(MEDICAL_LIMITS.examiner, 'the examiner'),
  examDate: partialDate({ required: true, label: 'the date of the examination' }),
  place: optionalText(MEDICAL_LIMITS.place, 'the place'),
  present: optionalText(MEDICAL_LIMITS.present, 'who was present'),
  policePresent: triState('whether police were present'),
  restrained: triState('whether restraints were used'),
  interpreter: triState('whether there was an interpreter'),
  consent: triState('whether consent was given'),
  restrictions: optionalText(MEDICAL_LIMITS.restrictions, 'the restrictions'),
  overallGrade: optionalChoice(IP_GRADES, 'an overall grade'),
  overallOpinion: optionalText(MEDICAL_LIMITS.opinion, 'the overall opinion'),
  evidenceItemId: optionalRefId('an evidence item'),
  findings: z
    .array(z.unknown())
    .max(200)
    .optional()
    .transform((list) => list ?? []),
});

export const findingInput = findingSchema.superRefine((v, ctx) => {
  if (v.allegationId === null && v.method === null) ctx.addIssue({ code: 'custom', path: ['allegationId'], message: 'Choose the allegation or the method this finding concerns.' });
});
export type FindingInput = z.infer<typeof findingInput>;
export type EvaluationInput = Omit<z.infer<typeof evaluationSchema>, 'findings'> & { findings: FindingInput[] };
