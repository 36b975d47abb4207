/**
 * The composition root: which plugins make up the Schola server, in order — security headers and
 * CORS, authentication, the identity and policy endpoints, then the generated API over every
 * table (guarded by the policy engine, audited into compliance.audit_logs).
 */
import './schema.js'; // registers the table catalog and data classification the platform reads
import type { AppOptions } from './platform/http/app.js';
import { security } from './platform/http/security.js';
import { authentication } from './platform/auth/authenticate.js';
import { identityRoutes } from './platform/identity/routes.js';
import { policyRoutes } from './platform/auth/policy-routes.js';
import { apiRoutes } from './platform/api/plugin.js';
import { policyGuard } from './platform/api/policy-guard.js';
import { platformAuditor } from './platform/api/platform-auditor.js';
import { onerosterImportRoutes } from './standards/oneroster/csv/routes.js';
import { classroomConsentRule } from './domains/classroom/consent-rules.js';
import { edfiApiRoutes } from './standards/edfi/routes.js';
import { edfiLoadRoutes } from './standards/edfi/interchange/routes.js';
import { oneRosterRoutes } from './standards/oneroster/plugin.js';

export function applicationPlugins(): NonNullable<AppOptions['plugins']> {
  return [
    (app) => security(app),
    (app) => authentication(app),
    (app) => identityRoutes(app),
    (app) => policyRoutes(app),
    (app) => onerosterImportRoutes(app),
    (app) => edfiLoadRoutes(app),
    (app) => edfiApiRoutes(app),
    oneRosterRoutes(),
    apiRoutes({ guard: policyGuard, auditor: platformAuditor, writeRules: [classroomConsentRule] }),
  ];
}
