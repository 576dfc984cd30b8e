import { SectionContext } from '../cases/case-section';

/** The allegations part of the case page. (Stub: replaced when allegations get their pages.) */
export async function allegationsSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
