import { redactorFor } from '../people/redaction';
import { DataSource } from 'typeorm';
import { CourtStatus } from '../statements/statement.entity';
import { SOURCE_KIND_LABELS } from '../sources/source.entity';
import { everRetracted, retractionsOf } from '../statements/statement-retraction.service';
import { COURT_STATUS_LABELS, presentRetraction } from '../statements/statement.presenter';
import { CurrentUser } from '../http/context';
import { loadCasePage } from '../cases/case-page';
import { DossierItem, DossierModel, DossierSection } from './dossier.model';
import { personLabels } from '../people/identity';
import { vocabLabeler } from '../vocab/vocab.service';
import { formatPartialDate, DatePrecision } from '../db/partial-date';
import { evidenceVisibilityFor } from './dossier-evidence';
import { dossierInvestigations, dossierProcessFact } from '../investigations/investigations.dossier';
import { medicalItems } from './dossier-medical';
import { timelineItems } from './dossier-timeline';
import { precisionFlags } from './dossier-precision';
import { certainlyAfterDeath, deathsOf } from '../people/person-death';
import { sentenceText } from '../proceedings/proceeding.presenter';
import { t } from '../i18n/i18n';
import { viewHelpers } from '../views/helpers';

type Label = Awaited<ReturnType<typeof vocabLabeler>>;
type Names = (ids: (number | null | undefined)[]) => Promise<Map<number, { label: string }>>;

const date = (p: string | null, s: string | null, e: string | null) => (p && s && e ? formatPartialDate({ precision: p as DatePrecision, start: s, end: e }) || null : null);
const joined = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => Boolean(x)).join('; ');
/** A labelled fact, when there is a value; `name` is a key of dossier.facts. */
const fact = (name: string, value: string | null | undefined): [string, string][] => (value ? [[t(`dossier.facts.${name}`), value]] : []);
const always = (name: string, value: string): [string, string] => [t(`dossier.facts.${name}`), value];
const byKey = <T extends { key: number }>(rows: T[]) => {
  const m = new Map<number, T[]>();
  for (const r of rows) m.set(Number(r.key), [...(m.get(Number(r.key)) ?? []), r]);
  return m;
};

async function events(ds: DataSource, caseId: number, label: Label, names: Names): Promise<DossierItem[]> {
  const rows: { id: number; type: string; title: string | null; date_precision: string; date_start: string; date_end: string; place: string | null; description: string | null }[] = await ds.query(
    'SELECT id, type, title, date_precision, date_start, date_end, place, description FROM case_event WHERE case_id = ? ORDER BY date_start, date_end, id',
    [caseId],
  );
  const insts = byKey<{ key: number; name: string }>(await ds.query('SELECT ei.event_id AS key, i.name FROM event_institution ei JOIN institution i ON i.id = ei.institution_id JOIN case_event e ON e.id = ei.event_id WHERE e.case_id = ? ORDER BY i.name', [caseId]));
  const people = byKey<{ key: number; person_id: number; role: string | null }>(await ds.query('SELECT ep.event_id AS key, ep.person_id, ep.role FROM event_person ep JOIN case_event e ON e.id = ep.event_id WHERE e.case_id = ? ORDER BY ep.id', [caseId]));
  const n = await names([...people.values()].flat().map((p) => p.person_id));
  return rows.map((e) => ({
    anchor: `event-${e.id}`,
    heading: e.title ? t('dossier.headings.titled', { kind: label('event_type', e.type), title: e.title }) : label('event_type', e.type),
    date: date(e.date_precision, e.date_start, e.date_end),
    facts: [
      ...fact('place', e.place),
      ...fact('institutions', joined((insts.get(e.id) ?? []).map((i) => i.name))),
      ...fact('people', joined((people.get(e.id) ?? []).map((p) => `${n.get(p.person_id)?.label ?? ''}${p.role ? ` (${label('participant_role', p.role)})` : ''}`))),
    ],
    text: e.description,
    flags: precisionFlags(e.date_precision),
  }));
}

