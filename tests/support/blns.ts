import fs from 'node:fs';
import path from 'node:path';

/** The Big List of Naughty Strings (../shared/corpora/strings/blns.json), for every text field. */
export const BLNS: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../shared/corpora/strings/blns.json'), 'utf8'));

/** The strings a required field must accept as-is (those that are not empty or only white space). */
export const BLNS_NON_BLANK = BLNS.filter((s) => s.trim().length > 0);

/** What ejs's <%= %> produces for a string, to check a page shows it escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}
