import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../db/columns';

/**
 * Failed sign-ins counted per submitted e-mail (as an HMAC), whether or not such an account
 * exists, so a lock-out reveals nothing about which accounts are real.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: DATETIME, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: DATETIME })
  lastFailureAt: Date;
}