async function allegations(ds: DataSource, caseId: number, label: Label, names: Names): Promise<DossierItem[]> {
  const rows: { id: number; victim_person_id: number | null; summary: string | null; description: string | null; physical_consequences: string | null; psychological_consequences: string | null; duration: string | null; status: string }[] = await ds.query(
    'SELECT id, victim_person_id, summary, description, physical_consequences, psychological_consequences, duration, status FROM allegation WHERE case_id = ? ORDER BY id',
    [caseId],
  );
  const methods = byKey<{ key: number; code: string }>(await ds.query('SELECT m.allegation_id AS key, m.code FROM allegation_method m JOIN allegation a ON a.id = m.allegation_id WHERE a.case_id = ?', [caseId]));
  const purposes = byKey<{ key: number; code: string }>(await ds.query('SELECT p.allegation_id AS key, p.code FROM allegation_purpose p JOIN allegation a ON a.id = p.allegation_id WHERE a.case_id = ?', [caseId]));
  const perps = byKey<{ key: number; name: string | null; person_id: number | null; description: string | null; involvement: string | null; attribution: string | null }>(
    await ds.query('SELECT p.allegation_id AS key, i.name, p.person_id, p.description, p.involvement, p.attribution FROM perpetrator p JOIN allegation a ON a.id = p.allegation_id LEFT JOIN institution i ON i.id = p.institution_id WHERE a.case_id = ? ORDER BY p.id', [caseId]),
  );
  const n = await names([...rows.map((r) => r.victim_person_id), ...[...perps.values()].flat().map((p) => p.person_id)]);
  return rows.map((a) => ({
    anchor: `allegation-${a.id}`,
    heading: a.summary || t('dossier.headings.allegation', { id: a.id }),
    date: null,
    facts: [
      ...fact('victim', a.victim_person_id ? n.get(a.victim_person_id)?.label : null),
      ...fact('methods', joined((methods.get(a.id) ?? []).map((m) => label('torture_method', m.code)))),
      ...fact('purpose', joined((purposes.get(a.id) ?? []).map((p) => label('purpose', p.code)))),
      ...fact(
        'perpetrators',
        joined(
          (perps.get(a.id) ?? []).map(
            (p) => `${joined([p.name, p.person_id ? n.get(p.person_id)?.label : null, p.description]).replace(/; /g, ' / ')}${p.involvement ? ` — ${label('involvement', p.involvement)}` : ''}${p.attribution ? ` — ${label('attribution', p.attribution)}` : ''}`,
          ),
        ),
      ),
      ...fact('duration', a.duration),
      ...fact('physicalConsequences', a.physical_consequences),
      ...fact('psychologicalConsequences', a.psychological_consequences),
      always('status', label('allegation_status', a.status)),
    ],
    text: a.description,
    flags: [],
  }));
}

async function statements(ds: DataSource, caseId: number, label: Label, names: Names): Promise<DossierItem[]> {
  const rows: { id: number; maker_person_id: number | null; maker_description: string | null; inst: string | null; before_official: string | null; kind: string; content: string | null; court_status: CourtStatus; proceeding_id: number | null; date_precision: string | null; date_start: string | null; date_end: string | null }[] = await ds.query(
    `SELECT s.*, i.name AS inst FROM statement s LEFT JOIN institution i ON i.id = s.before_institution_id WHERE s.case_id = ? ORDER BY s.date_start, s.id`,
    [caseId],
  );
  const conditions = byKey<{ key: number; code: string }>(await ds.query('SELECT c.statement_id AS key, c.code FROM statement_condition c JOIN statement s ON s.id = c.statement_id WHERE s.case_id = ?', [caseId]));
  const incr = byKey<{ key: number; person_id: number }>(await ds.query('SELECT x.statement_id AS key, x.person_id FROM statement_incriminates x JOIN statement s ON s.id = x.statement_id WHERE s.case_id = ? ORDER BY x.id', [caseId]));
  const history = await retractionsOf(ds, rows.map((r) => r.id));
  const n = await names([...rows.map((r) => r.maker_person_id), ...[...incr.values()].flat().map((p) => p.person_id)]);
  return rows.map((s) => {
    const steps = (history.get(s.id) ?? []).map((r) => presentRetraction(r, label));
    const retracted = everRetracted(steps);
    return {
      anchor: `statement-${s.id}`,
      heading: t('dossier.headings.statement', { kind: label('statement_kind', s.kind), maker: (s.maker_person_id ? n.get(s.maker_person_id)?.label : null) ?? s.maker_description ?? t('dossier.headings.unknownMaker') }),
      date: date(s.date_precision, s.date_start, s.date_end),
      facts: [
        ...fact('before', joined([s.inst, s.before_official])),
        ...fact('conditions', joined((conditions.get(s.id) ?? []).map((c) => label('statement_condition', c.code)))),
        ...fact('incriminates', joined((incr.get(s.id) ?? []).map((p) => n.get(p.person_id)?.label))),
        ...fact('court', s.court_status === 'not_submitted' ? null : COURT_STATUS_LABELS[s.court_status]),
        ...steps.map((r): [string, string] => always(r.kind === 'retraction' ? 'retracted' : 'reaffirmed', r.pressureAlleged === 'yes' ? t('dossier.values.pressureAlleged', { step: r.sentence }) : r.sentence)),
      ],
      text: s.content,
      flags: [...(retracted ? [t('dossier.flags.retracted')] : []), ...(s.court_status === 'relied_on' ? [t('dossier.flags.reliedOn')] : [])],
    };
  });
}

