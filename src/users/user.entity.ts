import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../db/columns';

export const ROLES = ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

@Entity('user')
@Check(`role IN ('admin','researcher','lawyer','analyst','viewer')`)
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Lower-cased at the edge; unique so two accounts can never share a login. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;

  @UpdateDateColumn({ type: DATETIME })
  updatedAt: Date;

  @Column({ type: DATETIME, nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  passwordChangedAt: Date | null;

  /** The interface language the user chose; null follows the browser (i18n/i18n.ts). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  /** Shows every picture and video in greyscale, for staff who look at such images all day. */
  @Column({ type: 'boolean', default: false })
  mediaGreyscale: boolean;
}
