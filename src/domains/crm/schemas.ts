/** What the CRM operations accept and answer (zod). No server-only imports here. */
import { z } from 'zod';
import { LEAD_EXITS, LEAD_FUNNEL, LEAD_STATUSES } from './funnel.js';

const id = z.string().trim().min(1, 'is required').max(64);
const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const name = z.string().trim().min(1, 'is required').max(200);
const email = z.email({ message: 'must be an e-mail address' }).max(320);
const phone = z.string().trim().max(40);

export { LEAD_EXITS, LEAD_FUNNEL, LEAD_STATUSES };
/** Where a lead may be moved to (the legacy `trial` is no target). */
export const LEAD_TARGETS = [...LEAD_FUNNEL, ...LEAD_EXITS] as const;
/** The referrer's reward when a referred lead enrols: this percentage off their next invoice. */
export const REFERRAL_REWARD_PERCENT = 10;
export const LEAD_SOURCES = ['website', 'referral', 'walk_in', 'ad'] as const;
export const INTERACTION_TYPES = ['call', 'email', 'whatsapp', 'meeting', 'note'] as const;

export const leadParams = z.strictObject({ leadId: id });
export const trialParams = z.strictObject({ trialId: id });

export const createLeadInput = z.strictObject({
  name,
  email: email.optional(),
  phone: phone.optional(),
  source: z.enum(LEAD_SOURCES, { message: `must be one of ${LEAD_SOURCES.join(', ')}` }),
  interest: z.string().trim().max(100).optional(),
  assignedTo: id.optional(),
  notes: z.string().max(4000).optional(),
  utmSource: z.string().max(200).optional(),
  utmMedium: z.string().max(200).optional(),
  utmCampaign: z.string().max(200).optional(),
  /** The user who referred this lead (a family, a student…): a referral is recorded. */
  referrerId: id.optional(),
});
export type CreateLeadInput = z.input<typeof createLeadInput>;

export const moveLeadInput = z.strictObject({
  status: z.enum(LEAD_TARGETS, { message: `must be one of ${LEAD_TARGETS.join(', ')}` }),
  /** Required when the lead is lost or inactive. */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type MoveLeadInput = z.input<typeof moveLeadInput>;

export const interactionInput = z.strictObject({
  type: z.enum(INTERACTION_TYPES, { message: `must be one of ${INTERACTION_TYPES.join(', ')}` }),
  content: z.string().trim().min(1, 'is required').max(4000),
  outcome: z.string().trim().max(500).optional(),
});
export type InteractionInput = z.input<typeof interactionInput>;

export const bookTrialInput = z.strictObject({ sessionId: id });
export const trialOutcomeInput = z.strictObject({
  attended: z.boolean(),
  feedback: z.string().max(4000).optional(),
});

export const convertLeadInput = z.strictObject({
  classId: id,
  student: z.strictObject({
    firstName: name,
    lastName: name,
    email: email.optional(),
    birthDate: isoDate.optional(),
  }),
  /** An existing parent (core user) or a new one; omitted for an adult student. */
  guardian: z
    .union([
      z.strictObject({ parentId: id }),
      z.strictObject({ firstName: name, lastName: name, email: email.optional(), phone: phone.optional() }),
    ])
    .optional(),
  relationship: z.enum(['mother', 'father', 'guardian', 'other']).default('guardian'),
});
export type ConvertLeadInput = z.input<typeof convertLeadInput>;

export const funnelQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export const leadView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  source: z.string().nullable(),
  status: z.string(),
  interest: z.string().nullable(),
  assignedTo: z.string().nullable(),
  lastContact: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type LeadView = z.infer<typeof leadView>;

export const interactionView = z.object({
  id: z.string(),
  leadId: z.string(),
  type: z.string(),
  content: z.string(),
  outcome: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: z.string(),
});

export const trialView = z.object({
  id: z.string(),
  leadId: z.string(),
  classId: z.string(),
  sessionId: z.string(),
  scheduledAt: z.string(),
  status: z.string(),
  attended: z.boolean(),
});

export const conversionView = z.object({
  lead: leadView,
  studentId: z.string(),
  parentId: z.string().nullable(),
  enrollmentId: z.string(),
  /** granted: the finance discount was created; pending: recorded on the referral, to be granted; none. */
  referralReward: z.enum(['granted', 'pending', 'none']),
});

export const funnelView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: z.number(),
  counts: z.record(z.string(), z.number()),
  stages: z.array(z.object({ status: z.string(), reached: z.number(), rateFromPrevious: z.number().nullable() })),
  conversionRate: z.number().nullable(),
});
