/** What the /imports pages read besides the engine's service: samples, created cases, candidate names. */
import { DataSource, In } from 'typeorm';
import { CurrentUser } from '../http/context';
import { openImportFile } from './import-file';
import { storedFilePath } from './import-access';
import * as service from './import.service';
import type { BatchView, PreviewRow } from './import.service';
import { ImportRecord } from './import-batch.entity';
import { CaseRecord } from '../cases/case.entity';
import { visibleCasesCondition } from '../cases/case-access';
import { Institution } from '../institutions/institution.entity';
import { personLabels } from '../people/identity';
import type { MappingExtras } from './import.presenter';


const SAMPLE_ROWS = 3;

/**
 * What the mapping page shows beside the batch: the first rows of each sheet from the kept file
 * (streamed, stopped after three) and the values the last check could not match to a term.
 */
export async function mappingExtras(ds: DataSource, user: CurrentUser, batch: BatchView): Promise<MappingExtras> {
  const samples: MappingExtras['samples'] = {};
  try {
    const file = await openImportFile(storedFilePath(ds, batch.sha256), { originalName: batch.fileName });
    for (const sheet of file.sheets) {
      const rows: string[][] = [];
      for await (const row of sheet.rows()) {
        rows.push(row.cells.map((c) => c.slice(0, 200)));
        if (rows.length >= SAMPLE_ROWS) break;
      }
      samples[sheet.name] = rows;
    }
  } catch {
    // The kept file is gone (committed or undone batches): the page shows no samples.
  }
  const unknownValues: MappingExtras['unknownValues'] = [];
  if (batch.status === 'has-problems') {
    const { rows } = await service.previewRows(ds, user, batch.id, { page: 1, perPage: 500, only: 'problems' });
    for (const row of rows) {
      const mapped = batch.mapping.sheets.find((s) => s.name === row.sheet);
      for (const p of row.problems) {
        if (p.code !== 'unknown-term' || typeof p.params.value !== 'string' || !mapped) continue;
        const column = mapped.columns.indexOf(p.field);
        const value = p.params.value;
        if (column < 0 || unknownValues.some((u) => u.sheet === row.sheet && u.column === column && u.value === value)) continue;
        unknownValues.push({ sheet: row.sheet, column, value, suggestions: Array.isArray(p.params.suggestions) ? p.params.suggestions.map(String) : [] });
      }
    }
  }
  return { samples, unknownValues };
}

/**
 * The cases a committed batch created, for links on its summary: through the service's batch rule
 * (a researcher their own batches, an admin all), and only the cases the user may see now (a case
 * restricted since, without the user as a member, is left out).
 */
export async function createdCases(ds: DataSource, user: CurrentUser, batchId: number): Promise<{ id: number; label: string }[]> {
  const batch = await service.getBatch(ds, user, batchId);
  const visible = visibleCasesCondition(user, 'c');
  const rows = await ds
    .createQueryBuilder(ImportRecord, 'r')
    .innerJoin(CaseRecord, 'c', 'c.id = r.record_id')
    .select(['c.id AS id', 'c.code AS code', 'c.title AS title'])
    .where('r.batch_id = :batchId AND r.kind = :kind AND r.created = :created', { batchId: batch.id, kind: 'cases', created: true })
    .andWhere(visible.sql, visible.params)
    .orderBy('c.id', 'ASC')
    .limit(1000)
    .getRawMany<{ id: number; code: string; title: string }>();
  return rows.map((r) => ({ id: Number(r.id), label: `${r.code} · ${r.title}` }));
}

/** Names of the candidates for an ambiguous name, as this user may see them, keyed by record id. */
export interface CandidateLabels {
  person: Map<number, { label: string; hidden: boolean }>;
  institution: Map<number, { label: string; hidden: boolean }>;
}

/**
 * The candidates the check offered for ambiguous names on these rows, named for the user viewing
 * the preview (not the one who ran the check: an admin may check a researcher's batch). A
 * protected person the viewer is not cleared for is shown by pseudonym only (people/identity.ts).
 */
export async function candidateLabels(ds: DataSource, user: CurrentUser, rows: PreviewRow[]): Promise<CandidateLabels> {
  const ids = { person: new Set<number>(), institution: new Set<number>() };
  for (const row of rows) {
    for (const p of row.problems) {
      const kind = p.code === 'ambiguous-person' ? 'person' : p.code === 'ambiguous-institution' ? 'institution' : null;
      if (!kind || !Array.isArray(p.params.candidates)) continue;
      for (const id of p.params.candidates) if (Number.isSafeInteger(Number(id))) ids[kind].add(Number(id));
    }
  }
  const people = await personLabels(ds, user, ids.person);
  const institutions = ids.institution.size ? await ds.getRepository(Institution).find({ where: { id: In([...ids.institution]) }, select: { id: true, name: true } }) : [];
  return {
    person: new Map([...people].map(([id, l]) => [id, { label: l.label, hidden: l.hidden }])),
    institution: new Map(institutions.map((i) => [i.id, { label: i.name, hidden: false }])),
  };
}
