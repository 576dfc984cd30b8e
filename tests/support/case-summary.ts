/**
 * What a case holds, read straight from the database in plain values (names, not ids), so that two
 * cases recorded by different paths can be compared: the same events, allegation, statements,
 * complaints with their responses, proceeding and files.
 */
import { DataSource } from 'typeorm';

type Row = Record<string, unknown>;

/** The person's first recorded name; `col` is qualified with its table (`r.person_id`), which the subquery's own columns would shadow. */
const NAME = (col: string) => `(SELECT pn.name FROM person_name pn WHERE pn.person_id = ${col} ORDER BY pn.id LIMIT 1)`;
const INSTITUTION = (col: string) => `(SELECT i.name FROM institution i WHERE i.id = ${col})`;

async function list(ds: DataSource, sql: string, params: unknown[]): Promise<string[]> {
  const rows = (await ds.query(sql, params)) as Row[];
  return rows.map((r) => String(Object.values(r)[0])).sort();
}

export async function caseSummary(ds: DataSource, caseId: number) {
  const events = (await ds.query('SELECT id, type, title, date_precision AS precision, date_start AS start, date_end AS "end", place FROM case_event WHERE case_id = ? ORDER BY date_start, id', [caseId])) as Row[];
  const eventTitles = new Map(events.map((e) => [e.id, e.title]));
  const allegations = (await ds.query(`SELECT id, summary, status, ${NAME('r.victim_person_id')} AS victim FROM allegation r WHERE case_id = ? ORDER BY id`, [caseId])) as Row[];
  const statements = (await ds.query('SELECT id, kind, maker_description AS maker, content FROM statement WHERE case_id = ? ORDER BY id', [caseId])) as Row[];
  const complaints = (await ds.query(`SELECT id, filed_by_text AS filer, ${INSTITUTION('r.to_institution_id')} AS "to", request, description FROM complaint r WHERE case_id = ? ORDER BY id`, [caseId])) as Row[];
  const proceedings = (await ds.query(`SELECT id, title, ${INSTITUTION('r.court_institution_id')} AS court FROM proceeding r WHERE case_id = ? ORDER BY id`, [caseId])) as Row[];
  const evidence = (await ds.query('SELECT id, title FROM evidence_item WHERE case_id = ? ORDER BY id', [caseId])) as Row[];
  return {
    people: await list(ds, `SELECT ${NAME('r.person_id')} || ' as ' || role FROM case_participant r WHERE case_id = ?`, [caseId]),
    victimNames: await list(ds, `SELECT n.name FROM person_name n JOIN case_participant p ON p.person_id = n.person_id WHERE p.case_id = ? AND p.role = 'victim'`, [caseId]),
    events: await Promise.all(events.map(async (e) => ({
      type: e.type, title: e.title, date: [e.precision, e.start, e.end], place: e.place,
      institutions: await list(ds, `SELECT ${INSTITUTION('r.institution_id')} FROM event_institution r WHERE event_id = ?`, [e.id]),
      people: await list(ds, `SELECT ${NAME('r.person_id')} || ' as ' || role FROM event_person r WHERE event_id = ?`, [e.id]),
    }))),
    allegations: await Promise.all(allegations.map(async (a) => ({
      summary: a.summary, status: a.status, victim: a.victim,
      events: (await list(ds, 'SELECT event_id FROM allegation_event WHERE allegation_id = ?', [a.id])).map((id) => eventTitles.get(Number(id))),
      methods: await list(ds, 'SELECT code FROM allegation_method WHERE allegation_id = ?', [a.id]),
      purposes: await list(ds, 'SELECT code FROM allegation_purpose WHERE allegation_id = ?', [a.id]),
      perpetrators: await list(ds, `SELECT ${INSTITUTION('r.institution_id')} || ' / ' || involvement || ' / ' || attribution FROM perpetrator r WHERE allegation_id = ?`, [a.id]),
    }))),
    statements: await Promise.all(statements.map(async (s) => ({
      kind: s.kind, maker: s.maker, content: s.content,
      conditions: await list(ds, 'SELECT code FROM statement_condition WHERE statement_id = ?', [s.id]),
      incriminates: await list(ds, `SELECT ${NAME('r.person_id')} FROM statement_incriminates r WHERE statement_id = ?`, [s.id]),
    }))),
    complaints: await Promise.all(complaints.map(async (c) => ({
      filer: c.filer, to: c.to, request: c.request, description: c.description,
      responses: await list(ds, `SELECT outcome || ' by ' || coalesce(${INSTITUTION('r.responding_institution_id')}, '-') FROM complaint_response r WHERE complaint_id = ?`, [c.id]),
    }))),
    proceedings: await Promise.all(proceedings.map(async (p) => ({
      title: p.title, court: p.court,
      defendants: await list(ds, `SELECT ${NAME('r.person_id')} FROM proceeding_defendant r WHERE proceeding_id = ?`, [p.id]),
    }))),
    evidence: await Promise.all(evidence.map(async (e) => ({
      title: e.title,
      files: await list(ds, 'SELECT original_name FROM evidence_file WHERE item_id = ?', [e.id]),
    }))),
  };
}
export type CaseSummary = Awaited<ReturnType<typeof caseSummary>>;
