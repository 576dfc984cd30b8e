type Level = 'silent' | 'error' | 'info';
let level: Level = process.env.NODE_ENV === 'test' ? 'silent' : 'info';

export function setLogLevel(next: Level): void {
  level = next;
}

function write(kind: 'error' | 'info', message: string, detail: Record<string, unknown>): void {
  if (level === 'silent' || (level === 'error' && kind === 'info')) return;
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: kind, message, ...detail }) + '\n');
}

/** Structured log lines on stderr. Never pass record contents or secrets: ids and codes only. */
export const log = {
  info: (message: string, detail: Record<string, unknown> = {}) => write('info', message, detail),
  error: (message: string, detail: Record<string, unknown> = {}) => write('error', message, detail),
};
