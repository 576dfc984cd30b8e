import { Institution } from './institution.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;
type Named = { id: number; name: string };

export function presentInstitutionSummary(i: Institution, aliases: string[], label: Labeler, parent: Named | null) {
  return {
    id: i.id,
    name: i.name,
    aliases,
    type: i.type,
    typeLabel: label('institution_type', i.type),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    region: i.region,
    regionLabel: i.region ? label('region', i.region) : null,
    locality: i.locality,
  };
}
export type InstitutionSummaryView = ReturnType<typeof presentInstitutionSummary>;

export function presentInstitution(i: Institution, aliases: string[], label: Labeler, parent: Named | null) {
  return {
    ...presentInstitutionSummary(i, aliases, label, parent),
    latitude: i.latitude,
    longitude: i.longitude,
    notes: i.notes,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export interface InstitutionFormValues {
  name: string;
  aliases: string[];
  type: string;
  parentId: string;
  region: string;
  locality: string;
  latitude: string;
  longitude: string;
  notes: string;
}

const BLANK_ALIASES = 3;
const withBlanks = (list: string[]) => [...list, ...Array.from({ length: BLANK_ALIASES }, () => '')];

export function institutionFormValues(i?: Institution, aliases: string[] = []): InstitutionFormValues {
  return {
    name: i?.name ?? '',
    aliases: withBlanks(aliases),
    type: i?.type ?? '',
    parentId: i?.parentId ? String(i.parentId) : '',
    region: i?.region ?? '',
    locality: i?.locality ?? '',
    latitude: i?.latitude == null ? '' : String(i.latitude),
    longitude: i?.longitude == null ? '' : String(i.longitude),
    notes: i?.notes ?? '',
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The submitted form as typed, to show again with its errors (every alias box kept, so error keys still match). */
export function institutionFormValuesFromBody(body: unknown): InstitutionFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const raw = Array.isArray(b.aliases) ? b.aliases : b.aliases && typeof b.aliases === 'object' ? Object.values(b.aliases as object) : typeof b.aliases === 'string' ? [b.aliases] : [];
  const aliases = raw.slice(0, 60).map(str);
  return {
    name: str(b.name),
    aliases: aliases.length && aliases[aliases.length - 1] === '' ? aliases : [...aliases, ''],
    type: str(b.type),
    parentId: str(b.parentId),
    region: str(b.region),
    locality: str(b.locality),
    latitude: str(b.latitude),
    longitude: str(b.longitude),
    notes: str(b.notes),
  };
}
