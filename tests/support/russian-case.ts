import request from 'supertest';
import { TestApp, makeUser } from './app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { User } from '../../src/users/user.entity';
import { setLanguage } from '../../src/users/user.service';
import fs from 'node:fs';
import { photo } from '../unit/media-fixtures';

/**
 * A case written in Russian, as a Russian organisation would enter it, with one of every record,
 * for pages read in Russian: what the pages show of the data is Cyrillic, so any Latin word left
 * on them is interface text that was not translated.
 */
export interface RussianCase {
  admin: User;
  token: string;
  ids: Record<string, number>;
}

export async function buildRussianCase(t: TestApp): Promise<RussianCase> {
  const admin = await makeUser(t.ds, 'admin', { name: 'Анна Администраторова' });
  await setLanguage(t.ds, CLI_ACTOR, admin.id, 'ru');
  admin.language = 'ru';
  const token = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 'тест')).token;
  const created = async (path: string, body: object): Promise<{ id: number; [k: string]: unknown }> => {
    const res = await request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const day = (value: string) => ({ precision: 'day', value });

  const police = await created('/institutions', { name: 'ОВД Нальчика', type: 'police_unit', createAnyway: true });
  const court = await created('/institutions', { name: 'Верховный суд Кабардино-Балкарии', type: 'court', createAnyway: true });
  const sk = await created('/institutions', { name: 'Следственный комитет по КБР', type: 'investigative_committee', createAnyway: true });
  const victim = await created('/people', { names: ['Расул Кудаев'], createAnyway: true, notes: 'Задержан в Нальчике.' });
  const codefendant = await created('/people', { names: ['Анзор Ахматов'], createAnyway: true });
  const duplicate = await created('/people', { names: ['Анзор Ахматов (дубль)'], createAnyway: true });
  const source = await created('/sources', { kind: 'organisation', name: 'Мемориал', reliability: 'completely_reliable', relation: 'victim' });
  const kase = await created('/cases', { title: 'Дело Расула Кудаева', status: 'open', summary: 'Избит в отделе полиции, чтобы получить признание.' });
  const caseId = kase.id;
  await created(`/cases/${caseId}/participants`, { personId: victim.id, role: 'victim' });
  await created(`/cases/${caseId}/participants`, { personId: codefendant.id, role: 'victim' });
  const event = await created(`/cases/${caseId}/events`, { type: 'arrest', title: 'Задержание в Нальчике', date: day('2005-10-23'), institutionIds: [police.id], people: [{ personId: victim.id, role: 'victim' }] });
  await created(`/cases/${caseId}/events`, { type: 'arrest', title: 'Допрос', date: { precision: 'month', value: '2005-10' } });
  const allegation = await created(`/cases/${caseId}/allegations`, { victimPersonId: victim.id, summary: 'Избиение при допросе', methods: ['beating'], status: 'alleged', eventIds: [event.id], institutionIds: [police.id], perpetrators: [{ institutionId: police.id, involvement: 'carried_out', attribution: 'confirmed' }] });
  const statement = await created(`/cases/${caseId}/statements`, { makerPersonId: codefendant.id, kind: 'confession', content: 'Признание под давлением', beforeInstitutionId: police.id });
  await created(`/cases/${caseId}/statements/${statement.id}/retractions`, { kind: 'retraction', date: { precision: 'year', value: '2006' }, pressureAlleged: 'yes', forum: 'court' }).catch(() => undefined);
  const complaint = await created(`/cases/${caseId}/complaints`, { filedByPersonId: victim.id, toInstitutionId: sk.id, request: 'open_criminal_investigation', description: 'Жалоба на избиение' });
  const response = await created(`/cases/${caseId}/complaints/${complaint.id}/responses`, { outcome: 'refused_to_open', respondingInstitutionId: sk.id });
  const investigation = await created(`/cases/${caseId}/investigations`, { institutionId: sk.id, trigger: 'complaint', began: day('2005-11-15') });
  const decision = await created(`/cases/${caseId}/investigations/${investigation.id}/decisions`, { kind: 'refused_to_open', date: { precision: 'month', value: '2006-04' }, official: 'следователь И. И. Иванов', reasons: 'Нет состава преступления' });
  const proceeding = await created(`/cases/${caseId}/proceedings`, { courtInstitutionId: court.id, title: 'Процесс «Нальчик-2005»', defendants: [victim.id, codefendant.id] });
  const stage = await created(`/cases/${caseId}/proceedings/${proceeding.id}/stages`, { kind: 'indictment', courtInstitutionId: court.id });
  const citation = await created(`/cases/${caseId}/citations`, { sourceId: source.id, recordType: 'case_event', recordId: event.id });
  const upload = async (type: string, title: string, name: string, content: Buffer) => {
    const res = await request(t.app).post(`/api/v1/cases/${caseId}/evidence`).set('Authorization', `Bearer ${token}`).field('type', type).field('title', title).attach('files', content, name);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as { id: number; files: { id: number }[] };
  };
  const testimony = await upload('testimony_transcript', 'Показания Кудаева', 'показания.txt', Buffer.from('Меня били в отделе.\n'));
  const photoItem = await upload('photo', 'Фотография следов побоев', 'фото.jpg', fs.readFileSync(photo('gps-DSCN0010.jpg')));
  await evidenceJobsIdle(t.ds);
  const evaluation = await created(`/cases/${caseId}/medical-evaluations`, { examiner: 'Врач Петрова', examDate: day('2005-10-25'), findings: [{ allegationId: allegation.id, bodyLocation: 'спина', grade: 'consistent' }] });
  const trashedEvent = await created(`/cases/${caseId}/events`, { type: 'arrest', title: 'Ошибочная запись', date: day('2005-10-24') });
  const trash = await request(t.app).delete(`/api/v1/cases/${caseId}/events/${trashedEvent.id}`).set('Authorization', `Bearer ${token}`).send({ reason: 'Внесено по ошибке' });
  if (trash.status >= 300) throw new Error(`trash: ${trash.status} ${JSON.stringify(trash.body)}`);

  return {
    admin,
    token,
    ids: {
      case: caseId,
      police: police.id,
      court: court.id,
      sk: sk.id,
      victim: victim.id,
      codefendant: codefendant.id,
      duplicate: duplicate.id,
      source: source.id,
      event: event.id,
      allegation: allegation.id,
      statement: statement.id,
      complaint: complaint.id,
      response: response.id,
      investigation: investigation.id,
      decision: decision.id,
      proceeding: proceeding.id,
      stage: stage.id,
      citation: citation.id,
      testimony: testimony.id,
      photo: photoItem.id,
      evaluation: evaluation.id,
      trashedEvent: trashedEvent.id,
    },
  };
}
