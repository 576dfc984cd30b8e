/**
 * The writing system of a name when the researcher left it blank: the script of most of its
 * letters, as a code of the name_script vocabulary, or null when there are no letters.
 */
const SCRIPTS: [code: string, pattern: RegExp][] = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['latin', /\p{Script=Latin}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['armenian', /\p{Script=Armenian}/u],
];

export function detectScript(name: string): string | null {
  const counts = new Map<string, number>();
  for (const ch of name) {
    if (!/\p{L}/u.test(ch)) continue;
    const code = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [code, n] of counts) if (best === null || n > counts.get(best)!) best = code;
  return best;
}
