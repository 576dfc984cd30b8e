import { EntityManager } from 'typeorm';
import { IMPORT_KINDS, ImportKind } from './import-fields';
import { ImportBatch, ImportRecord, ImportRowCheck } from './import-batch.entity';
import { ImportRef } from './import-values';
import { Actor } from '../audit/audit.service';
import { AuditAppender } from '../audit/audit-appender';
import { changedFields } from '../records/record-audit';
import { CurrentUser } from '../http/context';
import { CaseRecord } from '../cases/case.entity';
import { CaseMember } from '../cases/case-member.entity';
import { CaseTag } from '../cases/case-tag.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { Person } from '../people/person.entity';
import { PersonName } from '../people/person-name.entity';
import { PersonProfile } from '../people/person-profile.entity';
import { searchForms } from '../people/name-search';
import { detectScript } from '../people/name-script';
import { Institution } from '../institutions/institution.entity';
import { InstitutionAlias } from '../institutions/institution-alias.entity';
import { wouldCreateCycle } from '../institutions/institution-tree';
import { CaseEvent } from '../events/event.entity';
import { EventInstitution } from '../events/event-institution.entity';
import { EventPerson } from '../events/event-person.entity';
import { validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { KindWriter, writeLaterKind } from './import-kinds-commit';
import type { LaterKind } from './import-kinds';

type Values = Record<string, unknown>;
const NO_DATE = { precision: null, start: null, end: null };

/** Writes one batch's rows inside the caller's transaction; the audit entries go into the same one. */
export class BatchWriter {
  readonly created = Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0])) as Record<ImportKind, number>;
  readonly updated = Object.fromEntries(IMPORT_KINDS.map((k) => [k, 0])) as Record<ImportKind, number>;
  private pendingParents: { id: number; ref: ImportRef }[] = [];
  /** The entries of the records written, appended in the commit's transaction (the chain as recordAudit builds it). */
  private readonly auditLog: AuditAppender;
  /**
   * import_record links of this source by kind and external id: looked up for a whole chunk of
   * rows in one query (prefetch), and kept up to date as rows are written. A key not in the map
   * is asked of the database (a reference prefetch did not foresee).
   */
  private links = new Map<string, { id: number; recordId: number } | null>();

  constructor(
    private readonly em: EntityManager,
    private readonly actor: Actor,
    private readonly user: CurrentUser,
    private readonly batch: ImportBatch,
  ) {
    this.auditLog = new AuditAppender(em, actor);
  }

  private audit(recordType: string, recordId: number, verb: 'create' | 'update', fields: string[], caseId?: number) {
    return this.auditLog.append({
      action: `${recordType}.${verb}`,
      recordType,
      recordId,
      fields,
      detail: { ...(caseId ? { caseId } : {}), importBatchId: this.batch.id, importFile: this.batch.fileName },
    });
  }

  /** The record a reference names: an existing one, or one this batch has written (found by its external id). */
  private async resolve(kind: ImportKind, ref: ImportRef | null | undefined): Promise<number | null> {
    if (!ref) return null;
    if ('record' in ref) return ref.record;
    return (await this.linkOf(kind, ref.row))?.recordId ?? null;
  }

  private async linkOf(kind: ImportKind, externalId: string): Promise<{ id: number; recordId: number } | null> {
    const key = `${kind}\n${externalId}`;
    const known = this.links.get(key);
    if (known !== undefined) return known;
    const rec = await this.em.findOne(ImportRecord, { where: { source: this.batch.mapping.source, kind, externalId }, select: { id: true, recordId: true } });
    const link = rec ? { id: rec.id, recordId: rec.recordId } : null;
    this.links.set(key, link);
    return link;
  }

  /**
   * The links a chunk of rows will ask for (each row's own, and the rows its values refer to), in
   * one query per chunk instead of one per row and reference. The map holds only the chunk's keys.
   */
  async prefetch(rows: ImportRowCheck[]): Promise<void> {
    const keys = new Set<string>();
    const add = (kind: ImportKind, ref: unknown) => {
      if (ref && typeof ref === 'object' && 'row' in ref && typeof (ref as { row: unknown }).row === 'string') keys.add(`${kind}\n${(ref as { row: string }).row}`);
    };
    for (const row of rows) {
      keys.add(`${row.kind}\n${row.externalId}`);
      const v = (row.values ?? {}) as Values;
      add('cases', v.case_ref);
      add('institutions', v.parent);
      for (const ref of (v.institutions as unknown[] | undefined) ?? []) add('institutions', ref);
      for (const p of (v.people as { person?: unknown }[] | undefined) ?? []) add('people', p?.person);
    }
    this.links = new Map([...keys].map((k) => [k, null]));
    const byKind = new Map<string, string[]>();
    for (const key of keys) {
      const [kind, externalId] = key.split('\n');
      const ids = byKind.get(kind);
      if (ids) ids.push(externalId);
      else byKind.set(kind, [externalId]);
    }
    for (const [kind, ids] of byKind) {
      // The unique (source, kind, external_id) index answers it: one probe per id.
      const found: { id: number; kind: string; externalId: string; recordId: number }[] = await this.em.query(
        `SELECT id, kind, external_id AS "externalId", record_id AS "recordId" FROM import_record WHERE source = ? AND kind = ? AND external_id IN (SELECT value FROM json_each(?))`,
        [this.batch.mapping.source, kind, JSON.stringify(ids)],
      );
      for (const f of found) this.links.set(`${f.kind}\n${f.externalId}`, { id: Number(f.id), recordId: Number(f.recordId) });
    }
  }

  /**
   * Remembers the record a row made or was matched to. All values bound: TypeORM's insert inlines
   * numbers (batch and record ids) into the SQL, so every row was a statement prepared afresh.
   */
  private async link(kind: ImportKind, recordId: number, externalId: string, rowHash: string, created: boolean): Promise<void> {
    const rows: { id: number }[] = await this.em.query('INSERT INTO "import_record" ("batch_id", "kind", "record_id", "external_id", "row_hash", "source", "created") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id', [this.batch.id, kind, recordId, externalId, rowHash, this.batch.mapping.source, created ? 1 : 0]);
    this.links.set(`${kind}\n${externalId}`, { id: Number(rows[0].id), recordId });
  }

  async write(row: ImportRowCheck): Promise<void> {
    if (row.skip || row.action === 'skip' || row.action === 'error') return;
    const link = await this.linkOf(row.kind, row.externalId);
    if (row.action === 'unchanged') {
      // A row matched by name to an existing record: remembered, so the next import finds it by its id.
      if (!link && row.recordId !== null) await this.link(row.kind, row.recordId, row.externalId, row.rowHash, false);
      return;
    }
    if (row.values?.twin_of != null) {
      // A later row of a person already written (Casebook's people export): the case link only, the id stays the first row's.
      const personId = row.recordId ?? link?.recordId ?? null;
      if (personId !== null) await this.people(row.values, personId);
      this.updated[row.kind]++;
      return;
    }
    const id = await this[row.kind](row.values, row.action === 'update' ? row.recordId : null);
    if (row.action === 'create') {
      if (link) await this.em.delete(ImportRecord, { id: link.id }); // its record was deleted since
      await this.link(row.kind, id, row.externalId, row.rowHash, true);
      this.created[row.kind]++;
    } else {
      if (link) await this.em.update(ImportRecord, { id: link.id }, { rowHash: row.rowHash });
      // A person matched by name whose row only adds a case link: remembered as matched, not created.
      else await this.link(row.kind, id, row.externalId, row.rowHash, false);
      this.updated[row.kind]++;
    }
  }

  /** Parents that are rows further down the sheet, set once every institution exists. */
  async finish(): Promise<void> {
    this.links.clear();
    for (const { id, ref } of this.pendingParents) {
      const parentId = await this.resolve('institutions', ref);
      if (parentId === null) continue;
      if (await wouldCreateCycle(this.em, id, parentId)) throw validationFailed({ parent: t('institutions.errors.ownAncestor') });
      await this.em.update(Institution, { id }, { parentId });
    }
    await this.auditLog.flush();
  }

  /** The chunk's audit entries end the chain (the head written); called between chunks. */
  async flushAudit(): Promise<void> {
    await this.auditLog.flush();
  }

  /**
   * The last number given per code prefix in this commit. The query below scans every case (LIKE
   * cannot use the code index), once per created case: quadratic over a large file. The commit is
   * one transaction holding the write lock, so nobody else adds codes meanwhile; a case written
   * with a code of its own forgets the prefix (the next one asks the database again).
   */
  private lastCode = new Map<string, number>();

  private async nextCode(year: number): Promise<string> {
    const prefix = `RU-${year}-`;
    let last = this.lastCode.get(prefix);
    if (last === undefined) {
      const rows: { code: string }[] = await this.em.query(`SELECT code FROM case_record WHERE code LIKE ? ORDER BY length(code) DESC, code DESC LIMIT 1`, [prefix + '%']);
      const found = rows[0] ? Number(rows[0].code.slice(prefix.length)) : 0;
      last = Number.isFinite(found) ? found : 0;
    }
    this.lastCode.set(prefix, last + 1);
    return prefix + String(last + 1).padStart(4, '0');
  }

  private async setTags(caseId: number, tags: string[]): Promise<boolean> {
    const existing = (await this.em.findBy(CaseTag, { caseId })).map((r) => r.tag).sort();
    if (JSON.stringify(existing) === JSON.stringify([...tags].sort())) return false;
    await this.em.delete(CaseTag, { caseId });
    if (tags.length) await this.em.insert(CaseTag, tags.map((tag) => ({ caseId, tag })));
    return true;
  }

  async cases(v: Values, recordId: number | null): Promise<number> {
    const next = {
      title: v.title as string,
      summary: (v.summary as string | null) ?? null,
      status: v.status as string,
      region: (v.region as string | null) ?? null,
      restricted: Boolean(v.restricted),
      groupDescription: (v.group_description as string | null) ?? null,
      groupCount: (v.group_count as number | null) ?? null,
      groupCountPrecision: v.group_count != null ? ('exact' as const) : null,
      groupDeathCount: (v.group_death_count as number | null) ?? null,
      groupDeathCountPrecision: v.group_death_count != null ? ('exact' as const) : null,
    };
    const tags = (v.tags as string[] | undefined) ?? [];
    const keys = Object.keys(next) as (keyof typeof next)[];
    if (recordId === null) {
      if (v.code) this.lastCode.clear();
      const code = (v.code as string | undefined) || (await this.nextCode((v.year as number | undefined) ?? new Date().getUTCFullYear()));
      const record = await this.em.save(CaseRecord, this.em.create(CaseRecord, { ...next, code, createdById: this.user.id, updatedById: this.user.id }));
      await this.em.insert(CaseMember, { caseId: record.id, userId: this.user.id });
      await this.setTags(record.id, tags);
      await this.audit('case', record.id, 'create', ['code', ...keys.filter((k) => next[k] != null && next[k] !== false), ...(tags.length ? ['tags'] : [])], record.id);
      return record.id;
    }
    const record = await this.em.findOneByOrFail(CaseRecord, { id: recordId });
    if (v.code) this.lastCode.clear();
    const wanted = { ...next, ...(v.code ? { code: v.code as string } : {}) };
    const fields = changedFields(record, wanted as Partial<CaseRecord>, [...keys, 'code']);
    Object.assign(record, wanted);
    const tagsChanged = await this.setTags(recordId, tags);
    if (fields.length || tagsChanged) {
      record.updatedById = this.user.id;
      await this.em.save(CaseRecord, record);
      await this.audit('case', recordId, 'update', [...fields, ...(tagsChanged ? ['tags'] : [])], recordId);
    }
    return recordId;
  }

  async people(v: Values, recordId: number | null): Promise<number> {
    if (v.link_only && recordId !== null) {
      await this.addParticipant(recordId, v);
      return recordId;
    }
    const names = v.names as { name: string; script: string | null; language: string | null; kind: PersonName['kind'] }[];
    const next = {
      primaryName: names[0].name,
      gender: (v.gender as Person['gender'] | undefined) ?? 'unknown',
      region: (v.region as string | null) ?? null,
      notes: (v.notes as string | null) ?? null,
      protectedIdentity: Boolean(v.protected_identity),
      birth: (v.birth as Person['birth'] | undefined) ?? NO_DATE,
    };
    const profiles = (v.profiles as string[] | undefined) ?? [];
    const nameRows = (personId: number) => names.map((n) => ({ personId, name: n.name, script: n.script ?? detectScript(n.name), language: n.language, kind: n.kind, ...searchForms(n.name) }));
    let id = recordId;
    const fields: string[] = [];
    if (id === null) {
      const person = await this.em.save(Person, this.em.create(Person, { ...next, createdById: this.user.id, updatedById: this.user.id }));
      id = person.id;
      await this.em.insert(PersonName, nameRows(id));
      if (profiles.length) await this.em.insert(PersonProfile, profiles.map((code) => ({ personId: id!, code })));
      fields.push('names', ...(['gender', 'region', 'notes', 'protectedIdentity', 'birth'] as const).filter((f) => (f === 'birth' ? next.birth.precision !== null : next[f] != null && next[f] !== false && !(f === 'gender' && next.gender === 'unknown'))), ...(profiles.length ? ['profiles'] : []));
    } else {
      const person = await this.em.findOneByOrFail(Person, { id });
      const current = { ...person, birth: { precision: person.birth.precision, start: person.birth.start, end: person.birth.end } };
      fields.push(...changedFields(current, next as Partial<typeof current>, ['gender', 'region', 'notes', 'protectedIdentity', 'birth']));
      const before = await this.em.find(PersonName, { where: { personId: id }, order: { id: 'ASC' } });
      const sig = (rows: Partial<PersonName>[]) => JSON.stringify(rows.map((r) => [r.name, r.script, r.language, r.kind]).sort());
      const rows = nameRows(id);
      if (sig(rows) !== sig(before)) {
        await this.em.delete(PersonName, { personId: id });
        await this.em.insert(PersonName, rows);
        fields.push('names');
      }
      const oldProfiles = (await this.em.findBy(PersonProfile, { personId: id })).map((p) => p.code).sort();
      if (JSON.stringify(oldProfiles) !== JSON.stringify([...profiles].sort())) {
        await this.em.delete(PersonProfile, { personId: id });
        if (profiles.length) await this.em.insert(PersonProfile, profiles.map((code) => ({ personId: id!, code })));
        fields.push('profiles');
      }
      if (fields.length) await this.em.update(Person, { id }, { ...next, updatedById: this.user.id });
    }
    if (fields.length) await this.audit('person', id, recordId === null ? 'create' : 'update', fields);
    await this.addParticipant(id, v);
    return id;
  }

  /** The row's case link (case-participant rules: one row per person and role), with the entry addParticipant writes. */
  private async addParticipant(personId: number, v: Values): Promise<void> {
    const caseId = await this.resolve('cases', v.case_ref as ImportRef | null | undefined);
    if (caseId === null || !v.case_role || (await this.em.existsBy(CaseParticipant, { caseId, personId, role: v.case_role as string }))) return;
    await this.em.insert(CaseParticipant, { caseId, personId, role: v.case_role as string, note: null });
    await this.auditLog.append({ action: 'case.participant_add', recordType: 'case', recordId: caseId, fields: ['participants'], detail: { caseId, personId, role: v.case_role as string, importBatchId: this.batch.id, importFile: this.batch.fileName } });
  }

  /** The people of an events row as stored (person id and role, each pair once). */
  private async eventPeople(v: Values): Promise<{ personId: number; role: string }[]> {
    const out: { personId: number; role: string }[] = [];
    for (const p of (v.people as { person: ImportRef; role: string }[] | undefined) ?? []) {
      const personId = await this.resolve('people', p.person);
      if (personId !== null && !out.some((o) => o.personId === personId && o.role === p.role)) out.push({ personId, role: p.role });
    }
    return out;
  }

  async institutions(v: Values, recordId: number | null): Promise<number> {
    const parentRef = v.parent as ImportRef | null | undefined;
    const parentId = await this.resolve('institutions', parentRef);
    const next = {
      name: v.name as string,
      ...searchForms(v.name as string),
      type: v.type as string,
      region: (v.region as string | null) ?? null,
      locality: (v.locality as string | null) ?? null,
      latitude: (v.latitude as number | null) ?? null,
      longitude: (v.longitude as number | null) ?? null,
      notes: (v.notes as string | null) ?? null,
      ...(parentRef ? (parentId !== null ? { parentId } : {}) : { parentId: null }),
    };
    const aliases = (v.aliases as string[] | undefined) ?? [];
    const keys = ['name', 'type', 'parentId', 'region', 'locality', 'latitude', 'longitude', 'notes'] as const;
    let id = recordId;
    const fields: string[] = [];
    if (id === null) {
      const inst = await this.em.save(Institution, this.em.create(Institution, { ...next, createdById: this.user.id, updatedById: this.user.id }));
      id = inst.id;
      if (aliases.length) await this.em.insert(InstitutionAlias, aliases.map((name) => ({ institutionId: id!, name, ...searchForms(name) })));
      fields.push(...keys.filter((k) => (next as Record<string, unknown>)[k] != null || (k === 'parentId' && parentRef)), ...(aliases.length ? ['aliases'] : []));
    } else {
      const inst = await this.em.findOneByOrFail(Institution, { id });
      fields.push(...changedFields(inst, next as Partial<Institution>, [...keys]));
      const old = (await this.em.find(InstitutionAlias, { where: { institutionId: id }, order: { id: 'ASC' } })).map((a) => a.name);
      if (JSON.stringify(old) !== JSON.stringify(aliases)) {
        await this.em.delete(InstitutionAlias, { institutionId: id });
        if (aliases.length) await this.em.insert(InstitutionAlias, aliases.map((name) => ({ institutionId: id!, name, ...searchForms(name) })));
        fields.push('aliases');
      }
      if (fields.length) {
        if ('parentId' in next && next.parentId != null && (await wouldCreateCycle(this.em, id, next.parentId))) throw validationFailed({ parent: t('institutions.errors.ownAncestor') });
        await this.em.update(Institution, { id }, { ...next, updatedById: this.user.id });
      }
    }
    if (parentRef && parentId === null) this.pendingParents.push({ id, ref: parentRef });
    if (fields.length) await this.audit('institution', id, recordId === null ? 'create' : 'update', fields);
    return id;
  }

  async events(v: Values, recordId: number | null): Promise<number> {
    const caseId = (await this.resolve('cases', v.case_ref as ImportRef))!;
    const institutionIds: number[] = [];
    for (const ref of (v.institutions as ImportRef[] | undefined) ?? []) {
      const id = await this.resolve('institutions', ref);
      if (id !== null && !institutionIds.includes(id)) institutionIds.push(id);
    }
    let region = (v.region as string | null | undefined) ?? null;
    if (!region && institutionIds.length) {
      const rows = await this.em.find(Institution, { where: institutionIds.map((id) => ({ id })), select: { id: true, region: true } });
      region = institutionIds.map((id) => rows.find((r) => r.id === id)?.region).find((r): r is string => !!r) ?? null;
    }
    const next = { type: v.type as string, title: (v.title as string | null) ?? null, date: v.date as CaseEvent['date'], place: (v.place as string | null) ?? null, description: (v.description as string | null) ?? null, region };
    const keys = ['type', 'title', 'date', 'place', 'description', 'region'] as const;
    const people = await this.eventPeople(v);
    const personKey = (p: { personId: number; role: string }) => `${p.personId}:${p.role}`;
    if (recordId === null) {
      const event = await this.em.save(CaseEvent, this.em.create(CaseEvent, { caseId, ...next, createdById: this.user.id, updatedById: this.user.id }));
      if (institutionIds.length) await this.em.insert(EventInstitution, institutionIds.map((institutionId) => ({ eventId: event.id, institutionId })));
      if (people.length) await this.em.insert(EventPerson, people.map((p) => ({ eventId: event.id, ...p })));
      await this.audit('event', event.id, 'create', [...keys.filter((k) => next[k] != null), ...(institutionIds.length ? ['institutions'] : []), ...(people.length ? ['people'] : [])], caseId);
      return event.id;
    }
    const event = await this.em.findOneByOrFail(CaseEvent, { id: recordId });
    const current = { ...event, date: { precision: event.date.precision, start: event.date.start, end: event.date.end } };
    const fields = changedFields(current, next as Partial<typeof current>, [...keys]);
    const old = (await this.em.findBy(EventInstitution, { eventId: recordId })).map((r) => r.institutionId).sort();
    if (JSON.stringify(old) !== JSON.stringify([...institutionIds].sort())) {
      await this.em.delete(EventInstitution, { eventId: recordId });
      if (institutionIds.length) await this.em.insert(EventInstitution, institutionIds.map((institutionId) => ({ eventId: recordId, institutionId })));
      fields.push('institutions');
    }
    const oldPeople = (await this.em.findBy(EventPerson, { eventId: recordId })).map(personKey).sort();
    if (JSON.stringify(oldPeople) !== JSON.stringify(people.map(personKey).sort())) {
      await this.em.delete(EventPerson, { eventId: recordId });
      if (people.length) await this.em.insert(EventPerson, people.map((p) => ({ eventId: recordId, ...p })));
      fields.push('people');
    }
    if (fields.length) {
      await this.em.update(CaseEvent, { id: recordId }, { ...next, updatedById: this.user.id });
      await this.audit('event', recordId, 'update', fields, event.caseId);
    }
    return recordId;
  }

  // The later kinds are written by their own services, in this transaction (import-kinds-commit.ts).
  private laterWriter?: KindWriter;
  private async later(kind: LaterKind, v: Values, recordId: number | null): Promise<number> {
    // The services append their own entries through recordAudit, which reads the chain's head
    // from the table: the entries this writer holds back are written first, or the chain forks.
    await this.auditLog.flush();
    this.laterWriter ??= {
      em: this.em,
      actor: { ...this.actor, detail: { importBatchId: this.batch.id, importFile: this.batch.fileName } },
      user: this.user,
      resolve: (kind, ref) => this.resolve(kind, ref),
    };
    return writeLaterKind(this.laterWriter, kind, v, recordId);
  }

  allegations(v: Values, recordId: number | null) { return this.later('allegations', v, recordId); }
  complaints(v: Values, recordId: number | null) { return this.later('complaints', v, recordId); }
  complaint_responses(v: Values, recordId: number | null) { return this.later('complaint_responses', v, recordId); }
  investigations(v: Values, recordId: number | null) { return this.later('investigations', v, recordId); }
  investigation_decisions(v: Values, recordId: number | null) { return this.later('investigation_decisions', v, recordId); }
  proceedings(v: Values, recordId: number | null) { return this.later('proceedings', v, recordId); }
  proceeding_stages(v: Values, recordId: number | null) { return this.later('proceeding_stages', v, recordId); }
  statements(v: Values, recordId: number | null) { return this.later('statements', v, recordId); }
  sources(v: Values, recordId: number | null) { return this.later('sources', v, recordId); }
}
