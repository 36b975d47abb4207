/**
 * The level codes a course may use: the CEFR scale the seed's levels follow (A1…C1 in its example,
 * C2 being the scale's top). Anything else ("Z9") is refused by a CHECK (tables.ts) and by the API.
 * No imports: the tables, the zod schemas and the web app share it.
 */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];
