/**
 * The relationship scopes a policy grants, and each role's natural scope. Apart from the engine
 * (policy.ts) because the policy loader, the policy endpoints and the list guards name scopes too.
 */
import type { Role } from './roles.js';

export const SCOPES = ['tenant', 'school', 'own_sections', 'own_children', 'self'] as const;
export type Scope = (typeof SCOPES)[number];

/** The scope of a role's grants when the policy row names none (`conditions.scope`). */
export const ROLE_SCOPE: Record<Role, Scope> = {
  district_admin: 'tenant',
  auditor: 'tenant',
  school_admin: 'school',
  counselor: 'school',
  nurse: 'school',
  special_education_coordinator: 'school',
  librarian: 'school',
  cafeteria_manager: 'school',
  transportation_coordinator: 'school',
  finance: 'school',
  admissions: 'school',
  api_client: 'school',
  teacher: 'own_sections',
  parent: 'own_children',
  student: 'self',
};
