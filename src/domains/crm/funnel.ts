/** The lead funnel's statuses (no imports: the tables, the zod schemas and the web app share them). */
/**
 * The lead funnel, in order (the stages), then the two exits. `trial` is the seed document's
 * single trial stage, kept so rows written before the funnel was refined stay valid: the service
 * treats it as `trial_scheduled`.
 */
export const LEAD_FUNNEL = [
  'new',
  'contacted',
  'qualified',
  'trial_scheduled',
  'trial_completed',
  'proposal_sent',
  'enrolled',
] as const;
export const LEAD_EXITS = ['lost', 'inactive'] as const;
export const LEAD_STATUSES = [...LEAD_FUNNEL, ...LEAD_EXITS, 'trial'] as const;

export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A stage's place in the funnel (the legacy `trial` counts as `trial_scheduled`); exits have none. */
export function funnelRank(status: string): number {
  if (status === 'trial') return LEAD_FUNNEL.indexOf('trial_scheduled');
  return (LEAD_FUNNEL as readonly string[]).indexOf(status);
}
