import type { DossierItem } from '../dossier/dossier.model';
import { t } from '../i18n/i18n';
import { InvestigationsSection } from './investigations.section';
import { ProcessSummaryView } from './investigation.presenter';
import { processSentence } from './process-phrase';

const joined = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => Boolean(x)).join('; ');

/** The dossier's header line about the official process: the same counts and words as the case header. */
export function dossierProcessFact(summary: ProcessSummaryView): [string, string][] {
  return summary.any ? [[t('investigations.process.label'), processSentence(summary)]] : [];
}

/**
 * Each investigation as a dossier item, its decisions in order as numbered facts
 * ("3 of 7: Refused to open a criminal case (2 of 3), 12 May 2006"), worded in the request's
 * language (investigations.dossier.*).
 */
export function dossierInvestigations(section: InvestigationsSection): DossierItem[] {
  return section.items.map((inv) => ({
    anchor: inv.anchor,
    heading: `${inv.institution ? t('investigations.dossier.headingBy', { body: inv.institution.label }) : t('investigations.dossier.heading')}${inv.officialNumber ? ` (${inv.officialNumber})` : ''}`,
    date: inv.began?.text ?? null,
    facts: [
      [t('investigations.dossier.started'), joined([inv.triggerLabel, inv.triggerComplaint?.label])],
      ...inv.decisions.map((d): [string, string] => [
        `${t('investigations.dossier.position', { position: d.position, total: d.total })}: ${d.kindLabel}${d.kindTotal > 1 ? ` (${t('investigations.dossier.position', { position: d.kindPosition, total: d.kindTotal })})` : ''}${d.date ? `, ${d.date.text}` : ''}`,
        joined([d.official, d.institution?.label, d.transferredTo ? t('investigations.dossier.transferredTo', { body: d.transferredTo.label }) : null, d.reasons, d.document ? t('investigations.dossier.document', { title: d.document.title }) : null]) || '—',
      ]),
    ],
    text: inv.note,
    flags: inv.refusals ? [t('investigations.dossier.refusals', { count: inv.refusals })] : [],
  }));
}
