/**
 * Where the access policies live: compliance.data_access_controls (seed 004 §12), one row per grant,
 * read by the policy engine (policy.ts) and edited by the district administrator (policy-routes.ts).
 */
import { boolean, jsonb, serial, varchar } from 'drizzle-orm/pg-core';
import { complianceSchema } from '../db/pg-schemas.js';
import { checkIn, createdAt, tenantKey, tenantKeys, tenantUnique, updatedAt } from '../db/schema-kit.js';

/** Data access control: which role may read/write/delete which resource, under which conditions. */
// seed: 004_c704a79166da158a.txt §12 compliance.data_access_controls
export const dataAccessControls = complianceSchema.table(
  'data_access_controls',
  {
    tenantId: tenantKey(),
    id: serial('id').notNull(),
    roleName: varchar('role_name', { length: 100 }).notNull(),
    resourceType: varchar('resource_type', { length: 100 }).notNull(),
    resourceIdentifier: varchar('resource_identifier', { length: 255 }).notNull(),
    permissionType: varchar('permission_type', { length: 20 }).notNull(),
    conditions: jsonb('conditions'),
    educationalInterestRequired: boolean('educational_interest_required').default(true),
    approvalRequired: boolean('approval_required').default(false),
    approverRole: varchar('approver_role', { length: 100 }),
    active: boolean('active').default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('data_access_controls', t.tenantId, t.id),
    // One rule per role, resource and permission; also serves lookups by role.
    tenantUnique(
      'data_access_controls_rule_key',
      t.tenantId,
      t.roleName,
      t.resourceType,
      t.resourceIdentifier,
      t.permissionType,
    ),
    checkIn('data_access_controls_permission_type_check', t.permissionType, ['read', 'write', 'delete'], {
      caseInsensitive: true,
    }),
  ],
);
