import { CurrentUser } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { userRules } from '../users/user.policy';
import { caseRules } from '../cases/case.policy';

/** A rule answers whether `user` may perform the action, optionally on one record. */
export type Rule = (user: CurrentUser, record?: unknown) => boolean;
export type Rules = Record<string, Rule>;

const rules: Rules = { ...userRules, ...caseRules };

/** Adds the rules of a concept. Actions are namespaced (`case.update`), so collisions are mistakes. */
export function registerRules(more: Rules): void {
  for (const [action, rule] of Object.entries(more)) {
    if (action in rules && rules[action] !== rule) throw new Error(`policy for ${action} defined twice`);
    rules[action] = rule;
  }
}

/** Deny by default: an action nobody wrote a rule for is refused. */
export function can(user: CurrentUser | undefined, action: string, record?: unknown): boolean {
  const rule = rules[action];
  return Boolean(user && rule && rule(user, record));
}

/**
 * Throws unless allowed. `hide` answers 404 instead of 403, for records whose very existence
 * must not be revealed (restricted cases).
 */
export function authorize(user: CurrentUser | undefined, action: string, record?: unknown, opts: { hide?: boolean } = {}): asserts user is CurrentUser {
  if (!can(user, action, record)) throw opts.hide ? notFound() : forbidden();
}
