/**
 * The signed-in staff member's roles, from `GET /api/staff/me`, asked once per token and kept
 * for the tab. The nav shows the links marked `data-role="writer"` (Studio, Suggestions) only
 * to writers; the studio routes still check the role themselves (an agent gets 403).
 */
import type { StaffApi } from './staff-api.ts';

let cached: { token: string; roles: Promise<string[]> } | undefined;

/** The roles of `token` (asked once); an unknown answer counts as no extra role. */
export function rolesOf(token: string, api: StaffApi): Promise<string[]> {
  if (cached?.token !== token) {
    const roles = api.me().then(
      (me) => (Array.isArray(me.roles) ? me.roles : []),
      () => {
        cached = undefined; // ask again on the next page
        return [];
      },
    );
    cached = { token, roles };
  }
  return cached.roles;
}

/** Remembers roles already known (the sign-in page asks /me to check the token). */
export function rememberRoles(token: string, roles: string[]): void {
  cached = { token, roles: Promise.resolve(roles) };
}

export function forgetRoles(): void {
  cached = undefined;
}

/**
 * Shows or hides every element marked with `data-role` under `root` for these roles, and notes
 * the roles on `root` (`data-roles`, e.g. "agent writer").
 */
export function applyRoles(root: HTMLElement, roles: readonly string[]): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-role]')) {
    element.hidden = !roles.includes(element.dataset.role ?? '');
  }
  root.dataset.roles = roles.join(' ');
}
