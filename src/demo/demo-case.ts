import { PartialDateValue, parsePartialDate } from '../db/partial-date';
import { Rng } from './rng';
import { DemoWriter } from './demo-writer';
import { DemoPerson, createPerson } from './demo-people';
import { RegionInstitutions } from './demo-institutions';
import { createEvidence } from './demo-evidence';
import { INJURIES, METHOD_PHRASES, METHODS_WEIGHTED, ORGANISATIONS, RARE_PLACE_ENDINGS, RARE_PLACE_STEMS } from './demo-words';

export interface Pools {
  lawyers: DemoPerson[];
  officials: DemoPerson[];
  sources: number[];
}

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** A partial date around `day`, as precisely as such records usually know it. */
function partial(rng: Rng, day: number, mostlyExact = 0.7): PartialDateValue {
  const d = iso(day);
  const kind = rng.float() < mostlyExact ? 'day' : rng.weighted([['month', 5], ['year', 2], ['approximate', 2], ['range', 1]] as const);
  const input =
    kind === 'day' ? { precision: 'day', value: d }
    : kind === 'month' ? { precision: 'month', value: d.slice(0, 7) }
    : kind === 'year' ? { precision: 'year', value: d.slice(0, 4) }
    : kind === 'approximate' ? { precision: 'approximate', value: d.slice(0, 7) }
    : { precision: 'range', start: d, end: iso(day + rng.int(2, 60)) };
  const parsed = parsePartialDate(input);
  return parsed.ok ? parsed.date : { precision: 'day', start: d, end: d };
}

function rarePlace(rng: Rng): string {
  const i = rng.zipf(RARE_PLACE_STEMS.length * RARE_PLACE_ENDINGS.length);
  const stem = RARE_PLACE_STEMS[i % RARE_PLACE_STEMS.length];
  return stem + RARE_PLACE_ENDINGS[Math.floor(i / RARE_PLACE_STEMS.length)];
}

const pronoun = (p: DemoPerson) => (p.gender === 'female' ? 'she' : 'he');
const possessive = (p: DemoPerson) => (p.gender === 'female' ? 'her' : 'his');
const genderise = (text: string, p: DemoPerson) => (p.gender === 'female' ? text.replace(/\bhis\b/g, 'her').replace(/\bhe\b/g, 'she') : text);

export interface CaseContext {
  w: DemoWriter;
  rng: Rng;
  inst: RegionInstitutions;
  pools: Pools;
  code: string;
  year: number;
  /**
   * A second stream for the records of the legal process (investigations, retraction histories,
   * court status, deaths, a second region), so the main stream, and with it every other record
   * a seed makes, stays as it was before they were generated.
   */
  more: Rng;
  /** Every region's institutions, for events in a second region. */
  regions: RegionInstitutions[];
}