async function complaints(ds: DataSource, caseId: number, label: Label, names: Names): Promise<DossierItem[]> {
  const rows: { id: number; filed_by_person_id: number | null; filed_by_text: string | null; inst: string | null; request: string; description: string | null; date_precision: string | null; date_start: string | null; date_end: string | null }[] = await ds.query(
    'SELECT c.id, c.filed_by_person_id, c.filed_by_text, i.name AS inst, c.request, c.description, c.date_precision, c.date_start, c.date_end FROM complaint c LEFT JOIN institution i ON i.id = c.to_institution_id WHERE c.case_id = ? ORDER BY c.date_start, c.id',
    [caseId],
  );
  const responses = byKey<{ key: number; outcome: string; inst: string | null; note: string | null; date_precision: string | null; date_start: string | null; date_end: string | null }>(
    await ds.query('SELECT r.complaint_id AS key, r.outcome, i.name AS inst, r.note, r.date_precision, r.date_start, r.date_end FROM complaint_response r JOIN complaint c ON c.id = r.complaint_id LEFT JOIN institution i ON i.id = r.responding_institution_id WHERE c.case_id = ? ORDER BY r.date_start, r.id', [caseId]),
  );
  const n = await names(rows.map((r) => r.filed_by_person_id));
  return rows.map((c) => ({
    anchor: `complaint-${c.id}`,
    heading: c.inst ? t('dossier.headings.complaintTo', { request: label('complaint_request', c.request), to: c.inst }) : label('complaint_request', c.request),
    date: date(c.date_precision, c.date_start, c.date_end),
    facts: [
      ...fact('filedBy', (c.filed_by_person_id ? n.get(c.filed_by_person_id)?.label : null) ?? c.filed_by_text),
      ...(responses.get(c.id) ?? []).map((r): [string, string] => [r.date_start ? t('dossier.facts.responseOn', { date: date(r.date_precision, r.date_start, r.date_end) }) : t('dossier.facts.response'), joined([label('response_outcome', r.outcome), r.inst, r.note])]),
    ],
    text: c.description,
    flags: [],
  }));
}

