/** The gradebook's HTTP face: a section's gradebook, its categories, entries and scores (thin routes). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { setCategories } from './categories.js';
import { createEntry, updateEntry } from './entries.js';
import { GRADES_ERROR_CODES } from './errors.js';
import { sectionGradebook } from './gradebook.js';
import {
  categoriesInput,
  categoryView,
  entryChange,
  entryInput,
  entryView,
  gradebookQuery,
  gradebookView,
  scoresInput,
} from './gradebook.schema.js';
import { entryParams, sectionParams } from './schemas.js';
import { recordScores } from './scores.js';

export function gradebookRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags: ['grades'], errors: GRADES_ERROR_CODES });
  serve({
    method: 'GET',
    url: '/api/v1/sections/:sectionId/gradebook',
    summary: "A section's gradebook: categories, entries, roster and scores",
    params: sectionParams,
    query: gradebookQuery,
    response: { status: 200, description: 'The gradebook', schema: gradebookView },
    run: (w, { params, query }) => sectionGradebook(w, params.sectionId, query),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/gradebook/categories',
    summary: "Set a section's gradebook categories (weights, drop-lowest); unlisted unused ones are removed",
    params: sectionParams,
    body: categoriesInput,
    response: {
      status: 200,
      description: 'The categories',
      schema: z.object({ sectionId: z.string(), categories: z.array(categoryView) }),
    },
    run: (w, { params, body }) => setCategories(w, params.sectionId, body),
  });
  serve({
    method: 'POST',
    url: '/api/v1/sections/:sectionId/gradebook/entries',
    summary: 'Add an assignment to a section’s gradebook (an Ed-Fi gradebook entry, a OneRoster lineItem)',
    params: sectionParams,
    body: entryInput,
    response: { status: 201, description: 'The entry', schema: entryView },
    run: (w, { params, body }) => createEntry(w, params.sectionId, body),
  });
  serve({
    method: 'PATCH',
    url: '/api/v1/sections/:sectionId/gradebook/entries/:entryId',
    summary: 'Change a gradebook entry (title, dates, max points, category)',
    description:
      'Only the fields given change. A category files an entry an Ed-Fi client wrote (filed by its entry type ' +
      'until then) under one of the section’s categories, in both APIs. Dates given must lie in the section’s ' +
      'session (422 date_outside_session); points possible may go below entered scores (extra credit) but are ' +
      'not cleared or given once the entry has scores (409 entry_has_scores). Send the entry’s `etag` as ' +
      'If-Match to refuse a change made meanwhile by someone else (412 precondition_failed); the answer carries ' +
      'the new ETag.',
    params: entryParams,
    body: entryChange,
    response: { status: 200, description: 'The entry', schema: entryView },
    run: async (w, { params, body, request, reply }) => {
      const entry = await updateEntry(w, params.sectionId, params.entryId, body, request.headers['if-match']);
      reply.header('etag', entry.etag);
      return entry;
    },
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/gradebook/entries/:entryId/scores',
    summary: 'Record students’ scores on an entry (points, exempt, late, missing, comment)',
    description: 'Each listed student is saved (upsert); others are untouched. Points null clears a score.',
    params: entryParams,
    body: scoresInput,
    response: {
      status: 200,
      description: 'Saved',
      schema: z.object({ entryId: z.string(), saved: z.number() }),
    },
    run: (w, { params, body }) => recordScores(w, params.sectionId, params.entryId, body),
  });
}