/** One synthetic case with its people, timeline, allegations, statements, complaints, proceedings and evidence records. */
export function createCase(ctx: CaseContext): number {
  const { w, rng, inst } = ctx;
  const region = inst.region;
  const town = rng.pick(inst.places);
  const village = rarePlace(rng);
  const group = rng.chance(0.05);
  const victims: DemoPerson[] = [];
  const victimCount = group ? rng.int(0, 3) : rng.chance(0.1) ? 2 : 1;
  for (let i = 0; i < victimCount; i++) {
    victims.push(createPerson(w, rng, { region, protectedIdentity: rng.chance(0.03), profiles: true, birthYear: ctx.year - rng.int(17, 60), notes: rng.chance(0.2) ? `Lives in ${town}. Family received threats after the complaint.` : null }));
  }
  const main = victims[0];
  const police = rng.pick(inst.police);
  const methods = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.weighted(METHODS_WEIGHTED)))];
  const groupCount = group ? rng.int(5, 60) : null;
  const title = main
    ? rng.pick([`${main.latin}: torture in ${town} police custody`, `Torture of ${main.latin} in ${town}`, `${main.latin}: forced confession, ${town}`, `Detention and ill-treatment of ${main.latin}`])
    : `Mass detention in ${town}`;
  const summary = main
    ? `${main.latin} was detained in ${town} by officers of the ${rng.pick(['police', 'FSB', 'Centre E', 'National Guard'])} near ${village}. ${capital(pronoun(main))} ${genderise(METHOD_PHRASES[methods[0]] ?? 'was ill-treated', main)} in custody and forced to confess. Complaints to the prosecutor were refused.`
    : `Around ${groupCount} people were detained in ${town} and ${village} during a special operation; several reported beatings and threats in custody.`;
  const caseId = w.insert('case_record', {
    code: ctx.code,
    title,
    summary,
    status: rng.weighted([['open', 5], ['monitoring', 3], ['closed', 2]] as const),
    region,
    restricted: rng.chance(0.03) ? 1 : 0,
    group_description: group ? `People detained in ${town} and ${village}` : null,
    group_count: groupCount,
    group_count_precision: group ? rng.pick(['approximately', 'at_least', 'exact']) : null,
  });
  for (const tag of new Set(rng.chance(0.4) ? rng.some([town.toLowerCase(), 'confession retracted', 'ecthr', 'hizb ut-tahrir', 'special operation', `${ctx.year} arrests`], rng.int(1, 2)) : [])) {
    w.insert('case_tag', { case_id: caseId, tag });
  }

  const lawyer = rng.pick(ctx.pools.lawyers);
  const investigator = rng.pick(ctx.pools.officials);
  const participants: [DemoPerson, string][] = [...victims.map((v) => [v, 'victim'] as [DemoPerson, string]), [lawyer, 'lawyer']];
  if (rng.chance(0.5) && main) participants.push([createPerson(w, rng, { region, gender: rng.chance(0.6) ? 'female' : 'male' }), 'relative']);
  if (rng.chance(0.3)) participants.push([createPerson(w, rng, { region, protectedIdentity: rng.chance(0.15) }), 'witness']);
  if (rng.chance(0.4)) participants.push([investigator, 'investigator']);
  for (const [p, role] of participants) w.insert('case_participant', { case_id: caseId, person_id: p.id, role });

  // --- timeline -------------------------------------------------------------------------------
  let day = Math.floor(Date.UTC(ctx.year, rng.int(0, 11), rng.int(1, 28)) / DAY);
  const events: { id: number; type: string }[] = [];
  const event = (type: string, title: string | null, description: string, institutionId: number | null, withVictim = false, place = town) => {
    day += rng.int(0, 20);
    const id = w.insert('case_event', { case_id: caseId, type, title, place, description, ...DemoWriter.date('date', partial(rng, day)) });
    if (institutionId) w.insert('event_institution', { event_id: id, institution_id: institutionId });
    if (withVictim && main) w.insert('event_person', { event_id: id, person_id: main.id, role: 'victim' });
    events.push({ id, type });
    return id;
  };
  const who = main ? main.latin : 'the detainees';
  const heShe = main ? pronoun(main) : 'they';
  const his = main ? possessive(main) : 'their';
  const sizo = rng.pick(inst.sizo);
  event(rng.chance(0.8) ? 'arrest' : 'abduction', null, `${capital(who)} was detained at ${his} home in ${village} by masked officers who did not show documents.`, police, true, village);
  event('detention', null, `Held at the ${town} police department without a record of the arrest for ${rng.int(1, 5)} days.`, rng.pick(inst.ivs), true);
  const tortureEvents: number[] = [];
  for (let i = rng.int(1, 2); i > 0; i--) {
    event('interrogation', null, `Interrogated about ${rng.pick(['the attack', 'membership of a banned organisation', 'weapons', 'a murder', 'contacts abroad'])} without a lawyer.`, police, true);
    tortureEvents.push(event('torture_ill_treatment', null, `During the interrogation ${heShe} ${main ? genderise(METHOD_PHRASES[rng.pick(methods)] ?? 'was ill-treated', main) : 'were beaten'}.`, rng.pick([police, rng.pick(inst.centreE)]), true));
  }
  if (rng.chance(0.5)) event('medical_examination', null, `A doctor recorded ${rng.pick(INJURIES)} and ${rng.pick(INJURIES)}.`, null, true);
  if (rng.chance(0.6)) event('confession', null, `Signed a confession prepared by the investigator.`, rng.pick(inst.investigators), true);
  event('transfer', null, `Transferred to SIZO in ${inst.places[0]}.`, sizo, true, inst.places[0]);
  if (rng.chance(0.6)) event('charged', null, `Charged under article ${rng.pick(['205', '208', '210', '222', '282.2', '317'])} of the Criminal Code.`, rng.pick(inst.investigators));
  const refusals = rng.int(0, 3);
  for (let i = 0; i < rng.int(1, 2); i++) event('complaint', null, `The lawyer complained to the prosecutor about the torture.`, rng.pick(inst.prosecutors));
  // Refusals are decisions of the official investigation (written below), no longer events:
  // the same draws as the events they replace, so the rest of the case stays as it was.
  const refusalDraws: { institutionId: number; date: PartialDateValue }[] = [];
  for (let i = 0; i < refusals; i++) {
    const institutionId = rng.pick(inst.investigators);
    day += rng.int(0, 20);
    refusalDraws.push({ institutionId, date: partial(rng, day) });
  }
  const tried = rng.chance(0.45);
  if (tried) {
    event('hearing', null, `The court heard the case; the defendant said the confession was obtained under torture.`, rng.pick(inst.courts));
    event('verdict', null, `Sentenced to ${rng.int(2, 20)} years in a ${rng.pick(['general', 'strict', 'special'])} regime colony.`, rng.pick(inst.courts));
    if (rng.chance(0.5)) event('appeal', null, `The appeal court upheld the verdict.`, inst.regionalCourt);
  }
  if (rng.chance(0.3)) event('release', null, `Released ${rng.pick(['on bail', 'after serving the sentence', 'without charge'])}.`, null, true);
  if (rng.chance(0.1)) event('threat_reprisal', null, `Relatives were warned to withdraw the complaint.`, police);
  const { more } = ctx;
  // A transfer to a colony or SIZO in another region: the case has events in two regions.
  if (more.chance(0.08) && ctx.regions.length > 1) {
    const elsewhere = more.pick(ctx.regions.filter((r) => r.region !== region));
    day += more.int(30, 300);
    const id = w.insert('case_event', { case_id: caseId, type: 'transfer', title: null, place: elsewhere.places[0], region: elsewhere.region, description: `Transferred to a SIZO in ${elsewhere.places[0]}, another region.`, ...DemoWriter.date('date', partial(more, day)) });
    w.insert('event_institution', { event_id: id, institution_id: more.pick(elsewhere.sizo) });
    if (main) w.insert('event_person', { event_id: id, person_id: main.id, role: 'victim' });
    events.push({ id, type: 'transfer' });
  }
  // A few die in custody: the death on the person, an event on the timeline.
  if (main && more.chance(0.012)) {
    day += more.int(5, 400);
    const date = partial(more, day, 0.8);
    const cause = more.pick(['heart failure', 'suicide', 'pneumonia', 'a fall']);
    w.insert('person_death', { person_id: main.id, place: `SIZO, ${inst.places[0]}`, institution_id: sizo, in_custody: 'yes', cause_official: cause, cause_alleged: more.chance(0.7) ? 'Injuries from beatings and denial of medical care' : null, ...DemoWriter.date('date', date) });
    const id = w.insert('case_event', { case_id: caseId, type: 'death_in_custody', title: null, place: inst.places[0], description: `Died in custody; the official cause given was ${cause}.`, ...DemoWriter.date('date', date) });
    w.insert('event_institution', { event_id: id, institution_id: sizo });
    w.insert('event_person', { event_id: id, person_id: main.id, role: 'victim' });
    events.push({ id, type: 'death_in_custody' });
  }

  // --- allegations --------------------------------------------------------------------------
  const allegations: number[] = [];
  for (let a = 0; a < rng.int(1, 3); a++) {
    const victim = victims.length ? rng.pick(victims) : null;
    const used = a === 0 ? methods : [...new Set([rng.weighted(METHODS_WEIGHTED), rng.weighted(METHODS_WEIGHTED)])];
    const subject = victim ?? main;
    const id = w.insert('allegation', {
      case_id: caseId,
      victim_person_id: victim?.id ?? null,
      summary: rng.pick(['Beaten in custody to force a confession', 'Ill-treated during interrogation', 'Tortured to incriminate others', 'Threatened and beaten after the arrest']),
      description: used.map((m) => (subject ? genderise(`${capital(heShe)} ${METHOD_PHRASES[m] ?? 'was ill-treated'}`, subject) : `Detainees said they ${METHOD_PHRASES[m] ?? 'were ill-treated'}`)).join('. ') + '.',
      physical_consequences: rng.chance(0.7) ? `${capital(rng.pick(INJURIES))}, recorded ${rng.pick(['by the SIZO doctor', 'at the hospital', 'by an independent expert'])}.` : null,
      psychological_consequences: rng.chance(0.3) ? 'Nightmares and anxiety reported by the family.' : null,
      duration: rng.pick(['several hours', 'about a week', 'two days', 'several hours a day for a month', null]),
      status: rng.weighted([['alleged', 6], ['corroborated', 3], ['disputed', 1], ['established', 0.5]] as const),
    });
    allegations.push(id);
    for (const code of used) w.insert('allegation_method', { allegation_id: id, code });
    for (const code of new Set([rng.weighted([['extract_confession', 6], ['incriminate_others', 2], ['punish', 1], ['intimidate', 2], ['extract_information', 2]] as const)])) {
      w.insert('allegation_purpose', { allegation_id: id, code });
    }
    for (const ev of rng.some(tortureEvents, 1)) w.insert('allegation_event', { allegation_id: id, event_id: ev });
    w.insert('allegation_institution', { allegation_id: id, institution_id: rng.pick([police, sizo]) });
    w.insert('perpetrator', {
      allegation_id: id,
      institution_id: rng.pick([police, rng.pick(inst.centreE), rng.pick(inst.fsb)]),
      person_id: rng.chance(0.2) ? investigator.id : null,
      description: rng.chance(0.5) ? rng.pick(['men in masks claiming to be from the security services', 'two officers in plain clothes', 'the head of the criminal investigation unit']) : null,
      involvement: rng.weighted([['carried_out', 6], ['ordered', 2], ['present', 2], ['covered_up', 1]] as const),
      attribution: rng.weighted([['alleged_by_victim', 6], ['claimed_by_perpetrator', 1], ['alleged_by_witness', 1], ['confirmed', 1]] as const),
    });
  }

  // --- proceedings, statements, complaints ----------------------------------------------------
  let proceedingId: number | null = null;
  const court = rng.pick(inst.courts);
  if (tried) {
    proceedingId = w.insert('proceeding', {
      case_id: caseId,
      title: rng.chance(0.2) ? `The ${town} trial` : null,
      court_institution_id: court,
      case_number: `1-${rng.int(10, 999)}/${ctx.year + 1}`,
      note: rng.chance(0.3) ? 'The court dismissed the torture allegations as a defence strategy.' : null,
    });
    let stageDay = day + rng.int(30, 200);
    const stages: [string, string | null][] = [['indictment', null], ['verdict', rng.chance(0.85) ? 'convicted' : 'acquitted']];
    if (rng.chance(0.5)) stages.push(['appeal', rng.weighted([['upheld', 6], ['annulled', 1], ['sentence_reduced', 1]] as const)]);
    const defendantIds = victims.map((v) => w.insert('proceeding_defendant', { proceeding_id: proceedingId, person_id: v.id }));
    for (const [kind, outcome] of stages) {
      stageDay += rng.int(20, 200);
      const stageId = w.insert('proceeding_stage', { proceeding_id: proceedingId, kind, court_institution_id: kind === 'appeal' ? inst.regionalCourt : null, note: null, ...DemoWriter.date('date', partial(rng, stageDay, 0.9)) });
      if (!outcome) continue;
      for (const defendantId of defendantIds.length ? defendantIds : [null]) {
        const years = outcome === 'convicted' ? rng.int(2, 20) : null;
        w.insert('stage_verdict', { stage_id: stageId, defendant_id: defendantId, outcome, sentence_kind: years ? 'imprisonment' : null, sentence_years: years, sentence_months: null, suspended: 0, regime: years ? 'strict' : null, note: null });
      }
    }
  }

  for (let s = rng.chance(0.8) ? rng.int(1, 2) : 0; s > 0 && main; s--) {
    const retracted = rng.chance(0.6);
    const relied = proceedingId !== null && rng.chance(0.6);
    // Drawn in the order the former columns were (retraction ones included), so a seed makes the same collection.
    const beforeInstitution = rng.pick(inst.investigators);
    const official = `investigator ${rng.pick(ctx.pools.officials).latin}`;
    const kind = rng.weighted([['confession', 6], ['surrender_statement', 2], ['explanation', 2], ['testimony', 1]] as const);
    const content = `${capital(who)} admitted ${rng.pick(['taking part in the attack', 'membership of the organisation', 'keeping a weapon', 'the murder'])} and named ${rng.int(1, 4)} accomplices.`;
    const forum = retracted ? rng.pick(['court', 'complaint', 'lawyer_statement']) : null;
    const reason = retracted ? `Said the confession was signed after ${rng.pick(['beatings', 'electric shocks', 'threats against the family', 'days without sleep'])}.` : null;
    const allegation = rng.pick(allegations);
    const made = partial(rng, day - rng.int(0, 30));
    const retractedOn = retracted ? partial(rng, day + rng.int(10, 200)) : null;
    const courtStatus = relied ? 'relied_on' : proceedingId === null ? 'not_submitted' : more.weighted([['not_submitted', 4], ['submitted', 3], ['admitted', 2], ['excluded', 0.5]] as const);
    const sid = w.insert('statement', {
      case_id: caseId,
      maker_person_id: main.id,
      maker_description: null,
      before_institution_id: beforeInstitution,
      before_official: official,
      kind,
      content,
      court_status: courtStatus,
      proceeding_id: courtStatus === 'not_submitted' ? null : proceedingId,
      allegation_id: allegation,
      ...DemoWriter.date('date', made),
    });
    if (retracted) {
      w.insert('statement_retraction', { case_id: caseId, statement_id: sid, kind: 'retraction', forum, reason, pressure_alleged: 'unknown', ...DemoWriter.date('date', retractedOn) });
      // Some are made to confirm it again, and some retract a second time.
      let later = day + 210;
      for (let step = 0; step < 2 && more.chance(step === 0 ? 0.2 : 0.5); step++) {
        later += more.int(20, 300);
        const reaffirm = step === 0;
        w.insert('statement_retraction', {
          case_id: caseId,
          statement_id: sid,
          kind: reaffirm ? 'reaffirmation' : 'retraction',
          forum: reaffirm ? more.pick(['investigator', 'court']) : more.pick(['court', 'appeal', 'complaint']),
          reason: reaffirm ? more.pick(['Confirmed it after a visit by officers', 'Confirmed it at the investigator’s request', null]) : 'Said again that it was obtained under torture.',
          pressure_alleged: reaffirm ? more.weighted([['yes', 6], ['unknown', 3], ['no', 1]] as const) : 'unknown',
          ...DemoWriter.date('date', partial(more, later)),
        });
      }
    }
    for (const code of new Set([rng.pick(['forced_to_sign', 'signed_without_counsel', 'under_duress_alleged', 'visible_injuries', 'dictated_text', 'night_interrogation'])])) {
      w.insert('statement_condition', { statement_id: sid, code });
    }
  }

  const refusalDecisions = createInvestigation(ctx, caseId, refusalDraws, day);

  let complaintDay = day + rng.int(1, 30);
  for (let c = rng.int(1, 3); c > 0; c--) {
    const byLawyer = rng.chance(0.7);
    const cid = w.insert('complaint', {
      case_id: caseId,
      filed_by_person_id: byLawyer ? lawyer.id : null,
      filed_by_text: byLawyer ? null : rng.pick(ORGANISATIONS),
      to_institution_id: rng.pick([...inst.prosecutors, ...inst.investigators]),
      request: rng.weighted([['open_criminal_investigation', 6], ['appeal_refusal', 3], ['forensic_medical_examination', 1], ['international_application', 0.5]] as const),
      description: `Complaint about the torture of ${who} at the ${town} police department, asking for the officers to be prosecuted.`,
      ...DemoWriter.date('date', partial(rng, complaintDay, 0.85)),
    });
    let responseDay = complaintDay;
    for (let r = rng.int(0, 4); r > 0; r--) {
      responseDay += rng.int(10, 90);
      const outcome = rng.weighted([['refused_to_open', 11], ['complaint_rejected', 2], ['refusal_overturned', 2], ['opened', 1.5], ['suspended', 1], ['closed', 1], ['no_response', 1], ['forwarded', 0.5]] as const);
      // About a third of the refusals answering a complaint point to the decision they report.
      const reports = outcome === 'refused_to_open' && refusalDecisions.length > 0 && more.chance(0.35) ? refusalDecisions.shift()! : null;
      w.insert('complaint_response', {
        complaint_id: cid,
        decision_id: reports,
        responding_institution_id: rng.pick(inst.investigators),
        outcome,
        note: outcome === 'refused_to_open' ? 'No evidence of a crime by the officers (article 24 part 1 point 2).' : null,
        ...DemoWriter.date('date', partial(rng, responseDay, 0.9)),
      });
    }
    complaintDay = responseDay + rng.int(5, 60);
  }

  w.insert('citation', { source_id: rng.pick(ctx.pools.sources), record_type: 'case_record', record_id: caseId, case_id: caseId, note: null });
  createEvidence({ w, rng, caseId, victim: main, lawyer, town, sizoTown: inst.places[0], tortureEvents, allegations, tried, day, dateAround: (d) => partial(rng, d) });
  return caseId;
}

