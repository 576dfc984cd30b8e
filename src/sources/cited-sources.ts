import { DataSource } from 'typeorm';
import { citationsOfCase } from './citation.service';
import { presentSource } from './source.presenter';
import { SourceBadge, sourceBadge } from './citation.presenter';
import { Vocabulary } from '../vocab/vocab-term.entity';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** The sources each record of a case cites, keyed "statement:12", for the record sections. */
export async function citedSourcesByRecord(ds: DataSource, caseId: number, label: Labeler): Promise<(type: string, id: number) => SourceBadge[]> {
  const map = new Map<string, SourceBadge[]>();
  for (const c of await citationsOfCase(ds, caseId)) {
    if (!c.source) continue;
    const key = `${c.recordType}:${c.recordId}`;
    map.set(key, [...(map.get(key) ?? []), sourceBadge(presentSource(c.source, label), c.attribution ? label('citation_attribution', c.attribution) : null)]);
  }
  return (type, id) => map.get(`${type}:${id}`) ?? [];
}
