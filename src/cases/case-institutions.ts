import { DataSource } from 'typeorm';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';

export interface CaseInstitutionView {
  id: number;
  name: string;
  type: string;
  typeLabel: string;
  /** How the institution figures in the case, in the reader's language: "events", "alleged perpetrator", "court" ... */
  roles: string[];
}

/**
 * Every institution a case involves, from all its records: where events happened, who is alleged
 * to have carried out or ordered ill-treatment, where it took place, who received complaints and
 * answered them, before whom statements were made, which courts heard it.
 */
export async function caseInstitutions(ds: DataSource, caseId: number, label: (v: Vocabulary, c: string | null | undefined) => string): Promise<CaseInstitutionView[]> {
  const rows: { id: number; name: string; type: string; role: string }[] = await ds.query(
    `WITH refs(institution_id, role) AS (
       SELECT ei.institution_id, 'events' FROM event_institution ei JOIN case_event e ON e.id = ei.event_id WHERE e.case_id = ?
       UNION SELECT p.institution_id, 'alleged_perpetrator' FROM perpetrator p JOIN allegation a ON a.id = p.allegation_id WHERE a.case_id = ? AND p.institution_id IS NOT NULL
       UNION SELECT ai.institution_id, 'place_of_ill_treatment' FROM allegation_institution ai JOIN allegation a ON a.id = ai.allegation_id WHERE a.case_id = ?
       UNION SELECT c.to_institution_id, 'received_complaints' FROM complaint c WHERE c.case_id = ? AND c.to_institution_id IS NOT NULL
       UNION SELECT r.responding_institution_id, 'answered_complaints' FROM complaint_response r JOIN complaint c ON c.id = r.complaint_id WHERE c.case_id = ? AND r.responding_institution_id IS NOT NULL
       UNION SELECT s.before_institution_id, 'took_statements' FROM statement s WHERE s.case_id = ? AND s.before_institution_id IS NOT NULL
       UNION SELECT pr.court_institution_id, 'court' FROM proceeding pr WHERE pr.case_id = ? AND pr.court_institution_id IS NOT NULL
       UNION SELECT st.court_institution_id, 'court' FROM proceeding_stage st JOIN proceeding pr ON pr.id = st.proceeding_id WHERE pr.case_id = ? AND st.court_institution_id IS NOT NULL
     )
     SELECT i.id AS id, i.name AS name, i.type AS type, refs.role AS role
       FROM refs JOIN institution i ON i.id = refs.institution_id
      ORDER BY i.name, refs.role`,
    Array(8).fill(caseId),
  );
  const byId = new Map<number, CaseInstitutionView>();
  for (const r of rows) {
    const id = Number(r.id);
    if (!byId.has(id)) byId.set(id, { id, name: r.name, type: r.type, typeLabel: label('institution_type', r.type), roles: [] });
    byId.get(id)!.roles.push(t(`cases.institutions.roles.${r.role}`));
  }
  return [...byId.values()];
}
