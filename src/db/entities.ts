import { User } from '../users/user.entity';
import { Session } from '../sessions/session.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { ApiToken } from '../tokens/api-token.entity';
import { AuditEntry, AuditHead } from '../audit/audit-entry.entity';

/** Every entity, listed explicitly so that compiled code, ts-jest and the CLI all load the same set. */
export const entities: Function[] = [User, Session, LoginThrottle, ApiToken, AuditEntry, AuditHead];
