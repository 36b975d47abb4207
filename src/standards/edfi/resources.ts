/**
 * Every Ed-Fi resource the API serves, described once (see model.ts for what each part means).
 * JSON names follow the Ed-Fi 5.2 API; where the data model has no column for an Ed-Fi key part
 * (sessionName inside courseOffering/section references), the part is accepted and matched but not
 * stored (`null`). Routes, validation, SQL and OpenAPI are all derived from this list, gathered here from
 * resources-organizations.ts, -scheduling.ts, -enrollment.ts, -events.ts and -academic-record.ts (the
 * references they share are in resource-references.ts).
 */
import { compile } from './compile.js';
import type { ResourceDef, ResourceModel } from './model.js';
import { ACADEMIC_RECORD_RESOURCE_DEFS } from './resources-academic-record.js';
import { ENROLLMENT_RESOURCE_DEFS } from './resources-enrollment.js';
import { EVENT_RESOURCE_DEFS } from './resources-events.js';
import { ORGANIZATION_RESOURCE_DEFS } from './resources-organizations.js';
import { SCHEDULING_RESOURCE_DEFS } from './resources-scheduling.js';

export const RESOURCE_DEFS: ResourceDef[] = [
  ...ORGANIZATION_RESOURCE_DEFS,
  ...SCHEDULING_RESOURCE_DEFS,
  ...ENROLLMENT_RESOURCE_DEFS,
  ...EVENT_RESOURCE_DEFS,
  ...ACADEMIC_RECORD_RESOURCE_DEFS,
];

const defsByCollection = new Map(RESOURCE_DEFS.map((def) => [def.collection, def]));
const compiled = new Map<string, ResourceModel>(
  RESOURCE_DEFS.map((def) => [def.collection, compile(def, defsByCollection)]),
);

export function resourceModel(collection: string): ResourceModel | undefined {
  return compiled.get(collection);
}

/** The resources with routes (internal reference targets excluded). */
export function servedResources(): ResourceModel[] {
  return [...compiled.values()].filter((m) => !m.def.internal);
}
