/** The live sessions' own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const sessionErrors = defineErrors({
  groups_not_ready: { status: 409, title: 'Not every group is ready' },
  invalid_session_transition: { status: 409, title: 'Transition not allowed from this status' },
  session_not_editable: { status: 409, title: 'Session settings and groups are fixed in this status' },
  session_active: { status: 409, title: 'Session is active' },
  session_closed: { status: 409, title: 'Session has ended' },
  transcription_disabled: { status: 409, title: 'Transcription is off for this session' },
  group_full: { status: 409, title: 'Group is full' },
  access_code_exhausted: { status: 409, title: 'No free access code found' },
  age_restriction: { status: 403, title: 'Too young to join' },
  parental_consent_required: { status: 403, title: 'Verified parental consent required' },
});

export const SESSION_ERROR_CODES = Object.keys(sessionErrors);
