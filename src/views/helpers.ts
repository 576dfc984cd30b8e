import { t } from '../i18n/i18n';
import { auditActionText } from '../audit/audit-wording';

/** Display-only helpers available to every template as `helpers`; words come from the catalogues. */
export const viewHelpers = {
  dateTime(value: string | Date | null | undefined): string {
    if (!value) return '—';
    const d = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(d.getTime())) return '—';
    return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  },
  pageHref(baseQuery: string, page: number, param = 'page', anchor = ''): string {
    const q = new URLSearchParams(baseQuery);
    q.delete(param);
    if (page > 1) q.set(param, String(page));
    const qs = q.toString();
    return (qs ? '?' + qs : '?') + (anchor ? '#' + anchor : '');
  },
  /** The page numbers a pager shows: the first, the last, two either side of the current one; null where some are left out. */
  pageNumbers(page: number, pages: number): (number | null)[] {
    const out: (number | null)[] = [];
    for (let n = 1; n <= pages; n++) {
      if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
      else if (out[out.length - 1] !== null) out.push(null);
    }
    return out;
  },
  /** The query's parameters but one, as hidden fields of a form that sets that one (a pager's "go to page"). */
  hiddenParams(baseQuery: string, except: string): [string, string][] {
    return [...new URLSearchParams(baseQuery)].filter(([k]) => k !== except);
  },
  /** "case.participant_add" -> "added a person to the case" / "в дело добавлен участник" (audit/audit-wording.ts). */
  actionLabel(action: string): string {
    return auditActionText(action);
  },
  /** The names of the fields an audit entry lists, in the reader's language: "title, status". */
  fieldNames(fields: readonly string[]): string {
    return fields.map((f) => t(`history.fields.${f}`, { defaultValue: f })).join(', ');
  },
  roleLabel(role: string): string {
    return t(`roles.${role}`, { defaultValue: role });
  },
};
