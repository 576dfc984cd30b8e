import { z } from 'zod';
import { CITABLE_RECORD_TYPES, CITATION_LIMITS } from './citation.entity';
import { optionalTermCode, optionalText, refId } from '../http/fields';

const recordType = z.enum(CITABLE_RECORD_TYPES, { message: 'Choose what the source supports.' });

/**
 * What a citation points at: `recordType` + `recordId` (API), or one `record` value such as
 * "statement:12" from the case page's select.
 */
export const citationSchema = z
  .object({
    sourceId: refId('a source'),
    record: z.string().max(80).optional().nullable(),
    recordType: z.unknown().optional(),
    recordId: z.unknown().optional(),
    note: optionalText(CITATION_LIMITS.note, 'the note'),
    attribution: optionalTermCode('what the source does with the fact'),
  })
  .transform((v, ctx) => {
    let type: unknown = v.recordType;
    let id: unknown = v.recordId;
    if (typeof v.record === 'string' && v.record !== '') {
      const m = /^([a-z_]+):(\d{1,15})$/.exec(v.record);
      if (!m) {
        ctx.addIssue({ code: 'custom', path: ['record'], message: 'Choose what the source supports.' });
        return z.NEVER;
      }
      [type, id] = [m[1], m[2]];
    }
    const t = recordType.safeParse(type);
    const field = typeof v.record === 'string' && v.record !== '' ? 'record' : 'recordType';
    if (!t.success) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'Choose what the source supports.' });
      return z.NEVER;
    }
    const n = typeof id === 'number' ? id : typeof id === 'string' && id.trim() !== '' ? Number(id) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', path: [field === 'record' ? 'record' : 'recordId'], message: 'Choose what the source supports.' });
      return z.NEVER;
    }
    return { sourceId: v.sourceId, recordType: t.data, recordId: n, note: v.note, attribution: v.attribution, field: field as 'record' | 'recordType' };
  });
export type CitationInput = z.infer<typeof citationSchema>;

/** What a citation's PATCH may change: its note and its attribution ("found by an official inquiry"). */
export const citationNoteSchema = z.object({ note: optionalText(CITATION_LIMITS.note, 'the note'), attribution: optionalTermCode('what the source does with the fact') });
export type CitationChange = z.infer<typeof citationNoteSchema>;
