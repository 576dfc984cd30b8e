import { SectionContext } from '../cases/case-section';

/** The proceedings part of the case page. (Stub: replaced when proceedings get their pages.) */
export async function proceedingsSection(ctx: SectionContext): Promise<{ items: unknown[] }> {
  void ctx;
  return { items: [] };
}
