/** The notification service's own problem codes (besides validation, forbidden, not found…). */
import { defineErrors } from '../http/errors.js';

export const notificationErrors = defineErrors({
  template_not_found: { status: 404, title: 'Notification template not found' },
  not_an_account: { status: 403, title: 'Only a signed-in person has an inbox' },
});

export const NOTIFICATION_ERROR_CODES = Object.keys(notificationErrors);
