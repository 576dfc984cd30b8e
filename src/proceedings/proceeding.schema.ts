import { z } from 'zod';
import { PROCEEDING_LIMITS } from './proceeding.entity';
import { PROCEEDING_STAGE_LIMITS } from './proceeding-stage.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, termCode } from '../http/fields';
import { personRows } from '../records/record-fields';

export const proceedingSchema = z.object({
  courtInstitutionId: optionalRefId('a court from the list'),
  caseNumber: optionalText(PROCEEDING_LIMITS.caseNumber, 'the case number'),
  title: optionalText(PROCEEDING_LIMITS.title, 'the title'),
  defendants: personRows('the defendants'),
  note: optionalText(PROCEEDING_LIMITS.note, 'the note'),
});
export type ProceedingInput = z.infer<typeof proceedingSchema>;

export const stageSchema = z.object({
  kind: termCode('the kind of stage'),
  date: partialDate({ label: 'the date' }),
  courtInstitutionId: optionalRefId('a court from the list'),
  outcome: optionalTermCode('an outcome'),
  sentence: optionalText(PROCEEDING_STAGE_LIMITS.sentence, 'the sentence'),
  note: optionalText(PROCEEDING_STAGE_LIMITS.note, 'the note'),
});
export type StageInput = z.infer<typeof stageSchema>;
