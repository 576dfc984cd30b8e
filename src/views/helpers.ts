/** Display-only helpers available to every template as `helpers`. */
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
  /** "case.update" -> "updated case", for record histories. */
  actionLabel(action: string): string {
    const [type, verb] = action.split('.');
    const verbs: Record<string, string> = { create: 'created', update: 'changed', delete: 'deleted', view: 'viewed', download: 'downloaded', merge: 'merged' };
    return `${verbs[verb] ?? (verb ?? '').replace(/_/g, ' ')} ${(type ?? '').replace(/_/g, ' ')}`.trim();
  },
  roleLabel(role: string): string {
    return ({ admin: 'Admin', researcher: 'Researcher', lawyer: 'Lawyer', analyst: 'Analyst (report writer)', viewer: 'Viewer' } as Record<string, string>)[role] ?? role;
  },
};
