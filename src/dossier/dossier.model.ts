/**
 * A whole case history as plain, ordered content: what the printable dossier page and the PDF
 * both render, so the two always say the same thing. Everything in it has already passed the
 * access rules (restricted sub-records, pseudonyms for protected people, privileged evidence).
 */
export interface DossierItem {
  /** Stable anchor within the dossier, e.g. "event-12". */
  anchor: string;
  heading: string;
  /** The date as precisely as it is known ("Oct 2005", "c. 2005"), or null. */
  date: string | null;
  /** Short labelled facts: ["Methods", "Beating; Sleep deprivation"]. */
  facts: [string, string][];
  /** Free text, kept exactly as recorded. */
  text: string | null;
  /** Warnings a reader must not miss (retracted, relied on by a court, state media...). */
  flags: string[];
}

export interface DossierSection {
  id: string;
  title: string;
  items: DossierItem[];
  /** Shown when there are no items. */
  empty: string;
}

export interface DossierModel {
  caseId: number;
  code: string;
  title: string;
  header: [string, string][];
  summary: string | null;
  sections: DossierSection[];
  generatedAt: string;
  generatedBy: string;
}
