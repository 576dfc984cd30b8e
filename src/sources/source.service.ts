import { DataSource, EntityManager } from 'typeorm';
import { withRedactionContext } from '../people/redaction';
import { Source } from './source.entity';
import { Citation } from './citation.entity';
import { SourceInput } from './source.schema';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { conflict, notFound } from '../http/errors';
import { auditRecord, changedFields } from '../records/record-audit';
import { CurrentUser } from '../http/context';
import { termErrors, throwIfErrors } from '../records/record-refs';
import { moveToTrash } from '../trash/trash.service';
import { filledFields } from '../records/audit-fields';
import { t } from '../i18n/i18n';
import { prepared, rawDb } from '../search/sqlite';

const EDITABLE = ['kind', 'name', 'title', 'url', 'date', 'reliability', 'relation', 'note'] as const;
const NO_DATE = { precision: null, start: null, end: null };

function checkTerms(em: EntityManager, input: SourceInput, before?: Source) {
  return termErrors(em, [
    { field: 'reliability', vocabulary: 'reliability', code: input.reliability, previous: before?.reliability },
    { field: 'relation', vocabulary: 'source_relation', code: input.relation, previous: before?.relation },
  ]);
}

function fieldsOf(input: SourceInput) {
  return { ...input, date: input.date ?? NO_DATE };
}

export async function createSource(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, input: SourceInput): Promise<Source> {
  return inTransaction(ds, async (em) => {
    throwIfErrors(await checkTerms(em, input));
    const source = await em.save(Source, em.create(Source, { ...fieldsOf(input), createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'source', source.id, 'create', filledFields(source, EDITABLE));
    return source;
  });
}

export async function updateSource(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, id: number, input: SourceInput): Promise<Source> {
  return inTransaction(ds, async (em) => {
    const source = await em.findOneBy(Source, { id });
    if (!source) throw notFound(t('sources.errors.noSuchSource'));
    throwIfErrors(await checkTerms(em, input, source));
    const next = fieldsOf(input);
    const fields = changedFields(source, next as Partial<Source>, [...EDITABLE]);
    if (fields.length === 0) return source;
    Object.assign(source, next, { updatedById: user.id });
    await em.save(Source, source);
    await auditRecord(em, actor, 'source', id, 'update', fields);
    return source;
  });
}

/**
 * Why a cited source stays. The same words whoever asks and wherever the citations are: some may
 * be in restricted cases or on protected people the user cannot see, so the message names no
 * case, record or number (the page lists the citations the user can see).
 */
/** Why a cited source is not moved to the trash (in the current language). */
export const stillCited = () => t('sources.errors.stillCited');

/** A source still cited anywhere stays: its citations go first (the foreign key agrees). */
export async function deleteSource(ds: DataSource, actor: Actor, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    if (!(await em.existsBy(Source, { id }))) throw notFound(t('sources.errors.noSuchSource'));
    if (await em.existsBy(Citation, { sourceId: id })) throw conflict(stillCited());
    await moveToTrash(em, actor, { target: Source, id });
    await auditRecord(em, actor, 'source', id, 'delete', []);
  });
}

export async function getSource(ds: DataSource, id: number): Promise<Source> {
  const source = await ds.getRepository(Source).findOneBy({ id });
  if (!source) throw notFound(t('sources.errors.noSuchSource'));
  return source;
}

export interface SourceFilter {
  q?: string;
  kind?: string;
  relation?: string;
  reliability?: string;
  page: number;
  pageSize: number;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;

export async function listSources(ds: DataSource, user: CurrentUser, f: SourceFilter): Promise<{ rows: Source[]; total: number }> {
  // Only a text filter needs the user's redaction in SQL (people/redaction.ts).
  return f.q ? withRedactionContext(ds, user, (context) => querySources(ds, f, context)) : querySources(ds, f, null);
}

async function querySources(ds: DataSource, f: SourceFilter, context: number | null): Promise<{ rows: Source[]; total: number }> {
  const qb = ds.getRepository(Source).createQueryBuilder('s');
  // Name, title and address match as the user reads them (people/redaction.ts): never by a withheld name.
  const seen = (col: string) => (context === null ? `${col} LIKE :q ESCAPE '\\'` : `(${col} LIKE :q ESCAPE '\\' AND casebook_redacted(:ctx, NULL, ${col}) LIKE :q ESCAPE '\\')`);
  if (f.q) qb.andWhere(`(${seen('s.name')} OR ${seen('s.title')} OR ${seen('s.url')})`, { q: like(f.q), ctx: context });
  if (f.kind) qb.andWhere('s.kind = :kind', { kind: f.kind });
  if (f.relation) qb.andWhere('s.relation = :relation', { relation: f.relation });
  if (f.reliability) qb.andWhere('s.reliability = :reliability', { reliability: f.reliability });
  const [rows, total] = await qb.orderBy('s.name', 'ASC').addOrderBy('s.id', 'ASC').skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  return { rows, total };
}

export type SourceChoice = Pick<Source, 'id' | 'name' | 'title' | 'relation'>;

/**
 * Sources to choose from when citing (the citation form's select): every case page an editor
 * opens lists them all, so only the four columns the list shows are read, with one prepared
 * statement (as entities through TypeORM, 500 sources cost more than the rest of the page's reads).
 */
const SOURCE_CHOICES_SQL = 'SELECT id, name, title, relation FROM source ORDER BY name ASC, id ASC LIMIT ?';

export function sourceChoices(ds: DataSource, limit = 1000): Promise<SourceChoice[]> {
  if (ds.options.type === 'postgres') return ds.query(SOURCE_CHOICES_SQL, [limit]) as Promise<SourceChoice[]>;
  return Promise.resolve(prepared(rawDb(ds), SOURCE_CHOICES_SQL).all(limit) as SourceChoice[]);
}
