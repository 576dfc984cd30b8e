import { z } from 'zod';
import { checkbox, fieldLabel, optionalRefId, optionalText, partialDate, refId, refIds, requiredText } from '../http/fields';
import { t } from '../i18n/i18n';
import { CONFIDENTIALITY, EVIDENCE_TYPES, IP_GRADES, LINK_KINDS, RECEIVED_HOW, TRI_STATE } from './evidence-constants';
import { EVIDENCE_LIMITS } from './evidence-item.entity';
import { MEDICAL_LIMITS } from './medical-evaluation.entity';

/** Messages are worded when a value is checked, in the language of the request. */
const says = (key: string, opts: Record<string, unknown> = {}) => ({ error: () => t(key, opts) });
const fromList = (label: string) => ({ error: () => t('validation.chooseFromList', { label: fieldLabel(label) }) });

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) => z.enum(values, fromList(label));

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.string()], fromList(label))
    .nullish()
    .transform((v) => (v == null || v === '' ? null : v))
    .refine((v) => v === null || (values as readonly string[]).includes(v), fromList(label))
    .transform((v) => v as T[number] | null);

const triState = (label: string) =>
  optionalChoice(TRI_STATE, label).transform((v) => v ?? 'unknown');

/** The description of an item, from the upload form, the edit form or the API. */
export const evidenceItemSchema = z.object({
  type: choice(EVIDENCE_TYPES, 'fields.evidence.type'),
  title: requiredText(EVIDENCE_LIMITS.title, 'fields.evidence.title'),
  description: optionalText(EVIDENCE_LIMITS.description, 'fields.evidence.description'),
  contentDate: partialDate({ label: 'fields.evidence.contentDate' }),
  receivedFrom: optionalText(EVIDENCE_LIMITS.receivedFrom, 'fields.evidence.receivedFrom'),
  receivedHow: optionalChoice(RECEIVED_HOW, 'fields.evidence.receivedHow'),
  receivedDate: partialDate({ label: 'fields.evidence.receivedDate' }),
  confidentiality: z
    .union([z.string()])
    .nullish()
    .transform((v) => (v == null || v === '' ? 'normal' : v))
    .refine((v) => (CONFIDENTIALITY as readonly string[]).includes(v), says('evidence.validation.confidentiality'))
    .transform((v) => v as (typeof CONFIDENTIALITY)[number]),
  paperLocation: optionalText(EVIDENCE_LIMITS.paperLocation, 'fields.evidence.paperLocation'),
  graphic: checkbox,
});
export type EvidenceItemInput = z.infer<typeof evidenceItemSchema>;

/** The upload form adds the files' options and the first links. */
export const uploadSchema = evidenceItemSchema.extend({
  keepAsOther: checkbox,
  eventIds: refIds('fields.evidence.events'),
  allegationIds: refIds('fields.evidence.allegations'),
  statementIds: refIds('fields.evidence.statements'),
  personIds: refIds('fields.evidence.people'),
});
export type UploadInput = z.infer<typeof uploadSchema>;

export const linkSchema = z.object({
  kind: choice(LINK_KINDS, 'fields.evidence.linkKind'),
  targetId: refId('fields.evidence.record'),
});

export const custodySchema = z
  .object({
    action: choice(['transferred', 'paper_location', 'disposed'] as const, 'fields.evidence.custodyAction'),
    to: optionalText(300, 'fields.evidence.to'),
    note: optionalText(2000, 'fields.evidence.note'),
    location: optionalText(EVIDENCE_LIMITS.paperLocation, 'fields.evidence.location'),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'transferred' && !v.to?.trim()) ctx.addIssue({ code: 'custom', path: ['to'], message: t('evidence.validation.transferTo') });
    if (v.action === 'paper_location' && !v.location?.trim()) ctx.addIssue({ code: 'custom', path: ['location'], message: t('evidence.validation.paperLocation') });
  });
export type CustodyInput = z.infer<typeof custodySchema>;

export const annotationSchema = z.object({ body: requiredText(20_000, 'fields.evidence.annotation') });

/** "Any" in a filter's select sends an empty value. */
const unlessEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Filters of a case's evidence list; a value that is not one of the choices, or an unknown filter, is a field error, never "no filter". */
export const listQuery = z.strictObject({
  type: unlessEmpty(z.enum(EVIDENCE_TYPES, says('evidence.validation.listType'))),
  /** "allegation:12", "event:3", ... */
  link: unlessEmpty(
    z.string(says('evidence.validation.listLink')).regex(/^(event|allegation|statement|person):[1-9][0-9]{0,14}$/, says('evidence.validation.listLink')),
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
    .union([z.string(), z.array(z.string())], says('evidence.validation.bundleItems'))
    .optional()
    .transform((v) => (v === undefined ? null : [v].flat().flatMap((x) => x.split(',')).filter((x) => x !== '')))
    .refine((ids) => ids === null || ids.length > 0, says('evidence.validation.bundleEmpty'))
    .refine((ids) => ids === null || (ids.length <= BUNDLE_MAX_ITEMS && ids.every((x) => ITEM_ID.test(x))), says('evidence.validation.bundleItems'))
    .transform((ids) => (ids === null ? null : [...new Set(ids.map(Number))])),
});

const findingSchema = z.object({
  allegationId: optionalRefId('fields.evidence.findingAllegation'),
  method: z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || (s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s)), says('evidence.validation.method')),
  bodyLocation: requiredText(MEDICAL_LIMITS.bodyLocation, 'fields.evidence.bodyLocation'),
  description: optionalText(MEDICAL_LIMITS.finding, 'fields.evidence.finding'),
  /** Required in an Istanbul Protocol evaluation (checked against the evaluation's kind, medical.service.ts). */
  grade: optionalChoice(IP_GRADES, 'fields.evidence.grade'),
});

export const evaluationSchema = z.object({
  /** examination_kind term; an Istanbul Protocol evaluation unless said otherwise. */
  kind: z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? 'istanbul_protocol' : s))
    .refine((s) => s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s), says('evidence.validation.kind')),
  examiner: requiredText(MEDICAL_LIMITS.examiner, 'fields.evidence.examiner'),
  examDate: partialDate({ required: true, label: 'fields.evidence.examDate' }),
  place: optionalText(MEDICAL_LIMITS.place, 'fields.evidence.place'),
  present: optionalText(MEDICAL_LIMITS.present, 'fields.evidence.present'),
  policePresent: triState('fields.evidence.policePresent'),
  restrained: triState('fields.evidence.restrained'),
  interpreter: triState('fields.evidence.interpreter'),
  consent: triState('fields.evidence.consent'),
  restrictions: optionalText(MEDICAL_LIMITS.restrictions, 'fields.evidence.restrictions'),
  overallGrade: optionalChoice(IP_GRADES, 'fields.evidence.overallGrade'),
  overallOpinion: optionalText(MEDICAL_LIMITS.opinion, 'fields.evidence.overallOpinion'),
  evidenceItemId: optionalRefId('fields.evidence.evidenceItem'),
  findings: z
    .array(z.unknown())
    .max(200)
    .optional()
    .transform((list) => list ?? []),
});

export const findingInput = findingSchema.superRefine((v, ctx) => {
  if (v.allegationId === null && v.method === null) ctx.addIssue({ code: 'custom', path: ['allegationId'], message: t('evidence.validation.findingTarget') });
});
export type FindingInput = z.infer<typeof findingInput>;
export type EvaluationInput = Omit<z.infer<typeof evaluationSchema>, 'findings'> & { findings: FindingInput[] };