async function proceedings(ds: DataSource, caseId: number, label: Label, names: Names): Promise<DossierItem[]> {
  const rows: { id: number; title: string | null; court: string | null; case_number: string | null; note: string | null }[] = await ds.query(
    'SELECT p.id, p.title, i.name AS court, p.case_number, p.note FROM proceeding p LEFT JOIN institution i ON i.id = p.court_institution_id WHERE p.case_id = ? ORDER BY p.id',
    [caseId],
  );
  const stages = byKey<{ key: number; id: number; kind: string; note: string | null; court: string | null; date_precision: string | null; date_start: string | null; date_end: string | null }>(
    await ds.query('SELECT s.proceeding_id AS key, s.id, s.kind, s.note, i.name AS court, s.date_precision, s.date_start, s.date_end FROM proceeding_stage s JOIN proceeding p ON p.id = s.proceeding_id LEFT JOIN institution i ON i.id = s.court_institution_id WHERE p.case_id = ? ORDER BY s.date_start IS NULL, s.date_start, s.id', [caseId]),
  );
  const defendants = byKey<{ key: number; id: number; person_id: number }>(await ds.query('SELECT d.proceeding_id AS key, d.id, d.person_id FROM proceeding_defendant d JOIN proceeding p ON p.id = d.proceeding_id WHERE p.case_id = ? ORDER BY d.id', [caseId]));
  const charges = byKey<{ key: number; article: string | null; article_code: string | null }>(
    await ds.query('SELECT c.defendant_id AS key, c.article, c.article_code FROM proceeding_charge c JOIN proceeding_defendant d ON d.id = c.defendant_id JOIN proceeding p ON p.id = d.proceeding_id WHERE p.case_id = ? ORDER BY c.id', [caseId]),
  );
  const verdicts = byKey<{ key: number; person_id: number | null } & Record<'outcome' | 'sentence_kind' | 'regime' | 'note', string | null> & { sentence_years: number | null; sentence_months: number | null; suspended: number | boolean }>(
    await ds.query(
      'SELECT v.stage_id AS key, d.person_id, v.outcome, v.sentence_kind, v.sentence_years, v.sentence_months, v.suspended, v.regime, v.note FROM stage_verdict v JOIN proceeding_stage s ON s.id = v.stage_id JOIN proceeding p ON p.id = s.proceeding_id LEFT JOIN proceeding_defendant d ON d.id = v.defendant_id WHERE p.case_id = ? ORDER BY v.defendant_id IS NOT NULL, v.defendant_id',
      [caseId],
    ),
  );
  const people = [...defendants.values()].flat().map((d) => d.person_id);
  const n = await names(people);
  // The deaths of protected people the reader may not see stay unsaid (as on the case page).
  const deaths = await deathsOf(ds, people.filter((id) => n.get(id) && !(n.get(id) as { hidden?: boolean }).hidden));
  const chargeText = (defendantId: number) => joined((charges.get(defendantId) ?? []).map((c) => joined([c.article, c.article_code ? label('criminal_code_article', c.article_code) : null]).replace('; ', ' — ')));
  return rows.map((p) => {
    const ds_ = defendants.get(p.id) ?? [];
    const stageFacts = (stages.get(p.id) ?? []).flatMap((s): [string, string][] => {
      const when = `${label('proceeding_stage_kind', s.kind)}${s.date_start ? ` (${date(s.date_precision, s.date_start, s.date_end)})` : ''}`;
      const vs = verdicts.get(s.id) ?? [];
      const stageDate = { precision: s.date_precision, start: s.date_start, end: s.date_end };
      const head: [string, string] = [when, joined([s.court, s.note]) || (vs.length ? t('dossier.values.verdicts') : '—')];
      return [
        head,
        ...vs.map((v): [string, string] => {
          const who = v.person_id === null ? t('dossier.values.theDefendants') : (n.get(v.person_id)?.label ?? '');
          const after = v.person_id !== null && certainlyAfterDeath(deaths.get(v.person_id), stageDate);
          const sentence = sentenceText({ sentenceKind: v.sentence_kind, years: v.sentence_years, months: v.sentence_months, suspended: Boolean(v.suspended), regime: v.regime }, label);
          return [`— ${who}`, joined([v.outcome ? label('verdict_outcome', v.outcome) : null, sentence, v.note, after ? t('dossier.values.afterDeath') : null]) || '—'];
        }),
      ];
    });
    const posthumous = (stages.get(p.id) ?? []).some((s) => (verdicts.get(s.id) ?? []).some((v) => v.outcome && v.person_id !== null && certainlyAfterDeath(deaths.get(v.person_id), { precision: s.date_precision, start: s.date_start, end: s.date_end })));
    return {
      anchor: `proceeding-${p.id}`,
      heading: p.title || (p.case_number ? t('dossier.headings.proceedingNumbered', { number: p.case_number }) : t('dossier.headings.proceeding')),
      date: null,
      facts: [
        ...fact('court', p.court),
        ...fact('caseNumber', p.case_number),
        ...fact('defendants', joined(ds_.map((d) => n.get(d.person_id)?.label))),
        ...ds_.flatMap((d): [string, string][] => (chargeText(d.id) ? [[t('dossier.facts.chargesOf', { name: n.get(d.person_id)?.label ?? '' }), chargeText(d.id)]] : [])),
        ...stageFacts,
      ],
      text: p.note,
      flags: posthumous ? [t('dossier.flags.posthumousVerdict')] : [],
    };
  });
}

async function sources(ds: DataSource, caseId: number, label: Label): Promise<DossierItem[]> {
  const rows: { id: number; kind: string; name: string; title: string | null; url: string | null; reliability: string | null; relation: string | null; date_precision: string | null; date_start: string | null; date_end: string | null; uses: number; attributions: string | null }[] = await ds.query(
    `SELECT s.id, s.kind, s.name, s.title, s.url, s.reliability, s.relation, s.date_precision, s.date_start, s.date_end, COUNT(c.id) AS uses, group_concat(DISTINCT c.attribution) AS attributions
       FROM source s JOIN citation c ON c.source_id = s.id WHERE c.case_id = ? GROUP BY s.id ORDER BY s.name`,
    [caseId],
  );
  return rows.map((s) => ({
    anchor: `source-${s.id}`,
    heading: joined([s.name, s.title]).replace('; ', ': '),
    date: date(s.date_precision, s.date_start, s.date_end),
    facts: [
      ...fact('kind', s.kind === 'official_finding' ? SOURCE_KIND_LABELS.official_finding : null),
      ...fact('reliability', s.reliability ? label('reliability', s.reliability) : null),
      ...fact('relation', s.relation ? label('source_relation', s.relation) : null),
      ...fact('address', s.url),
      always('cited', t('dossier.values.times', { count: Number(s.uses) })),
      ...fact('attribution', joined((s.attributions ?? '').split(',').filter(Boolean).map((code) => label('citation_attribution', code)))),
    ],
    text: null,
    flags: [...(s.relation === 'state_media' ? [t('dossier.flags.stateMedia')] : []), ...(s.kind === 'official_finding' ? [t('dossier.flags.officialFinding')] : [])],
  }));
}

