import { SectionContext } from '../cases/case-section';

/** The statements part of the case page. (Stub: replaced when statements get their pages.) */
export async function statementsSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
