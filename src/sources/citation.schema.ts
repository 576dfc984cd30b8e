import { z } from 'zod';
import { CITABLE_RECORD_TYPES, CITATION_LIMITS } from './citation.entity';
import { optionalTermCode, optionalText, refId } from '../http/fields';
import { t } from '../i18n/i18n';

const recordType = z.enum(CITABLE_RECORD_TYPES, { error: () => t('sources.errors.supports') });

/**
 * What a citation points at: `recordType` + `recordId` (API), or one `record` value such as
 * "statement:12" from the case page's select.
 */
export const citationSchema = z
  .object({
    sourceId: refId('fields.source.citationSource'),
    record: z.string().max(80).optional().nullable(),
    recordType: z.unknown().optional(),
    recordId: z.unknown().optional(),
    note: optionalText(CITATION_LIMITS.note, 'fields.source.citationNote'),
    attribution: optionalTermCode('fields.source.citationAttribution'),
  })
  .transform((v, ctx) => {
    let type: unknown = v.recordType;
    let id: unknown = v.recordId;
    if (typeof v.record === 'string' && v.record !== '') {
      const m = /^([a-z_]+):(\d{1,15})$/.exec(v.record);
      if (!m) {
        ctx.addIssue({ code: 'custom', path: ['record'], message: t('sources.errors.supports') });
        return z.NEVER;
      }
      [type, id] = [m[1], m[2]];
    }
    const parsedType = recordType.safeParse(type);
    const field = typeof v.record === 'string' && v.record !== '' ? 'record' : 'recordType';
    if (!parsedType.success) {
      ctx.addIssue({ code: 'custom', path: [field], message: t('sources.errors.supports') });
      return z.NEVER;
    }
    const n = typeof id === 'number' ? id : typeof id === 'string' && id.trim() !== '' ? Number(id) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', path: [field === 'record' ? 'record' : 'recordId'], message: t('sources.errors.supports') });
      return z.NEVER;
    }
    return { sourceId: v.sourceId, recordType: parsedType.data, recordId: n, note: v.note, attribution: v.attribution, field: field as 'record' | 'recordType' };
  });
export type CitationInput = z.infer<typeof citationSchema>;

/** What a citation's PATCH may change: its note and its attribution ("found by an official inquiry"). */
export const citationNoteSchema = z.object({ note: optionalText(CITATION_LIMITS.note, 'fields.source.citationNote'), attribution: optionalTermCode('fields.source.citationAttribution') });
export type CitationChange = z.infer<typeof citationNoteSchema>;
