/** Seed 000's live-classroom tables (users, sessions, session data, AI insights). */
export * from './tables/users.js';
export * from './tables/sessions.js';
export * from './tables/session-data.js';
export * from './tables/ai-insights.js';
import './tables/anchors.js'; // declares the relationship anchors of these tables
