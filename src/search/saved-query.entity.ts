import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation, Unique } from 'typeorm';
import { RecordBase } from '../db/record-base';
import { User } from '../users/user.entity';

export const SAVED_QUERY_LIMITS = { name: 200, query: 4000 } as const;

/**
 * A search kept under a name: the query string of /search (text and filters), run again with
 * the permissions of whoever runs it. Private to its owner unless shared with the team, which
 * lets every user see its name and query (never its results: they depend on the reader).
 * The table is created by the hand-written Search migration.
 */
@Entity('saved_query')
@Unique(['userId', 'name'])
@Check(`length(name) > 0`)
@Check(`shared IN (true, false)`)
export class SavedQuery extends RecordBase {
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: SAVED_QUERY_LIMITS.name })
  name: string;

  /** `q=...&region=...`: exactly what /search receives, normalised by the search schema. */
  @Column({ type: 'varchar', length: SAVED_QUERY_LIMITS.query })
  query: string;

  @Index()
  @Column({ type: 'boolean', default: false })
  shared: boolean;
}
