import { PartialDateValue } from '../db/partial-date';
import { Confidentiality, EvidenceType } from '../evidence/evidence-constants';
import { Rng } from './rng';
import { DemoWriter } from './demo-writer';
import { DemoPerson } from './demo-people';
import { INJURIES } from './demo-words';

/** What an evidence record of a case can refer to. */
export interface EvidenceContext {
  w: DemoWriter;
  rng: Rng;
  caseId: number;
  victim: DemoPerson | undefined;
  lawyer: DemoPerson;
  town: string;
  /** The town of the SIZO. */
  sizoTown: string;
  tortureEvents: number[];
  allegations: number[];
  tried: boolean;
  /** A partial date around a day (days since 1970), as precisely as such records know it. */
  dateAround: (day: number) => PartialDateValue;
  day: number;
}

interface Wording {
  title: string;
  description: string;
  receivedFrom: string | null;
  receivedHow: 'in_person' | 'email' | 'messenger' | 'court_file' | 'other' | null;
  /** Links to the torture event, to the allegation, to the victim. */
  links: ('event' | 'allegation' | 'victim')[];
}

type Template = (c: EvidenceContext, words: { who: string; his: string; lawyer: string }) => Wording;

/**
 * Evidence as it reaches a case: photographs and medical records of injuries, forensic reports,
 * court papers, official refusals, retractions, media reports. Records only: the demo stores no
 * files (a file row needs its stored original on disk, which the integrity check verifies).
 */
const capitalFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const TEMPLATES: Record<EvidenceType, Template> = {
  photo: (c, { who, his, lawyer }) => ({
    title: c.rng.pick(['Photographs of bruising taken by the lawyer', `Photos of the injuries on ${his} back and wrists`, `Photo of the cell at the ${c.town} police department`, 'Photographs of the burns on the fingers']),
    description: `${c.rng.int(2, 14)} photographs taken by ${lawyer} during the first visit in the SIZO in ${c.sizoTown}, showing ${c.rng.pick(INJURIES)}.`,
    receivedFrom: c.rng.pick([lawyer, `the family of ${who}`]),
    receivedHow: c.rng.pick(['messenger', 'in_person', 'email'] as const),
    links: ['event', 'victim'],
  }),
  video: (c, { who }) => ({
    title: c.rng.pick([`Video of ${who} after the release`, `CCTV footage of the detention in ${c.town}`, 'Video statement recorded by relatives']),
    description: `Recording of ${c.rng.int(1, 25)} minutes; ${who} shows ${c.rng.pick(INJURIES)}.`,
    receivedFrom: `a relative of ${who}`,
    receivedHow: 'messenger',
    links: ['victim'],
  }),
  audio: (c, { who }) => ({
    title: c.rng.pick(['Audio recording of the threatening call', `Voice message from ${who} in custody`]),
    description: `A caller who said he was from the police told the family of ${who} to withdraw the complaint.`,
    receivedFrom: `the family of ${who}`,
    receivedHow: 'messenger',
    links: [],
  }),
  medical_record: (c, { who }) => ({
    title: c.rng.pick(['SIZO medical record on admission', 'Hospital discharge summary', 'Emergency ambulance call record', 'Medical card from the temporary detention ward']),
    description: `The doctor recorded ${c.rng.pick(INJURIES)} and ${c.rng.pick(INJURIES)}; ${who} said ${c.rng.pick(['he fell down the stairs', 'the injuries were caused by officers', 'nothing about their origin'])}.`,
    receivedFrom: c.rng.pick(['the SIZO medical unit, at the lawyer\u2019s request', 'the hospital, on request']),
    receivedHow: 'court_file',
    links: ['allegation', 'victim'],
  }),
  medical_evaluation: (c, { who }) => ({
    title: c.rng.pick(['Istanbul Protocol evaluation', 'Independent medical evaluation of the injuries']),
    description: `Physical and psychological evaluation of ${who}: findings ${c.rng.pick(['consistent with', 'highly consistent with', 'typical of'])} the account of ${c.rng.pick(['beatings', 'electric shocks', 'suspension', 'asphyxiation'])}.`,
    receivedFrom: c.rng.pick(['Committee Against Torture', 'an independent expert']),
    receivedHow: 'email',
    links: ['allegation', 'victim'],
  }),
  forensic_report: (c, { who }) => ({
    title: c.rng.pick(['Forensic medical examination report', 'Report of the forensic expert', 'Repeat forensic examination ordered by the court']),
    description: `The expert found ${c.rng.pick(INJURIES)} on ${who}, caused ${c.rng.int(2, 10)} to ${c.rng.int(11, 20)} days before the examination by a blunt hard object.`,
    receivedFrom: 'the investigator, with the case file',
    receivedHow: 'court_file',
    links: ['allegation'],
  }),
  court_document: (c) => ({
    title: c.tried ? c.rng.pick(['Verdict of the district court', 'Ruling of the appeal court', 'Record of the court hearing']) : c.rng.pick(['Court order on detention', 'Ruling extending the detention']),
    description: c.rng.pick(['The court rejected the defence claim that the confession was obtained under torture.', 'The court did not examine the injuries recorded in the SIZO.']),
    receivedFrom: 'the court registry',
    receivedHow: 'court_file',
    links: [],
  }),
  statement_document: (c, { who }) => ({
    title: c.rng.pick(['Handwritten retraction of the confession', `Explanation written by ${who} at the police station`, 'Statement to the prosecutor about the torture']),
    description: `${who} wrote that the confession had been dictated by the investigator after ${c.rng.pick(['beatings', 'electric shocks', 'threats against the family', 'a night without sleep'])}.`,
    receivedFrom: c.rng.pick(['the lawyer', `the family of ${who}`]),
    receivedHow: 'in_person',
    links: ['allegation', 'victim'],
  }),
  complaint_or_response: (c) => ({
    title: c.rng.pick(['Refusal to open a criminal case', 'Complaint to the prosecutor about the torture', 'Decision overturning the refusal', 'Reply of the investigative committee']),
    description: 'The investigator found no evidence of a crime by the officers (article 24 part 1 point 2) without questioning the detainee.',
    receivedFrom: 'the lawyer',
    receivedHow: c.rng.pick(['email', 'in_person'] as const),
    links: ['allegation'],
  }),
  // Not drawn by the demo (absent from TYPES_WEIGHTED, so a seed still makes the same collection).
  letter: (c, { who }) => ({
    title: c.rng.pick([`Letter from ${who} to the family from the SIZO`, 'Letter of the lawyer to the colony administration']),
    description: `${capitalFirst(who)} wrote that the officers demanded a confession.`,
    receivedFrom: `the family of ${who}`,
    receivedHow: 'in_person',
    links: ['victim'],
  }),
  official_report: (c) => ({
    title: c.rng.pick(['Report of the public monitoring commission on the visit', 'Conclusion of the regional ombudsman']),
    description: 'The commission recorded the detainees\u2019 complaints of beatings and the injuries it saw.',
    receivedFrom: 'the public monitoring commission',
    receivedHow: 'email',
    links: ['allegation'],
  }),
  testimony_transcript: (c, { who }) => ({
    title: c.rng.pick([`Interview with the mother of ${who} (transcript)`, 'Transcript of the cellmate\u2019s testimony', 'Interview with a witness of the arrest']),
    description: `Recorded in ${c.town}: the witness saw ${who} taken away by masked officers and later saw ${c.rng.pick(INJURIES)}.`,
    receivedFrom: c.rng.pick(['Memorial Human Rights Centre', 'a monitor of the organisation']),
    receivedHow: 'email',
    links: ['event'],
  }),
  media_report: (c) => ({
    title: c.rng.pick([`News report on the detentions in ${c.town}`, 'Article in Novaya Gazeta', 'Kavkazsky Uzel report', 'Web capture of the police press release']),
    description: c.rng.pick(['Saved copy of the article, with the police version of the arrest.', 'Report quoting the relatives and the lawyer.']),
    receivedFrom: null,
    receivedHow: 'other',
    links: [],
  }),
  other: (c, { who }) => ({
    title: c.rng.pick(['Letter from the SIZO', 'Parcel receipt from the colony', `List of belongings of ${who} returned by the police`]),
    description: 'Kept for the timeline.',
    receivedFrom: `the family of ${who}`,
    receivedHow: 'in_person',
    links: [],
  }),
};

