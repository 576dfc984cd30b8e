import { t } from '../i18n/i18n';

/** Display-only helpers available to every template as `helpers`; words come from the catalogues. */
export const viewHelpers = {
  dateTime(value: string | Date | null | undefined): string {
    if (!value) return '—';
    const d = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(d.getTime())) return '—';
    return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  },
  pageHref(baseQuery: string, page: number): string {
    const q = new URLSearchParams(baseQuery);
    q.set('page', String(page));
    return '?' + q.toString();
  },
  /** "case.update" -> "changed case" / "дело: изменено", for record histories. */
  actionLabel(action: string): string {
    const [type, verb] = action.split('.');
    const verbKey = `history.verbs.${verb}`;
    const typeKey = `history.types.${type}`;
    return t('history.action', {
      verb: t(verbKey, { defaultValue: (verb ?? '').replace(/_/g, ' ') }),
      type: t(typeKey, { defaultValue: (type ?? '').replace(/_/g, ' ') }),
    }).trim();
  },
  /** The names of the fields an audit entry lists, in the reader's language: "title, status". */
  fieldNames(fields: readonly string[]): string {
    return fields.map((f) => t(`history.fields.${f}`, { defaultValue: f })).join(', ');
  },
  roleLabel(role: string): string {
    return t(`roles.${role}`, { defaultValue: role });
  },
};
