/**
 * The composition root: the domains and bindings that make up the Schola server, and the plugins it
 * runs, in order — security headers and CORS, authentication, identity and access-policy endpoints,
 * the domains' service routes, the standards bindings, then the generated API over every table
 * (guarded by the policy engine, audited into compliance.audit_logs; reads only for the tables a
 * domain owns).
 */
import './schema.js'; // registers the table catalog and data classification the platform reads
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from './platform/http/app.js';
import { security } from './platform/http/security.js';
import { webApp } from './platform/http/web-app.js';
import { authentication } from './platform/auth/authenticate.js';
import { createAccessControl, provideAccessControl, type AccessControl } from './platform/auth/access.js';
import { identityOwnership, identityRoutes } from './platform/identity/routes.js';
import { accessPolicyOwnership, policyRoutes } from './platform/auth/policy-routes.js';
import { clientRoutes } from './platform/identity/client-routes.js';
import { auditRoutes } from './platform/audit/routes.js';
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
import { complianceContactPolicy, complianceModule } from './domains/compliance/index.js';
import { onerosterImportRoutes } from './standards/oneroster/csv/routes.js';
import {
  CLASSROOM_LIVE_DESCRIPTION,
  CLASSROOM_PATHS,
  classroomConsentRule,
  classroomModule,
} from './domains/classroom/index.js';
import { realtime } from './platform/realtime/plugin.js';
import { healthModule } from './domains/health/index.js';
import { libraryModule } from './domains/library/index.js';
import { edfiModule, registerGradebookProjection } from './domains/edfi/index.js';
import { directoryModule } from './domains/directory/index.js';
import { masteryModule } from './domains/mastery/index.js';
import { schoolOpsModule } from './domains/school-ops/index.js';
import { curriculumModule } from './domains/curriculum/index.js';
import { crmModule } from './domains/crm/index.js';
import { billingModule, financeModule } from './domains/finance/index.js';
import { edfiApiRoutes } from './standards/edfi/routes.js';
import { edfiLoadRoutes } from './standards/edfi/interchange/routes.js';
import { oneRosterRoutes } from './standards/oneroster/plugin.js';
import { projectEdfiWrites } from './standards/edfi-oneroster/write-through.js';

/** The built web app (`npm run web:build`), served at `/`. */
export const WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

/** The standards' APIs, linked from /docs (discovery documents and their own OpenAPI documents). */
const STANDARD_APIS = [
  { name: 'Ed-Fi 5.2 API (/data/v3)', discovery: '/data/v3', openapi: '/metadata/data/v3/resources/swagger.json' },
  ...(['rostering', 'gradebook', 'resources'] as const).map((service) => ({
    name: `OneRoster 1.2 ${service}`,
    discovery: `/ims/oneroster/${service}/v1p2/discovery/openapi.json`,
    openapi: `/ims/oneroster/${service}/v1p2/discovery/openapi.json`,
  })),
];

/** The domains with a service, in the order their routes are registered. */
export const DOMAINS: readonly DomainModule[] = [
  libraryModule,
  healthModule,
  edfiModule,
  directoryModule,
  masteryModule,
  classroomModule,
  complianceModule,
  schoolOpsModule,
  curriculumModule,
  crmModule,
  billingModule,
  financeModule,
];

/** The policy engine over the relationship facts the domains describe (src/relationships.ts). */
export function applicationAccessControl(): AccessControl {
  return createAccessControl();
}

/** schema.table → the domain that owns its writes and the endpoints that write it. */
export function tableOwners() {
  return ownedTables([...DOMAINS, accessPolicyOwnership, identityOwnership, notificationsOwnership]);
}

export interface ApplicationOptions {
  /** E-mail transport and sender of notifications (from the configuration). */
  notifications?: NotificationOptions;
}

export function applicationPlugins(options: ApplicationOptions = {}): NonNullable<AppOptions['plugins']> {
  // Whether a student may be e-mailed is the compliance domain's answer (COPPA consent).
  registerContactPolicy(complianceContactPolicy);
  // The gradebook's OneRoster face (categories, lineItems, results) is projected from its Ed-Fi rows.
  registerGradebookProjection((tx, tenantId, collection, rows, deleted) =>
    projectEdfiWrites(tx, tenantId, collection, rows, deleted),
  );
  const owners = tableOwners();
  return [
    (app) => provideAccessControl(app, applicationAccessControl()),
    (app) => security(app),
    (app) => authentication(app),
    (app) => identityRoutes(app),
    (app) => policyRoutes(app),
    (app) => clientRoutes(app),
    (app) => auditRoutes(app),
    (app) => realtime(app, { path: CLASSROOM_PATHS.live, description: CLASSROOM_LIVE_DESCRIPTION }),
    notificationsPlugin(options.notifications),
    ...DOMAINS.map((domain) => (app: FastifyInstance) => domain.register?.(app)),
    (app) => onerosterImportRoutes(app),
    (app) => edfiLoadRoutes(app),
    (app) => edfiApiRoutes(app),
    oneRosterRoutes(),
    apiRoutes({
      guard: policyGuard,
      auditor: platformAuditor,
      writeRules: [classroomConsentRule],
      owners,
      standards: STANDARD_APIS,
    }),
    (app) => webApp(app, { root: WEB_ROOT }),
  ];
}
