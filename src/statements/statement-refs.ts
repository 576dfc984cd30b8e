import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { Allegation } from '../allegations/allegation.entity';
import { personLabels } from '../people/identity';
import { institutionLabels } from '../records/record-refs';
import { citedSourcesByRecord } from '../sources/cited-sources';
import { caseProceedingNames } from '../proceedings/proceeding-names';
import { StatementRecord } from './statement.service';
import { StatementRefs } from './statement.presenter';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** A case's allegations by their one-line summary (victims as this user may see them). */
export async function caseAllegationLabels(ds: DataSource, user: CurrentUser, caseId: number): Promise<Map<number, string>> {
  const rows = await caseRows(ds, Allegation, caseId);
  const victims = await personLabels(ds, user, rows.map((a) => a.victimPersonId).filter((id): id is number => id !== null));
  return new Map(
    rows.map((a) => {
      const victim = a.victimPersonId ? victims.get(a.victimPersonId)?.label : null;
      return [a.id, `${a.summary || t('records.fallback.allegation', { id: a.id })}${victim ? ` (${victim})` : ''}`];
    }),
  );
}

/** Labels for everything the given statements link to. */
export async function loadStatementRefs(ds: DataSource, user: CurrentUser, label: Labeler, caseId: number, statements: StatementRecord[]): Promise<StatementRefs> {
  const [people, institutions, proceedings, allegations, sources] = await Promise.all([
    personLabels(ds, user, statements.flatMap((s) => [...(s.makerPersonId ? [s.makerPersonId] : []), ...s.incriminatedIds])),
    institutionLabels(ds, statements.map((s) => s.beforeInstitutionId)),
    caseProceedingNames(ds, caseId),
    caseAllegationLabels(ds, user, caseId),
    citedSourcesByRecord(ds, caseId, label),
  ]);
  return { label, people, institutions, proceedings, allegations, sources };
}
