/**
 * A caller's scope (DESIGN.md "Auth"): an admin sees everything; a supervisor, themselves and
 * everyone whose supervisor chain leads to them; a manager, themselves. Chains are walked
 * breadth-first with a visited set, so a cycle in the users table (a data error) ends the walk
 * instead of looping.
 */
import type { Caller, Role } from "../context";

/** What a scope computation needs to know of a user. */
export interface ScopeUser {
  id: string;
  role: Role;
  supervisor: string | null;
}

/**
 * The user ids a user may see and act on, or `"all"` for an admin.
 *
 * @example
 * scopeOf(users, "sue") // Set { "sue", "ann", "boris", "vera" }
 */
export function scopeOf(users: ReadonlyMap<string, ScopeUser>, userId: string): Caller["scope"] {
  const user = users.get(userId);
  if (!user) return new Set();
  if (user.role === "admin") return "all";
  const scope = new Set([userId]);
  if (user.role !== "supervisor") return scope;
  const reports = new Map<string, string[]>();
  for (const u of users.values()) {
    if (u.supervisor === null) continue;
    const list = reports.get(u.supervisor);
    if (list) list.push(u.id);
    else reports.set(u.supervisor, [u.id]);
  }
  const queue = [userId];
  for (let i = 0; i < queue.length; i++) {
    for (const next of reports.get(queue[i]!) ?? []) {
      if (scope.has(next)) continue;
      scope.add(next);
      queue.push(next);
    }
  }
  return scope;
}

/**
 * Whether making `supervisor` the supervisor of `userId` would close a cycle (the supervisor's
 * own chain already leads to the user).
 */
export function wouldCycle(users: ReadonlyMap<string, ScopeUser>, userId: string, supervisor: string | null): boolean {
  const seen = new Set<string>();
  for (let at = supervisor; at !== null && !seen.has(at); at = users.get(at)?.supervisor ?? null) {
    if (at === userId) return true;
    seen.add(at);
  }
  return false;
}
