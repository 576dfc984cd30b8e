import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { inList } from '../evidence/evidence-constants';

export const SECURITY_MODES = ['normal', 'read_only', 'admins_only'] as const;
export type SecurityMode = (typeof SECURITY_MODES)[number];
export const SECURITY_MESSAGE_MAX = 1000;

/**
 * The instance's security mode during an incident (issue 14), one row (id 1): normal; read-only
 * (only admins write); admins only (everyone else is signed out and shown the admins' message at
 * sign-in). No row means normal. Every change is in the audit trail.
 */
@Entity('security_state')
@Check(inList('mode', SECURITY_MODES))
export class SecurityState {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 20, default: 'normal' })
  mode: SecurityMode;

  /** What the admins tell everyone else while the mode holds. */
  @Column({ type: 'varchar', length: SECURITY_MESSAGE_MAX, nullable: true })
  message: string | null;

  @Column({ type: DATETIME })
  changedAt: Date;

  @Column({ type: 'integer', nullable: true })
  changedById: number | null;
}
