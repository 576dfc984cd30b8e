import { DataSource } from 'typeorm';
import { VOCABULARIES, VocabTerm, Vocabulary } from './vocab-term.entity';
import { VOCAB_COLUMNS } from './vocab-usage';
import { clearVocabCache } from './vocab.service';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { conflict, notFound } from '../http/errors';
import { auditRecord, changedFields } from '../records/record-audit';
import { codeFromLabel } from './vocab.schema';
import { t } from '../i18n/i18n';

export function isVocabulary(name: string): name is Vocabulary {
  return (VOCABULARIES as readonly string[]).includes(name);
}

/** How many records use each code of a vocabulary (over every column that holds it). */
export async function usageCounts(ds: DataSource, vocabulary: Vocabulary): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { table, column } of VOCAB_COLUMNS.filter((c) => c.vocabulary === vocabulary)) {
    const rows: { code: string; n: number }[] = await ds.query(`SELECT "${column}" AS code, COUNT(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL GROUP BY "${column}"`);
    for (const r of rows) counts.set(r.code, (counts.get(r.code) ?? 0) + Number(r.n));
  }
  return counts;
}

export async function vocabularySummaries(ds: DataSource): Promise<{ vocabulary: Vocabulary; active: number; retired: number }[]> {
  const rows: { vocabulary: string; active: number; retired: number }[] = await ds.query(
    `SELECT vocabulary, SUM(CASE WHEN retired THEN 0 ELSE 1 END) AS active, SUM(CASE WHEN retired THEN 1 ELSE 0 END) AS retired FROM vocab_term GROUP BY vocabulary`,
  );
  const byName = new Map(rows.map((r) => [r.vocabulary, r]));
  return VOCABULARIES.map((v) => ({ vocabulary: v, active: Number(byName.get(v)?.active ?? 0), retired: Number(byName.get(v)?.retired ?? 0) }));
}

export function termsOf(ds: DataSource, vocabulary: Vocabulary): Promise<VocabTerm[]> {
  return ds.getRepository(VocabTerm).find({ where: { vocabulary }, order: { retired: 'ASC', sortOrder: 'ASC', labelEn: 'ASC' } });
}

export async function addTerm(ds: DataSource, actor: Actor, vocabulary: Vocabulary, input: { code: string; labelEn: string | null; labelRu: string | null; sortOrder: number | null }): Promise<VocabTerm> {
  const term = await withTransaction(ds, async (em) => {
    const code = input.code || codeFromLabel(input.labelEn ?? input.labelRu ?? '');
    if (await em.existsBy(VocabTerm, { vocabulary, code })) {
      throw conflict(t('vocab.errors.codeExists'), { code: t('vocab.errors.codeTaken', { code }) });
    }
    const last: { max: number | null }[] = await em.query('SELECT MAX(sort_order) AS max FROM vocab_term WHERE vocabulary = ?', [vocabulary]);
    const saved = await em.save(
      VocabTerm,
      em.create(VocabTerm, { vocabulary, code, labelEn: input.labelEn, labelRu: input.labelRu, sortOrder: input.sortOrder ?? Number(last[0]?.max ?? 0) + 10, retired: false, createdById: actor.userId, updatedById: actor.userId }),
    );
    await auditRecord(em, actor, 'vocab_term', saved.id, 'create', ['code', ...(input.labelEn ? ['labelEn'] : []), ...(input.labelRu ? ['labelRu'] : []), 'sortOrder']);
    return saved;
  });
  clearVocabCache(ds);
  return term;
}

async function changeTerm(ds: DataSource, actor: Actor, vocabulary: Vocabulary, code: string, next: Partial<Pick<VocabTerm, 'labelEn' | 'labelRu' | 'sortOrder' | 'retired'>>, verb: string): Promise<VocabTerm> {
  const term = await withTransaction(ds, async (em) => {
    const found = await em.findOneBy(VocabTerm, { vocabulary, code });
    if (!found) throw notFound(t('vocab.errors.noSuchTerm'));
    const fields = changedFields(found, next, ['labelEn', 'labelRu', 'sortOrder', 'retired']);
    if (fields.length === 0) return found;
    Object.assign(found, next, { updatedById: actor.userId });
    await em.save(VocabTerm, found);
    await auditRecord(em, actor, 'vocab_term', found.id, verb, fields);
    return found;
  });
  clearVocabCache(ds);
  return term;
}

export function editTerm(ds: DataSource, actor: Actor, vocabulary: Vocabulary, code: string, input: { labelEn: string | null; labelRu: string | null; sortOrder: number | null }) {
  const next: Partial<VocabTerm> = { labelEn: input.labelEn, labelRu: input.labelRu };
  if (input.sortOrder !== null) next.sortOrder = input.sortOrder;
  return changeTerm(ds, actor, vocabulary, code, next, 'update');
}

/** Retired terms stay on older records (with their label) but can no longer be chosen. */
export function setRetired(ds: DataSource, actor: Actor, vocabulary: Vocabulary, code: string, retired: boolean) {
  return changeTerm(ds, actor, vocabulary, code, { retired }, retired ? 'retire' : 'restore');
}
