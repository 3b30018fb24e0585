// Roles and permissions. Services check permissions; routes check them too, for a clean 403.
import { ForbiddenError } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';

export const ROLES = [
  'admin', 'publisher', 'service_officer', 'complaint_officer', 'asset_officer', 'procurement_officer', 'integrity_officer', 'executive',
] as const;
export type Role = (typeof ROLES)[number];

export function roleLabelKey(role: string): MessageKey {
  return (ROLES as readonly string[]).includes(role) ? (`role.${role}` as MessageKey) : 'err.invalid';
}

const permissions = new Map<string, ReadonlySet<Role>>();

/** Modules declare their permissions once, at import time. */
export function definePermission(name: string, roles: readonly Role[]): void {
  permissions.set(name, new Set(roles));
}

export interface HasRoles {
  roles: readonly string[];
}

export function can(user: HasRoles | null | undefined, permission: string): boolean {
  if (!user) return false;
  const allowed = permissions.get(permission);
  if (!allowed) throw new Error(`unknown permission ${permission}`);
  return user.roles.some((r) => allowed.has(r as Role));
}

export function requirePermission(user: HasRoles | null | undefined, permission: string): void {
  if (!can(user, permission)) throw new ForbiddenError();
}

definePermission('staff.home', ROLES);
definePermission('users.manage', ['admin']);
definePermission('audit.read', ['admin', 'executive']);
