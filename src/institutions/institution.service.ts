import { DataSource, EntityManager, In } from 'typeorm';
import { Institution } from './institution.entity';
import { InstitutionAlias } from './institution-alias.entity';
import { InstitutionInput } from './institution.schema';
import { wouldCreateCycle } from './institution-tree';
import { PossibleDuplicateInstitution, possibleDuplicateInstitutions } from './institution-duplicates';
import { searchForms } from '../people/name-search';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound, validationFailed } from '../http/errors';
import { assertTerms } from '../vocab/vocab.service';
import { auditRecord, changedFields } from '../records/record-audit';
import { t } from '../i18n/i18n';
import { institutionNamesById } from './institution-names';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

const EDITABLE = ['name', 'type', 'parentId', 'region', 'locality', 'latitude', 'longitude', 'notes'] as const;

export interface InstitutionRecord {
  institution: Institution;
  aliases: string[];
}

export async function loadInstitution(db: Db, id: number): Promise<InstitutionRecord | null> {
  const institution = await manager(db).findOneBy(Institution, { id });
  if (!institution) return null;
  return { institution, aliases: (await aliasesOf(db, [id])).get(id) ?? [] };
}

export async function aliasesOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await manager(db).find(InstitutionAlias, { where: { institutionId: In(ids) }, order: { id: 'ASC' } });
  for (const r of rows) out.set(r.institutionId, [...(out.get(r.institutionId) ?? []), r.name]);
  return out;
}

/** Id and name of each institution, for parents, sub-units and "via" notes. */
export async function institutionNames(db: Db, ids: Iterable<number>): Promise<Map<number, { id: number; name: string }>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const names = await institutionNamesById(db, list);
  return new Map([...names].map(([id, name]) => [id, { id, name }]));
}

export async function childrenOf(db: Db, id: number): Promise<Institution[]> {
  return manager(db).find(Institution, { where: { parentId: id }, order: { nameLatin: 'ASC', id: 'ASC' } });
}

function checkTerms(em: EntityManager, input: InstitutionInput, before?: Institution) {
  return assertTerms(em, [
    { field: 'type', vocabulary: 'institution_type', code: input.type, previous: before?.type },
    { field: 'region', vocabulary: 'region', code: input.region, previous: before?.region },
  ]);
}

/** The parent must exist and must not be the institution itself or one of its sub-units. */
async function checkParent(em: EntityManager, parentId: number | null, selfId?: number): Promise<void> {
  if (parentId === null) return;
  if (!(await em.existsBy(Institution, { id: parentId }))) throw validationFailed({ parentId: t('institutions.errors.parentFromList') });
  if (selfId !== undefined && (await wouldCreateCycle(em, selfId, parentId))) {
    throw validationFailed({ parentId: parentId === selfId ? t('institutions.errors.ownParent') : t('institutions.errors.ownAncestor') });
  }
}

const fieldsOf = (input: InstitutionInput) => ({
  name: input.name,
  ...searchForms(input.name),
  type: input.type,
  parentId: input.parentId,
  region: input.region,
  locality: input.locality,
  latitude: input.latitude,
  longitude: input.longitude,
  notes: input.notes,
});

const aliasRows = (institutionId: number, aliases: string[]) => aliases.map((name) => ({ institutionId, name, ...searchForms(name) }));

export type CreateInstitutionResult = { created: Institution } | { duplicates: PossibleDuplicateInstitution[] };

/** Creates an institution, unless one with the same name or alias exists and the user has not confirmed. */
export async function createInstitution(db: DataSource | EntityManager, actor: Actor, user: CurrentUser, input: InstitutionInput): Promise<CreateInstitutionResult> {
  return inTransaction(db, async (em) => {
    await checkTerms(em, input);
    await checkParent(em, input.parentId);
    if (!input.createAnyway) {
      const duplicates = await possibleDuplicateInstitutions(em, [input.name, ...input.aliases]);
      if (duplicates.length) return { duplicates };
    }
    const institution = await em.save(Institution, em.create(Institution, { ...fieldsOf(input), createdById: user.id, updatedById: user.id }));
    if (input.aliases.length) await em.insert(InstitutionAlias, aliasRows(institution.id, input.aliases));
    const fields = [...EDITABLE.filter((f) => institution[f] != null), ...(input.aliases.length ? ['aliases'] : [])];
    await auditRecord(em, actor, 'institution', institution.id, 'create', fields);
    return { created: institution };
  });
}

export async function updateInstitution(ds: DataSource, actor: Actor, user: CurrentUser, id: number, input: InstitutionInput): Promise<Institution> {
  return withTransaction(ds, async (em) => {
    const before = await loadInstitution(em, id);
    if (!before) throw notFound(t('institutions.errors.noSuchInstitution'));
    const { institution } = before;
    await checkTerms(em, input, institution);
    if (input.parentId !== institution.parentId) await checkParent(em, input.parentId, id);
    const next = fieldsOf(input);
    const fields: string[] = changedFields(institution, next as Partial<Institution>, [...EDITABLE]);
    Object.assign(institution, next);
    if (JSON.stringify(before.aliases) !== JSON.stringify(input.aliases)) {
      await em.delete(InstitutionAlias, { institutionId: id });
      if (input.aliases.length) await em.insert(InstitutionAlias, aliasRows(id, input.aliases));
      fields.push('aliases');
    }
    if (fields.length === 0) return institution;
    institution.updatedById = user.id;
    await em.save(Institution, institution);
    await auditRecord(em, actor, 'institution', id, 'update', fields);
    return institution;
  });
}
