/**
 * The school-operations domain's public entry (classes, sessions, attendance): what other domains may
 * use. Keep additions here additive — several sub-areas export through it.
 */
export { taughtSessions, type TaughtSession } from './taught-sessions.js';
