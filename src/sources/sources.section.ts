import { SectionContext } from '../cases/case-section';

/** The sources part of the case page. (Stub: replaced when sources get their pages.) */
export async function sourcesSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
