import { PersonLabel } from '../people/identity';
import { SearchKind } from './search-kinds';
import { t } from '../i18n/i18n';

/** A kind of record as results name it ("Case", "Дело"), in the current language. */
const kindLabel = (kind: SearchKind) => t(`search.kinds.${kind}`);
import { Segment, excerpt, hasHit, plainSegments, toSegments, Markers } from './snippets';
import { CaseRow, IndexHit } from './search.service';

type Labeler = (vocabulary: 'case_status' | 'region', code: string | null | undefined) => string;

export interface CaseRef {
  id: number;
  code: string;
  title: string;
}

/** One result as pages and the API show it: nothing here is HTML, and no name escapes personLabels. */
export interface HitView {
  kind: SearchKind;
  kindLabel: string;
  id: number;
  href: string;
  title: Segment[];
  snippet: Segment[];
  /** "Names" when the snippet shows matching names rather than text. */
  snippetLabel: string | null;
  case: CaseRef | null;
  facts: string[];
  victims: { id: number; label: string; hidden: boolean }[];
  restricted: boolean;
}

/** Where a record lives: its own page, or its place on the case page. */
export function recordHref(kind: SearchKind, caseId: number | null, recordId: number): string {
  switch (kind) {
    case 'case':
      return `/cases/${recordId}`;
    case 'person':
      return `/people/${recordId}`;
    case 'institution':
      return `/institutions/${recordId}`;
    case 'source':
      return `/sources/${recordId}`;
    case 'evidence':
      return `/cases/${caseId}/evidence/${recordId}`;
    default:
      return `/cases/${caseId}#${kind}-${recordId}`;
  }
}

export interface PresentContext {
  markers: Markers;
  cases: Map<number, CaseRef>;
  people: Map<number, PersonLabel>;
}

export function presentHit(hit: IndexHit, ctx: PresentContext): HitView | null {
  // The texts come with protected names withheld already (search.service.ts, withText).
  let title = toSegments(hit.title, ctx.markers);
  let snippet = toSegments(hit.body, ctx.markers);
  let snippetLabel: string | null = null;
  if (!hasHit(snippet)) {
    const names = toSegments(hit.names, ctx.markers);
    if (hasHit(names)) {
      snippet = names;
      snippetLabel = t('search.hit.names');
    }
  }
  if (hit.kind === 'person') {
    const label = ctx.people.get(hit.recordId);
    if (!label) return null;
    if (label.hidden) {
      // Never reached (the query only matches people the user may search by name): kept as a guard.
      title = plainSegments(label.label);
      snippet = [];
      snippetLabel = null;
    }
  }
  const caseRef = hit.caseId ? (ctx.cases.get(hit.caseId) ?? null) : null;
  return {
    kind: hit.kind,
    kindLabel: kindLabel(hit.kind),
    id: hit.recordId,
    href: recordHref(hit.kind, hit.caseId, hit.recordId),
    title: title.length ? title : plainSegments(kindLabel(hit.kind)),
    snippet,
    snippetLabel,
    case: hit.kind === 'case' ? null : caseRef,
    facts: [],
    victims: [],
    restricted: false,
  };
}

/** A case of a filtered list; `redact`: its text as the user may read it (before it is cut to an excerpt). */
export function presentCaseRow(row: CaseRow, label: Labeler, victims: PersonLabel[], redact: (text: string) => string = (text) => text): HitView {
  return {
    kind: 'case',
    kindLabel: kindLabel('case'),
    id: row.id,
    href: `/cases/${row.id}`,
    title: plainSegments(redact(row.title)),
    snippet: plainSegments(excerpt(row.summary ? redact(row.summary) : row.summary)),
    snippetLabel: null,
    case: null,
    facts: [row.code, label('case_status', row.status), ...[row.region, ...(row.eventRegions ?? '').split(',')].filter((r): r is string => !!r).map((r) => label('region', r))],
    victims: victims.map((v) => ({ id: v.id, label: v.label, hidden: v.hidden })),
    restricted: Boolean(row.restricted),
  };
}

/** The API form of a result: plain text plus the highlight segments. */
export function hitJson(h: HitView) {
  const text = (s: Segment[]) => s.map((x) => x.text).join('');
  return {
    kind: h.kind,
    id: h.id,
    url: h.href,
    title: text(h.title),
    titleSegments: h.title,
    snippet: text(h.snippet),
    snippetSegments: h.snippet,
    snippetLabel: h.snippetLabel,
    case: h.case,
    facts: h.facts,
    victims: h.victims,
    restricted: h.restricted,
  };
}
