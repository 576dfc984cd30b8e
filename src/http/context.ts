import { DataSource } from 'typeorm';
import { Config } from '../config';
import { SessionSettings } from '../sessions/session.service';
import { Role } from '../users/user.entity';

export interface AppContext {
  ds: DataSource;
  config: Config;
}

export function sessionSettings(config: Config): SessionSettings {
  return { secret: config.sessionSecret, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
}

/** What the request knows about who is acting; never the password hash. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The interface language chosen in account settings; null follows the browser. */
  language?: string | null;
  /** Every picture and video shown in greyscale (account setting). */
  mediaGreyscale?: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      correlationId: string;
      currentUser?: CurrentUser;
      /** Set when the request is authenticated by a session cookie (not by a bearer token). */
      sessionInfo?: { idHash: string; csrfToken: string; flash: string | null; authenticatedAt: Date };
      authKind?: 'session' | 'token';
      /** Text written by people, as the signed-in user may read it (people/redaction.ts). */
      redact: (text: string) => string;
    }
  }
}