/** Lawyer–client material: only lawyers and admins may know it exists. */
const PRIVILEGED: Template = (c, { who, lawyer }) => ({
  title: c.rng.pick([`Lawyer's notes of the confidential interview with ${who}`, `Written account of ${who} for the defence`, 'Defence strategy memo on the torture complaint']),
  description: `Notes by ${lawyer} from the meeting in the SIZO in ${c.sizoTown}: the names of the officers, the rooms and the times, for the complaint.`,
  receivedFrom: lawyer,
  receivedHow: 'in_person',
  links: ['victim'],
});

const TYPES_WEIGHTED: readonly (readonly [EvidenceType, number])[] = [
  ['photo', 6], ['medical_record', 4], ['forensic_report', 3], ['complaint_or_response', 4], ['court_document', 3], ['statement_document', 2],
  ['testimony_transcript', 2], ['medical_evaluation', 1], ['media_report', 2], ['video', 1], ['audio', 0.5], ['other', 0.5],
];
/** Injury records are often sensitive; most others are not. */
const SENSITIVE_TYPES = new Set<EvidenceType>(['photo', 'medical_record', 'medical_evaluation', 'video']);

/** Evidence records of one case: usually one to three, mostly normal, some sensitive, a few privileged. */
export function createEvidence(c: EvidenceContext): void {
  const { w, rng } = c;
  const who = c.victim?.latin ?? 'the detainee';
  const words = { who, his: c.victim?.gender === 'female' ? 'her' : 'his', lawyer: `lawyer ${c.lawyer.latin}` };
  const count = rng.weighted([[0, 2], [1, 4], [2, 3], [3, 1]] as const);
  for (let i = 0; i < count; i++) {
    let type = rng.weighted(TYPES_WEIGHTED);
    let level: Confidentiality = rng.chance(SENSITIVE_TYPES.has(type) ? 0.3 : 0.04) ? 'sensitive' : 'normal';
    let wording = TEMPLATES[type](c, words);
    if (rng.chance(0.05)) {
      type = rng.pick(['testimony_transcript', 'statement_document', 'other'] as const);
      level = 'privileged';
      wording = PRIVILEGED(c, words);
    }
    const contentDay = c.day - rng.int(0, 120);
    const itemId = w.insert('evidence_item', {
      case_id: c.caseId,
      type,
      title: wording.title,
      description: wording.description,
      received_from: wording.receivedFrom,
      received_how: wording.receivedHow,
      confidentiality: level,
      paper_location: rng.chance(0.2) ? `Office safe, folder ${rng.int(1, 400)}` : null,
      ...DemoWriter.date('content_date', c.dateAround(contentDay)),
      ...DemoWriter.date('received_date', rng.chance(0.7) ? c.dateAround(contentDay + rng.int(1, 60)) : null),
    });
    for (const link of wording.links) {
      if (link === 'event' && c.tortureEvents.length) w.insert('evidence_link', { item_id: itemId, event_id: rng.pick(c.tortureEvents) });
      if (link === 'allegation' && c.allegations.length) w.insert('evidence_link', { item_id: itemId, allegation_id: rng.pick(c.allegations) });
      if (link === 'victim' && c.victim) w.insert('evidence_link', { item_id: itemId, person_id: c.victim.id });
    }
  }
}
