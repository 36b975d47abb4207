/**
 * pino, with every personal or secret field redacted wherever it appears in a logged object.
 * Request/response bodies are never logged; these paths catch what a developer might add by mistake.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

const SENSITIVE_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'authorization',
  'cookie',
  'set-cookie',
  'email',
  'phone',
  'sms',
  'whatsapp',
  'cpf',
  'birthDate',
  'birth_date',
  'birthdate',
  'firstName',
  'first_name',
  'firstname',
  'lastName',
  'last_name',
  'lastsurname',
  'lastSurname',
  'middleName',
  'middle_name',
  'givenName',
  'given_name',
  'familyName',
  'family_name',
  'name',
  'displayName',
  'display_name',
  'parentEmail',
  'parent_email',
  'address',
  'street',
  'ssn',
  'content',
  'notes',
  'diagnosis',
  'medication_name',
  'allergen_name',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'schola' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
