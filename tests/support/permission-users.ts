import { DataSource } from 'typeorm';
import { makeUser } from './app';
import { BLNS } from './blns';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { User } from '../../src/users/user.entity';

/**
 * The cast of the cross-case permission suites (search, reports, exports): an admin, a
 * researcher who will be the member of a restricted case, another researcher who will not, a
 * lawyer, an analyst and a viewer, each with an API token.
 */
export const PERMISSION_CAST = ['admin', 'member', 'otherResearcher', 'lawyer', 'analyst', 'viewer'] as const;
export type CastMember = (typeof PERMISSION_CAST)[number];
const ROLE_OF: Record<CastMember, Parameters<typeof makeUser>[1]> = { admin: 'admin', member: 'researcher', otherResearcher: 'researcher', lawyer: 'lawyer', analyst: 'analyst', viewer: 'viewer' };

export async function permissionCast(ds: DataSource): Promise<{ users: Record<string, User>; tokens: Record<string, string> }> {
  const users: Record<string, User> = {};
  const tokens: Record<string, string> = {};
  for (const who of PERMISSION_CAST) {
    users[who] = await makeUser(ds, ROLE_OF[who]);
    tokens[who] = (await createApiToken(ds, CLI_ACTOR, users[who].id, 't')).token;
  }
  return { users, tokens };
}

type Status = { status: number };

/**
 * Sends every string of blns in every parameter (all at once; one by one when that URL is too
 * long for the server, 431) to an API and a page, and expects each answer to be 200 or 422,
 * never a 5xx. `more` sends further requests per string (e.g. the words alone to another path).
 */
export async function expectHostileParametersAnswered(opts: {
  params: readonly string[];
  api: (query: Record<string, string>) => PromiseLike<Status>;
  page: (query: Record<string, string>) => PromiseLike<Status>;
  more?: (s: string) => PromiseLike<Status>;
}): Promise<void> {
  const answered = (s: string, status: number) => expect([s, status]).toEqual([s, status === 200 ? 200 : 422]);
  for (const s of BLNS) {
    const all = Object.fromEntries(opts.params.map((p) => [p, s]));
    const a = await opts.api(all);
    if (a.status === 431) for (const p of opts.params) answered(s, (await opts.api({ [p]: s })).status);
    else answered(s, a.status);
    if (opts.more) answered(s, (await opts.more(s)).status);
    const page = await opts.page(all);
    if (page.status !== 431) answered(s, page.status);
  }
}
