import { AllegationRecord, PerpetratorRecord } from './allegation.service';
import { InstitutionRef } from '../events/event.presenter';
import { PersonLabel } from '../people/identity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export interface AllegationLookups {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionRef>;
  /** Captions of the case's events ("Apr 2005 · Arrest · Detained"). */
  events: Map<number, string>;
}

/** How firmly a perpetrator is identified, for the mark next to the attribution. */
export function attributionTone(code: string): 'confirmed' | 'claimed' | 'unknown' {
  return code === 'confirmed' ? 'confirmed' : code === 'unknown' ? 'unknown' : 'claimed';
}

const midSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

const personRef = (look: AllegationLookups, id: number) => {
  const who = look.people.get(id);
  return { id, label: who?.label ?? t('records.fallback.person', { id }), hidden: who?.hidden ?? true };
};

function presentPerpetrator(p: PerpetratorRecord, look: AllegationLookups) {
  const involvementLabel = look.label('involvement', p.involvement);
  const attributionLabel = look.label('attribution', p.attribution);
  return {
    institution: p.institutionId ? (look.institutions.get(p.institutionId) ?? { id: p.institutionId, name: t('records.fallback.institution', { id: p.institutionId }) }) : null,
    person: p.personId ? personRef(look, p.personId) : null,
    description: p.description,
    involvement: p.involvement,
    involvementLabel,
    /** "carried out", to read inside a sentence. */
    involvementText: midSentence(involvementLabel),
    attribution: p.attribution,
    attributionLabel,
    attributionText: midSentence(attributionLabel),
    attributionTone: attributionTone(p.attribution),
  };
}

/** An allegation as pages and the API show it; names of people as this user may see them. */
export function presentAllegation(r: AllegationRecord, look: AllegationLookups) {
  const a = r.allegation;
  const methods = r.methods.map((code) => ({ code, label: look.label('torture_method', code) }));
  return {
    id: a.id,
    caseId: a.caseId,
    heading: a.summary || (methods.length ? methods.map((m) => m.label).join(', ') : t('allegations.headingFallback')),
    summary: a.summary,
    description: a.description,
    victim: a.victimPersonId ? personRef(look, a.victimPersonId) : null,
    methods,
    purposes: r.purposes.map((code) => ({ code, label: look.label('purpose', code) })),
    perpetrators: r.perpetrators.map((p) => presentPerpetrator(p, look)),
    places: r.institutionIds.map((id) => look.institutions.get(id) ?? { id, name: t('records.fallback.institution', { id }) }),
    events: r.eventIds.map((id) => ({ id, caption: look.events.get(id) ?? t('records.fallback.event', { id }) })),
    physicalConsequences: a.physicalConsequences,
    psychologicalConsequences: a.psychologicalConsequences,
    duration: a.duration,
    status: a.status,
    statusLabel: look.label('allegation_status', a.status),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AllegationView = ReturnType<typeof presentAllegation>;

export interface PerpetratorFormRow {
  institutionId: string;
  personId: string;
  description: string;
  involvement: string;
  attribution: string;
}

/** What the allegation form shows: stored values as the strings and rows a form holds. */
export function allegationFormValues(r?: AllegationRecord) {
  const a = r?.allegation;
  return {
    victimPersonId: a?.victimPersonId ? String(a.victimPersonId) : '',
    summary: a?.summary ?? '',
    description: a?.description ?? '',
    eventIds: (r?.eventIds ?? []).map(String),
    methods: r?.methods ?? [],
    purposes: r?.purposes ?? [],
    perpetrators: (r?.perpetrators ?? []).map(
      (p): PerpetratorFormRow => ({ institutionId: p.institutionId ? String(p.institutionId) : '', personId: p.personId ? String(p.personId) : '', description: p.description ?? '', involvement: p.involvement, attribution: p.attribution }),
    ),
    institutionIds: (r?.institutionIds ?? []).map(String),
    physicalConsequences: a?.physicalConsequences ?? '',
    psychologicalConsequences: a?.psychologicalConsequences ?? '',
    duration: a?.duration ?? '',
    status: a?.status ?? 'alleged',
  };
}
export type AllegationFormValues = ReturnType<typeof allegationFormValues>;

/** The same values as an API client sends them (for PATCH: fields not sent keep these). */
export function allegationApiValues(r: AllegationRecord) {
  const a = r.allegation;
  return {
    victimPersonId: a.victimPersonId,
    summary: a.summary,
    description: a.description,
    eventIds: r.eventIds,
    methods: r.methods,
    purposes: r.purposes,
    perpetrators: r.perpetrators,
    institutionIds: r.institutionIds,
    physicalConsequences: a.physicalConsequences,
    psychologicalConsequences: a.psychologicalConsequences,
    duration: a.duration,
    status: a.status,
  };
}