/**
 * Builds the dossier of a case for a user. The case page model supplies the header, people,
 * links and history with the access rules applied; the record sections are read here in the
 * order a reader needs them.
 */
export async function buildDossier(ds: DataSource, user: CurrentUser, caseId: number): Promise<DossierModel> {
  const page = await loadCasePage(ds, user, caseId);
  const label = await vocabLabeler(ds);
  const names: Names = (ids) => personLabels(ds, user, ids.filter((x): x is number => typeof x === 'number'));
  const c = page.caseRecord;
  const group = c.group ? joined([c.group.description, c.group.count ? t('dossier.values.groupPeople', { amount: c.group.count }) : null, c.group.deaths ? t('dossier.values.groupDead', { amount: c.group.deaths }) : null]) : null;
  /** A section: its title is dossier.sections.<id>, what it says when empty dossier.empty.<id>. */
  const section = (id: string, items: DossierItem[]): DossierSection => ({ id, title: t(`dossier.sections.${id}`), items, empty: t(`dossier.empty.${id}`) });
  // The PDF is drawn from this model, not rendered: protected names are withheld here (people/redaction.ts).
  return redactorFor(ds, user).forCases([c.id]).deep({
    caseId: c.id,
    code: c.code,
    title: c.title,
    header: [
      always('case', c.code),
      always('status', c.statusLabel),
      ...fact('region', c.regionLabel),
      ...fact('victims', joined([joined(c.victims.map((v) => v.label)), group])),
      ...dossierProcessFact(page.processSummary),
      ...fact('deaths', joined(page.deaths.map((d) => `${d.person.label}: ${d.death.phrase}`))),
      ...fact('proceedings', page.posthumousVerdict ? t('dossier.flags.posthumousVerdict') : null),
      ...fact('tags', c.tags.join(', ')),
      ...fact('restricted', c.restricted ? t('dossier.values.membersOnly') : null),
    ],
    summary: c.summary,
    sections: [
      section('events', await timelineItems(ds, user, caseId, await events(ds, caseId, label, names))),
      section('allegations', await allegations(ds, caseId, label, names)),
      section('medical', await medicalItems(ds, user, caseId, page.access)),
      section('statements', await statements(ds, caseId, label, names)),
      section('complaints', await complaints(ds, caseId, label, names)),
      section('investigations', dossierInvestigations(page.sections.investigations)),
      section('proceedings', await proceedings(ds, caseId, label, names)),
      section(
        'people',
        page.participants.map((p) => {
          const death = page.deaths.find((d) => d.person.id === p.personId)?.death;
          const deathFacts: [string, string][] = death
            ? [always('death', joined([death.phrase, death.place, death.institution?.label])), ...fact('causeOfDeathOfficial', death.causeOfficial), ...fact('causeOfDeathAlleged', death.causeAlleged)]
            : [];
          return {
            anchor: `participant-${p.id}`,
            heading: p.person.label,
            date: null,
            facts: [always('role', p.roleLabel), ...deathFacts],
            text: p.note,
            flags: [...(p.person.hidden ? [t('dossier.flags.protectedIdentity')] : []), ...(death?.inCustody === 'yes' ? [t('dossier.flags.diedInCustody')] : [])],
          };
        }),
      ),
      section('institutions', page.institutions.map((i) => ({ anchor: `institution-${i.id}`, heading: i.name, date: null, facts: [always('type', i.typeLabel), always('roleInCase', i.roles.join(', '))], text: null, flags: [] }))),
      section('links', page.links.map((l) => ({ anchor: `link-${l.id}`, heading: `${l.other.code} ${l.other.title}`, date: null, facts: [always('link', l.kindLabel)], text: l.note, flags: [] }))),
      section('evidence', await evidenceVisibilityFor(ds, user, caseId, page.access)),
      section('sources', await sources(ds, caseId, label)),
      section(
        'history',
        page.history.map((h) => ({ anchor: `history-${h.seq}`, heading: `${h.actor}: ${viewHelpers.actionLabel(h.action)}`, date: h.at.slice(0, 16).replace('T', ' ') + ' UTC', facts: h.fields.length ? [always('fields', viewHelpers.fieldNames(h.fields))] : [], text: null, flags: [] })),
      ),
    ],
    generatedAt: new Date().toISOString(),
    generatedBy: user.name,
  });
}
