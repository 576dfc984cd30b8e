/**
 * setupFiles of the "postgres" jest project: before any module loads, DATABASE_URL names the run's
 * cluster, so the entities' engine-dependent column types resolve for PostgreSQL (src/db/columns.ts);
 * startTestApp then gives each test file a database of its own there.
 */
import { CLUSTER_URL_VAR } from './postgres';

const url = process.env[CLUSTER_URL_VAR];
if (!url) throw new Error(`${CLUSTER_URL_VAR} is not set: the postgres project's globalSetup did not start a cluster`);
process.env.DATABASE_URL = url;
