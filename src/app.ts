/**
 * The composition root: the domains and bindings that make up the Schola server, and the plugins it
 * runs, in order — security headers and CORS, authentication, identity and access-policy endpoints,
 * the domains' service routes, the standards bindings, then the generated API over every table
 * (guarded by the policy engine, audited into compliance.audit_logs; reads only for the tables a
 * domain owns).
 */
import './schema.js'; // registers the table catalog and data classification the platform reads
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from './platform/http/app.js';
import { security } from './platform/http/security.js';
import { authentication } from './platform/auth/authenticate.js';
import { createAccessControl, provideAccessControl, type AccessControl } from './platform/auth/access.js';
import { identityOwnership, identityRoutes } from './platform/identity/routes.js';
import { accessPolicyOwnership, policyRoutes } from './platform/auth/policy-routes.js';
import { apiRoutes } from './platform/api/plugin.js';
import { policyGuard } from './platform/api/policy-guard.js';
import { platformAuditor } from './platform/api/platform-auditor.js';
import { ownedTables, type DomainModule } from './platform/service/module.js';
import {
  notificationsOwnership,
  notificationsPlugin,
  registerContactPolicy,
  type NotificationOptions,
} from './platform/notifications/index.js';
import { complianceContactPolicy } from './domains/compliance/index.js';
import { onerosterImportRoutes } from './standards/oneroster/csv/routes.js';
import { classroomConsentRule } from './domains/classroom/index.js';
import { libraryModule } from './domains/library/index.js';
import { edfiApiRoutes } from './standards/edfi/routes.js';
import { edfiLoadRoutes } from './standards/edfi/interchange/routes.js';
import { oneRosterRoutes } from './standards/oneroster/plugin.js';

/** The domains with a service, in the order their routes are registered. */
export const DOMAINS: readonly DomainModule[] = [libraryModule];

/** The policy engine over the relationship facts the domains describe (src/relationships.ts). */
export function applicationAccessControl(): AccessControl {
  return createAccessControl();
}

export interface ApplicationOptions {
  /** E-mail transport and sender of notifications (from the configuration). */
  notifications?: NotificationOptions;
}

export function applicationPlugins(options: ApplicationOptions = {}): NonNullable<AppOptions['plugins']> {
  // Whether a student may be e-mailed is the compliance domain's answer (COPPA consent).
  registerContactPolicy(complianceContactPolicy);
  const owners = ownedTables([...DOMAINS, accessPolicyOwnership, identityOwnership, notificationsOwnership]);
  return [
    (app) => provideAccessControl(app, applicationAccessControl()),
    (app) => security(app),
    (app) => authentication(app),
    (app) => identityRoutes(app),
    (app) => policyRoutes(app),
    notificationsPlugin(options.notifications),
    ...DOMAINS.map((domain) => (app: FastifyInstance) => domain.register?.(app)),
    (app) => onerosterImportRoutes(app),
    (app) => edfiLoadRoutes(app),
    (app) => edfiApiRoutes(app),
    oneRosterRoutes(),
    apiRoutes({ guard: policyGuard, auditor: platformAuditor, writeRules: [classroomConsentRule], owners }),
  ];
}
