/**
 * The identity domain's service: accounts, sessions (sign-in/out, external identities), password
 * reset, OAuth clients and their tokens. Split by concern; every function takes the Database and
 * runs its own tenant-confined unit of work, and takes `now` as an option where time matters.
 */
export * from './shared.js';
export * from './accounts.js';
export * from './sessions.js';
export * from './password-reset.js';
export * from './oauth-clients.js';
export * from './oauth-tokens.js';