/**
 * The official investigation of the complaints, when there is one: the usual sequence of a
 * pre-investigation check, a refusal, its annulment and a new check, as many times as the case
 * was refused; now and then a criminal case opened and then suspended or closed. Returns the
 * refusal decisions' ids (for responses reporting them).
 */
function createInvestigation(ctx: CaseContext, caseId: number, refusals: { institutionId: number }[], day: number): number[] {
  const { w, more, inst } = ctx;
  if (refusals.length === 0 && !more.chance(0.2)) return [];
  const body = refusals[0]?.institutionId ?? more.pick(inst.investigators);
  const began = day + more.int(10, 60);
  const investigationId = w.insert('investigation', {
    case_id: caseId,
    institution_id: body,
    trigger: more.weighted([['complaint', 8], ['own_initiative', 1], ['supervisor_order', 0.5], ['court_order', 0.5]] as const),
    official_number: more.chance(0.6) ? `${more.int(1, 999)}пр-${String(ctx.year % 100).padStart(2, '0')}` : null,
    note: null,
    ...DemoWriter.date('began', partial(more, began, 0.8)),
  });
  const out: number[] = [];
  const decision = (kind: string, date: PartialDateValue | null, institutionId: number | null, reasons: string | null = null) => {
    const id = w.insert('investigation_decision', {
      investigation_id: investigationId,
      kind,
      official: more.chance(0.5) ? `investigator ${more.pick(ctx.pools.officials).latin}` : null,
      institution_id: institutionId,
      reasons,
      sequence: 0,
      ...DemoWriter.date('date', date),
    });
    if (kind === 'refused_to_open') out.push(id);
    return id;
  };
  let at = began;
  const next = (min: number, max: number) => partial(more, (at += more.int(min, max)), 0.8);
  decision('check_started', partial(more, began, 0.8), body);
  refusals.forEach((r, i) => {
    if (i > 0) {
      decision(more.chance(0.8) ? 'refusal_annulled_supervisor' : 'refusal_annulled_court', next(10, 60), more.chance(0.8) ? more.pick(inst.prosecutors) : null, 'The check was incomplete.');
      decision('check_started', more.chance(0.3) ? null : next(1, 10), body);
    }
    // Dated in sequence here (the main stream's date for it is drawn but not used: see createCase).
    decision('refused_to_open', next(10, 40), r.institutionId, 'No evidence of a crime by the officers (article 24 part 1 point 2).');
  });
  if (refusals.length === 0 || more.chance(0.1)) {
    if (refusals.length > 0) decision('refusal_annulled_court', next(20, 120), null, 'Found unlawful under article 125.');
    decision('case_opened', next(10, 90), body, 'Article 286 part 3 of the Criminal Code.');
    const end = more.weighted([['suspended', 5], ['closed', 3], ['none', 2]] as const);
    if (end !== 'none') decision(end, next(60, 300), body, end === 'suspended' ? 'The perpetrators could not be identified.' : 'No crime established.');
  } else if (more.chance(0.2)) {
    decision('refusal_annulled_supervisor', next(10, 60), more.pick(inst.prosecutors), null);
  }
  return out;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
