import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { inList } from '../evidence/evidence-constants';
import { ROLES, Role, User } from '../users/user.entity';

/** The app-code factor; WebAuthn keys (several per user) have their own table (webauthn.entity.ts). */
export const FACTOR_KINDS = ['totp'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

/**
 * A user's second factor (issue 14). A TOTP secret is stored encrypted (factor-crypto.ts) and is
 * shown only while the factor is unconfirmed; `lastUsedStep` refuses a code's time step twice.
 */
@Entity('second_factor')
@Check(inList('kind', FACTOR_KINDS))
@Index(['userId'], { unique: true, where: `kind = 'totp'` })
export class SecondFactor {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  kind: FactorKind;

  /** AES-256-GCM of the TOTP secret, "v1.iv.tag.ciphertext" in base64url. */
  @Column({ type: 'varchar', length: 500 })
  secretCipher: string;

  @Column({ type: DATETIME })
  createdAt: Date;

  /** Null until one valid code confirms the enrolment; an unconfirmed factor protects nothing. */
  @Column({ type: DATETIME, nullable: true })
  confirmedAt: Date | null;

  /** The last accepted TOTP time step (Unix time / 30 s). */
  @Column({ type: 'integer', nullable: true })
  lastUsedStep: number | null;
}

/** A single-use recovery code, kept only as a SHA-256 (see recovery-codes.ts for why not scrypt). */
@Entity('recovery_code')
@Index(['userId', 'codeHash'], { unique: true })
export class RecoveryCode {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: DATETIME, nullable: true })
  usedAt: Date | null;
}

/** The roles that must use a second factor; the migration inserts admin and lawyer. */
@Entity('second_factor_role')
@Check(inList('role', ROLES))
export class SecondFactorRole {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  role: Role;
}

/** An admin reset the user's factor; the user is told at their next sign-in, then the row goes. */
@Entity('second_factor_reset')
export class SecondFactorReset {
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: DATETIME })
  resetAt: Date;
}

/**
 * The right password was given and the second step is awaited: a short-lived state, not a
 * session. The cookie carries a random token; only its HMAC is stored.
 */
@Entity('pending_sign_in')
export class PendingSignIn {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  idHash: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Where to go once signed in (already checked as a same-site path). */
  @Column({ type: 'varchar', length: 2000 })
  next: string;

  @Column({ type: DATETIME })
  expiresAt: Date;
}
