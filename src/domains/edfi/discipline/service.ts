/**
 * Discipline (Ed-Fi 5.2 discipline tables, seed 004 §5): an incident with the students involved and
 * their roles, their behaviours, the actions decided (suspensions with start, end and school days),
 * who reported it and who decided; counts per school and behaviour over a date range.
 *
 * Sensitive: only DISCIPLINE_STAFF_ROLES of the school read it (and the policy engine's school reach
 * applies); every read of incident records is audited (SELECT rows naming the incidents shown).
 * Recording is in record-incident.ts, the reads in incident-reads.ts, who may do either in staff-access.ts.
 */
export { recordIncident } from './record-incident.js';
export { disciplineCounts, disciplineIncidentOf, disciplineIncidents } from './incident-reads.js';
