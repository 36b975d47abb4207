/** The CRM's public entry: the lead funnel, interactions, trial classes, conversion and referrals. */
import type { DomainModule } from '../../platform/service/module.js';
import { CRM_PATHS as P, crmRoutes } from './routes.js';
import { leadInteractions, leads, referrals, trials } from './tables.js';

export { addInteraction, createLead, funnelReport, listLeads, moveLead } from './leads.js';
export { bookTrial, convertLead, recordTrialOutcome } from './convert.js';
export { LEAD_EXITS, LEAD_FUNNEL, funnelRank } from './funnel.js';

export const crmModule: DomainModule = {
  name: 'crm',
  owns: [
    { table: leads, writeVia: [`POST ${P.leads}`, `POST ${P.move}`, `POST ${P.convert}`] },
    { table: leadInteractions, writeVia: [`POST ${P.interactions}`] },
    { table: trials, writeVia: [`POST ${P.trials}`, `POST ${P.outcome}`] },
    { table: referrals, writeVia: [`POST ${P.leads} (with referrerId)`, `POST ${P.convert}`] },
  ],
  register: crmRoutes,
};
