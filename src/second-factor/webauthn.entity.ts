import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { inList } from '../evidence/evidence-constants';
import { User } from '../users/user.entity';

/** What a key's name may hold: what the user typed, up to this many characters. */
export const KEY_NAME_MAX = 100;

/**
 * A WebAuthn credential (a security key or a passkey) registered as a second factor (issue 14).
 * Several per user. Only the public key is kept; `counter` refuses an assertion whose signature
 * counter did not grow (a cloned key), unless the authenticator never counts (always 0).
 */
@Entity('webauthn_credential')
@Index(['credentialId'], { unique: true })
export class WebauthnCredential {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The credential id, base64url (the spec allows up to 1023 bytes). */
  @Column({ type: 'varchar', length: 1400 })
  credentialId: string;

  /** The COSE public key, base64url. */
  @Column({ type: 'text' })
  publicKey: string;

  @Column({ type: 'integer' })
  counter: number;

  /** What the browser said the key is reached by (usb, nfc, internal...), comma-separated. */
  @Column({ type: 'varchar', length: 200 })
  transports: string;

  /** "singleDevice" for a security key, "multiDevice" for a synced passkey. */
  @Column({ type: 'varchar', length: 20 })
  deviceType: string;

  @Column({ type: 'boolean' })
  backedUp: boolean;

  /** Chosen by the user; shown escaped, stored as typed. */
  @Column({ type: 'varchar', length: KEY_NAME_MAX })
  name: string;

  @Column({ type: DATETIME })
  createdAt: Date;

  @Column({ type: DATETIME, nullable: true })
  lastUsedAt: Date | null;
}

export const CHALLENGE_PURPOSES = ['register', 'sign_in', 'reauth'] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

/**
 * A challenge handed to the browser, usable once, for one purpose, by the session (or the
 * pending sign-in) it was made for, for 5 minutes. `boundTo` is that session's or pending
 * sign-in's stored hash, never a cookie value.
 */
@Entity('webauthn_challenge')
@Check(inList('purpose', CHALLENGE_PURPOSES))
export class WebauthnChallenge {
  /** base64url of 32 random bytes. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  challenge: string;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  purpose: ChallengePurpose;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  boundTo: string;

  @Column({ type: DATETIME })
  expiresAt: Date;
}
