/** The CRM's HTTP face: thin routes over leads.ts and convert.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../platform/service/routes.js';
import { bookTrial, convertLead, recordTrialOutcome } from './convert.js';
import { CRM_ERROR_CODES } from './errors.js';
import { addInteraction, createLead, funnelReport, listInteractions, listLeads, moveLead } from './leads.js';
import {
  bookTrialInput,
  conversionView,
  convertLeadInput,
  createLeadInput,
  funnelQuery,
  funnelView,
  interactionInput,
  interactionView,
  leadParams,
  leadView,
  moveLeadInput,
  trialOutcomeInput,
  trialParams,
  trialView,
} from './schemas.js';

const tags = ['language school: CRM'];
/** Conversion and trials also raise school-ops' capacity and enrolment codes. */
const errors = [...CRM_ERROR_CODES, 'class_full', 'class_inactive', 'already_enrolled'];
const BASE = '/api/v1/sales';

export const CRM_PATHS = {
  leads: `${BASE}/leads`,
  move: `${BASE}/leads/{leadId}/move`,
  interactions: `${BASE}/leads/{leadId}/interactions`,
  trials: `${BASE}/leads/{leadId}/trials`,
  outcome: `${BASE}/trials/{trialId}/outcome`,
  convert: `${BASE}/leads/{leadId}/convert`,
  funnel: `${BASE}/funnel`,
} as const;

export function crmRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'GET',
    url: `${BASE}/leads`,
    summary: 'Leads, newest first (the lead board)',
    response: { status: 200, description: 'Leads', schema: z.array(leadView) },
    run: (work) => listLeads(work),
  });
  serve({
    method: 'POST',
    url: `${BASE}/leads`,
    summary: 'Register a lead (status new; a referral when referrerId is given)',
    body: createLeadInput,
    response: { status: 201, description: 'The lead', schema: leadView },
    run: (work, { body }) => createLead(work, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/leads/:leadId/move`,
    summary: 'Move a lead forward in the funnel, or to lost/inactive with a reason',
    description:
      'Backward moves answer 409 backward_move; moves out of enrolled, lost or inactive 409 lead_closed; ' +
      'enrolled is reached only by conversion (409 conversion_required).',
    params: leadParams,
    body: moveLeadInput,
    response: { status: 200, description: 'The lead', schema: leadView },
    run: (work, { params, body }) => moveLead(work, params.leadId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/leads/:leadId/interactions`,
    summary: "A lead's interactions log (status moves included), oldest first",
    params: leadParams,
    response: { status: 200, description: 'Interactions', schema: z.array(interactionView) },
    run: (work, { params }) => listInteractions(work, params.leadId),
  });
  serve({
    method: 'POST',
    url: `${BASE}/leads/:leadId/interactions`,
    summary: 'Log a call, e-mail, WhatsApp, meeting or note with a lead',
    params: leadParams,
    body: interactionInput,
    response: { status: 201, description: 'The interaction', schema: interactionView },
    run: (work, { params, body }) => addInteraction(work, params.leadId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/leads/:leadId/trials`,
    summary: 'Book a trial class in a class session (takes a seat; 409 class_full)',
    params: leadParams,
    body: bookTrialInput,
    response: { status: 201, description: 'The trial', schema: trialView },
    run: (work, { params, body }) => bookTrial(work, params.leadId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/trials/:trialId/outcome`,
    summary: 'Record whether the lead attended the trial',
    params: trialParams,
    body: trialOutcomeInput,
    response: { status: 200, description: 'The trial', schema: trialView },
    run: (work, { params, body }) => recordTrialOutcome(work, params.trialId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/leads/:leadId/convert`,
    summary: 'Convert a lead: the student, the family link and the enrolment, in one transaction',
    params: leadParams,
    body: convertLeadInput,
    response: { status: 201, description: 'What was created', schema: conversionView },
    run: (work, { params, body }) => convertLead(work, params.leadId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/funnel`,
    summary: 'Funnel conversion report: leads per status, reached per stage, stage-to-stage rates',
    query: funnelQuery,
    response: { status: 200, description: 'The funnel', schema: funnelView },
    run: (work, { query }) => funnelReport(work, query),
  });
}
