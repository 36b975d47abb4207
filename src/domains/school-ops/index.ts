/** School operations' public entry: what other domains may read (billing's view of enrollments). */
export { activeEnrollmentsForBilling, type BillableEnrollment } from './billing-view.js';
