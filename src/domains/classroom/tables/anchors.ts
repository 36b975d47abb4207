/**
 * The classroom subsystem's relationship anchors (src/platform/auth/anchors.ts): its rows belong to a
 * live session (uuid) and sometimes a classroom student (uuid), which column names alone do not tell.
 */
import { declareAnchors } from '../../../platform/auth/anchors.js';
import { teacherGuidanceMetrics } from './ai-insights.js';
import { messages, recordings, sessionEvents } from './session-data.js';
import { classroomSessions, participants, studentGroupMembers, studentGroups } from './sessions.js';
import { students } from './users.js';

declareAnchors(classroomSessions, { classroomSession: classroomSessions.id });
for (const table of [messages, recordings, sessionEvents, studentGroups, teacherGuidanceMetrics]) {
  declareAnchors(table, { classroomSession: table.sessionId });
}
for (const table of [participants, studentGroupMembers]) {
  declareAnchors(table, { classroomSession: table.sessionId, classroomStudent: table.studentId });
}
declareAnchors(students, { classroomStudent: students.id });
