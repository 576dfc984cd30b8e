/**
 * A browser and system named from a User-Agent header, for a person recognising their own
 * sessions ("Firefox on Windows"): families only, never versions. Codes; the view words them.
 */
export interface BrowserView {
  browser: string | null;
  system: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/YaBrowser\//, 'yandex'],
  [/Edg(?:e|A|iOS)?\//, 'edge'],
  [/OPR\/|Opera/, 'opera'],
  [/Firefox\/|FxiOS\//, 'firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'chrome'],
  [/Safari\//, 'safari'],
  [/curl\/|Wget\//, 'command_line'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'android'],
  [/iPhone|iPad|iPod/, 'ios'],
  [/Windows/, 'windows'],
  [/Mac OS X|Macintosh/, 'macos'],
  [/CrOS/, 'chromeos'],
  [/Linux|X11/, 'linux'],
];

export function browserOf(userAgent: string | null): BrowserView {
  if (!userAgent) return { browser: null, system: null };
  return {
    browser: BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? null,
    system: SYSTEMS.find(([re]) => re.test(userAgent))?.[1] ?? null,
  };
}
