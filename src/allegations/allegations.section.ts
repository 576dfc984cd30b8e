import { SectionContext } from '../cases/case-section';
import { AllegationView } from './allegation.presenter';
import { allegationViewsOfCase } from './allegation-views';
import { t } from '../i18n/i18n';

export interface AllegationsSection {
  items: AllegationView[];
  /** Who an allegation without a named victim concerns: the case's group, as described. */
  groupLabel: string;
  newHref: string;
}

/** The allegations part of the case page. */
export async function allegationsSection(ctx: SectionContext): Promise<AllegationsSection> {
  const caseId = ctx.record.id;
  return {
    items: await allegationViewsOfCase(ctx.ds, ctx.user, caseId),
    groupLabel: ctx.record.groupDescription ? t('allegations.group', { group: ctx.record.groupDescription }) : t('allegations.groupUnnamed'),
    newHref: `/cases/${caseId}/allegations/new`,
  };
}
