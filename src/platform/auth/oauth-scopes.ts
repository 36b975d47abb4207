/**
 * Which standards tables an API client's OAuth scopes reach, per action: the OneRoster 1.2 scopes per
 * table (the "core" scopes never reach credentials or demographics) and Schola's Ed-Fi scope. The policy
 * engine (policy.ts) asks this before any policy row: a client without the scope is refused whatever its role.
 */
import type { Action } from './roles.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
const EDFI = 'https://schola.dev/scope/edfi';
const ROSTER_READ = [`${OR}roster-core.readonly`, `${OR}roster.readonly`];
const GRADEBOOK = {
  read: [`${OR}gradebook-core.readonly`, `${OR}gradebook.readonly`],
  write: [`${OR}gradebook.createput`, `${OR}gradebook.createpost`],
  delete: [`${OR}gradebook.delete`],
};
const ASSESSMENT = {
  read: [`${OR}assessment.readonly`],
  write: [`${OR}assessment.createput`],
  delete: [`${OR}assessment.delete`],
};
/** Line items and results, and what hangs off them: reached by the gradebook and the assessment scopes alike. */
const GRADED = {
  read: [...GRADEBOOK.read, ...ASSESSMENT.read],
  write: [...GRADEBOOK.write, ...ASSESSMENT.write],
  delete: [...GRADEBOOK.delete, ...ASSESSMENT.delete],
};
const none = { read: [], write: [], delete: [] };
const RESOURCE = { ...none, read: [`${OR}resource-core.readonly`, `${OR}resource.readonly`] };

/** OneRoster table → the scopes that reach it, per action ("core" scopes never reach credentials or demographics). */
const ONEROSTER_SCOPES: Record<string, Record<Action, string[]>> = {
  orgs: { ...none, read: ROSTER_READ },
  academic_sessions: { ...none, read: ROSTER_READ },
  classes: { ...none, read: ROSTER_READ },
  courses: { ...none, read: ROSTER_READ },
  users: { ...none, read: ROSTER_READ },
  roles: { ...none, read: ROSTER_READ },
  enrollments: { ...none, read: ROSTER_READ },
  user_profiles: { ...none, read: [`${OR}roster.readonly`] },
  demographics: { ...none, read: [`${OR}roster-demographics.readonly`] },
  categories: GRADEBOOK,
  score_scales: GRADEBOOK,
  line_items: GRADED,
  results: GRADED,
  line_item_learning_objectives: GRADED,
  line_item_score_scales: GRADED,
  result_learning_objectives: GRADED,
  result_score_scales: GRADED,
  assessment_line_items: ASSESSMENT,
  assessment_results: ASSESSMENT,
  resources: RESOURCE,
  class_resources: RESOURCE,
  course_resources: RESOURCE,
  user_resources: RESOURCE,
};

/** Do an API client's OAuth scopes reach this table for this action? Tables outside the standards: never. */
export function oauthScopesCover(scopes: readonly string[], action: Action, table: string): boolean {
  const [schema, name = ''] = table.split('.');
  if (schema === 'edfi') return scopes.includes(EDFI) || (action === 'read' && scopes.includes(`${EDFI}.readonly`));
  if (schema === 'oneroster') return (ONEROSTER_SCOPES[name]?.[action] ?? []).some((s) => scopes.includes(s));
  return false;
}
