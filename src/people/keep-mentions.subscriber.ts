import { EntitySubscriberInterface, EventSubscriber, UpdateEvent } from 'typeorm';
import { restoreMentions } from './redaction';

/**
 * A form or an API client that was shown a text redacted ("[Person P-0142]" in place of a
 * protected name) sends the marks back when the text is saved. Before any update of any record,
 * each text column holding a mark gets back the mention it stood for in the stored value
 * (redaction.ts, restoreMentions), so an editor not cleared for a person never erases that
 * person's name by saving a form.
 */
@EventSubscriber()
export class KeepMentionsSubscriber implements EntitySubscriberInterface {
  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const { entity, databaseEntity } = event;
    if (!entity || !databaseEntity) return;
    for (const column of event.metadata.columns) {
      const next: unknown = column.getEntityValue(entity);
      if (typeof next !== 'string' || !next.includes('[Person P-')) continue;
      const previous: unknown = column.getEntityValue(databaseEntity);
      if (typeof previous !== 'string') continue;
      const caseId = typeof databaseEntity.caseId === 'number' ? databaseEntity.caseId : event.metadata.name === 'CaseRecord' ? (databaseEntity.id as number) : null;
      const restored = restoreMentions(event.manager, next, previous, caseId);
      if (restored !== next) column.setEntityValue(entity, restored);
    }
  }
}
