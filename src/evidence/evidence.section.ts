import { SectionContext } from '../cases/case-section';

/** The evidence part of the case page. (Stub: replaced when evidence gets its pages.) */
export async function evidenceSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
