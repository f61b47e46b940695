// Who may call what: reading needs any role; changing settings or the sending mode needs admin; every
// other change (drafts, retries, leads) needs operator. Viewers read only. Pure: method and route in.
import type { Role } from '../../domain/ports/auth-store.js';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Writes that only preview something: allowed to any signed-in role. */
const PREVIEW_ROUTES = new Set(['POST /api/settings/sample-draft']);
const ADMIN_ROUTES = new Set(['PUT /api/settings', 'POST /api/settings/mode']);

export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** The least role the route needs; `routeUrl` is the route's pattern (`/api/drafts/:id/approve`). */
export function requiredRole(method: string, routeUrl: string): Role {
  const key = `${method} ${routeUrl}`;
  if (isSafeMethod(method) || PREVIEW_ROUTES.has(key)) return 'viewer';
  return ADMIN_ROUTES.has(key) ? 'admin' : 'operator';
}

export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
