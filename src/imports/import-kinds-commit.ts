import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ImportKind } from './import-fields';
import { ImportRef } from './import-values';
import { LaterKind, allegationInputOf, caseIdOf, complaintInputOf, decisionInputOf, investigationInputOf, proceedingInputOf, responseInputOf, sourceInputOf, stageInputOf, statementInputOf } from './import-kinds';
import { Actor } from '../audit/audit.service';
import { CurrentUser } from '../http/context';
import { AppError } from '../http/errors';
import { t } from '../i18n/i18n';
import { allegationSchema } from '../allegations/allegation.schema';
import { allegationInput } from '../allegations/allegation.schema';
import { createAllegation, updateAllegation } from '../allegations/allegation.service';
import { complaintSchema, responseSchema } from '../complaints/complaint.schema';
import { addResponse, createComplaint, updateComplaint, updateResponse } from '../complaints/complaint.service';
import { decisionSchema, investigationSchema } from '../investigations/investigation.schema';
import { addDecision, createInvestigation, updateDecision, updateInvestigation } from '../investigations/investigation.service';
import { proceedingSchema, stageSchema } from '../proceedings/proceeding.schema';
import { addStage, createProceeding, getProceeding, updateProceeding, updateStage } from '../proceedings/proceeding.service';
import { statementSchema } from '../statements/statement.schema';
import { createStatement, updateStatement } from '../statements/statement.service';
import { sourceSchema } from '../sources/source.schema';
import { createSource, updateSource } from '../sources/source.service';

type Values = Record<string, unknown>;

/** What the later kinds' writers need of the batch writer: its transaction, who writes, and the records references name. */
export interface KindWriter {
  em: EntityManager;
  /** The importing user, with the batch and file added to every audit entry the services write. */
  actor: Actor;
  user: CurrentUser;
  resolve(kind: ImportKind, ref: ImportRef | null | undefined): Promise<number | null>;
}

/**
 * The record a reference names. The check refused references to rows that write nothing, so a
 * reference that finds no record now means the file changed under the batch: the commit stops.
 */
async function required(w: KindWriter, kind: ImportKind, ref: unknown): Promise<number | null> {
  if (!ref) return null;
  const id = await w.resolve(kind, ref as ImportRef);
  if (id === null) throw new AppError(409, 'import_reference_lost', t('imports.errors.referenceLost'));
  return id;
}

/**
 * The input through the kind's schema, as a form's would be (the date, read by the import with
 * the same parser, is put back as read).
 */
function parsed<S extends z.ZodType>(schema: S, input: Record<string, unknown>, dateField: string): z.infer<S> {
  return { ...(schema.parse({ ...input, [dateField]: null }) as object), [dateField]: input[dateField] ?? null } as z.infer<S>;
}

const caseOf = async (w: KindWriter, kind: ImportKind, id: number) => (await caseIdOf(w.em, kind, id))!;

/** Writes one row of a later kind through its service (the same checks, search index and audit entries as its form); returns the record's id. */
export async function writeLaterKind(w: KindWriter, kind: LaterKind, v: Values, recordId: number | null): Promise<number> {
  const id = (k: ImportKind, ref: unknown) => required(w, k, ref);
  const { em, actor, user } = w;
  switch (kind) {
    case 'allegations': {
      const input = allegationInput(parsed(allegationSchema, await allegationInputOf(v, id), 'date'));
      if (recordId === null) return (await createAllegation(em, actor, user, (await id('cases', v.case_ref))!, input)).id;
      await updateAllegation(em, actor, user, await caseOf(w, kind, recordId), recordId, input);
      return recordId;
    }
    case 'complaints': {
      const input = parsed(complaintSchema, await complaintInputOf(v, id), 'date');
      if (recordId === null) return (await createComplaint(em, actor, user, (await id('cases', v.case_ref))!, input)).id;
      await updateComplaint(em, actor, user, await caseOf(w, kind, recordId), recordId, input);
      return recordId;
    }
    case 'complaint_responses': {
      const input = parsed(responseSchema, await responseInputOf(v, id), 'date');
      const complaintId = (await id('complaints', v.complaint_ref))!;
      const caseId = await caseOf(w, 'complaints', complaintId);
      if (recordId === null) return (await addResponse(em, actor, user, caseId, complaintId, input)).id;
      await updateResponse(em, actor, user, caseId, complaintId, recordId, input);
      return recordId;
    }
    case 'investigations': {
      const input = parsed(investigationSchema, await investigationInputOf(v, id), 'began');
      if (recordId === null) return (await createInvestigation(em, actor, user, (await id('cases', v.case_ref))!, input)).id;
      await updateInvestigation(em, actor, user, await caseOf(w, kind, recordId), recordId, input);
      return recordId;
    }
    case 'investigation_decisions': {
      const input = parsed(decisionSchema, await decisionInputOf(v, id), 'date');
      const investigationId = (await id('investigations', v.investigation_ref))!;
      const caseId = await caseOf(w, 'investigations', investigationId);
      if (recordId === null) return (await addDecision(em, actor, user, caseId, investigationId, input)).id;
      await updateDecision(em, actor, user, caseId, investigationId, recordId, input);
      return recordId;
    }
    case 'proceedings': {
      const input = parsed(proceedingSchema, await proceedingInputOf(v, id), 'date');
      if (recordId === null) return (await createProceeding(em, actor, user, (await id('cases', v.case_ref))!, input)).id;
      // Charges are entered on the proceeding's page, not in the file: a defendant who stays keeps theirs.
      const caseId = await caseOf(w, kind, recordId);
      const before = await getProceeding(em, caseId, recordId);
      input.defendants = input.defendants.map((d) => ({ ...d, charges: before.charges.get(d.personId) ?? [] }));
      await updateProceeding(em, actor, user, caseId, recordId, input);
      return recordId;
    }
    case 'proceeding_stages': {
      const input = parsed(stageSchema, await stageInputOf(v, id), 'date');
      const proceedingId = (await id('proceedings', v.proceeding_ref))!;
      const caseId = await caseOf(w, 'proceedings', proceedingId);
      if (recordId === null) return (await addStage(em, actor, user, caseId, proceedingId, input)).id;
      await updateStage(em, actor, user, caseId, proceedingId, recordId, input);
      return recordId;
    }
    case 'statements': {
      const input = parsed(statementSchema, await statementInputOf(v, id), 'date');
      if (recordId === null) return (await createStatement(em, actor, user, (await id('cases', v.case_ref))!, input)).id;
      await updateStatement(em, actor, user, await caseOf(w, kind, recordId), recordId, input);
      return recordId;
    }
    case 'sources': {
      const input = parsed(sourceSchema, await sourceInputOf(v), 'date');
      if (recordId === null) return (await createSource(em, actor, user, input)).id;
      await updateSource(em, actor, user, recordId, input);
      return recordId;
    }
  }
}
