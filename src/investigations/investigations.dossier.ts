import type { DossierItem } from '../dossier/dossier.model';
import { InvestigationsSection } from './investigations.section';
import { ProcessSummaryView } from './investigation.presenter';
import { processSentence } from './process-phrase';

const joined = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => Boolean(x)).join('; ');

/** The dossier's header line about the official process: the same counts as the case header. */
export function dossierProcessFact(summary: ProcessSummaryView): [string, string][] {
  return summary.any ? [['Investigation', processSentence(summary)]] : [];
}

/**
 * Each investigation as a dossier item, its decisions in order as numbered facts
 * ("3 of 7: Refused to open a criminal case (refusal 2 of 3), 12 May 2006").
 */
export function dossierInvestigations(section: InvestigationsSection): DossierItem[] {
  return section.items.map((inv) => ({
    anchor: inv.anchor,
    heading: `Investigation${inv.institution ? ` by ${inv.institution.label}` : ''}${inv.officialNumber ? ` (${inv.officialNumber})` : ''}`,
    date: inv.began?.text ?? null,
    facts: [
      ['Started', joined([inv.triggerLabel, inv.triggerComplaint?.label])],
      ...inv.decisions.map((d): [string, string] => [
        `${d.position} of ${d.total}: ${d.kindLabel}${d.kindTotal > 1 ? ` (${d.kindPosition} of ${d.kindTotal})` : ''}${d.date ? `, ${d.date.text}` : ''}`,
        joined([d.official, d.institution?.label, d.transferredTo ? `to ${d.transferredTo.label}` : null, d.reasons, d.document ? `document: ${d.document.title}` : null]) || '—',
      ]),
    ],
    text: inv.note,
    flags: inv.refusals ? [`${inv.refusals} refusal${inv.refusals === 1 ? '' : 's'} to open a criminal case`] : [],
  }));
}
