import { SectionContext } from '../cases/case-section';

/** The events part of the case page. (Stub: replaced when events get their pages.) */
export async function eventsSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
