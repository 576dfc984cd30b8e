import { UnaryPlus1796300000000 } from '../../migrations/postgres/1796300000000-UnaryPlus';
import { EngineState1796227263219 } from '../../migrations/postgres/1796227263219-EngineState';
import { Foundation1796226486638 } from '../../migrations/postgres/1796226486638-Foundation';
/** Committed PostgreSQL migrations in order; scripts/migration-generate.ts (with DATABASE_URL) appends new ones here. */
export const postgresMigrations: Function[] = [Foundation1796226486638, EngineState1796227263219, UnaryPlus1796300000000];
