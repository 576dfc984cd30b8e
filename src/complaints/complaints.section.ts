import { SectionContext } from '../cases/case-section';

/** The complaints part of the case page. (Stub: replaced when complaints get their pages.) */
export async function complaintsSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
