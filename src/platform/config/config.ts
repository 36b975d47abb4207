/**
 * Schola's configuration: one zod schema over the environment, parsed once at start-up.
 * A wrong value stops start-up with a message naming the variable and what is allowed.
 */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected one of true, false, 1, 0, yes, no' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'expected development, production or test' })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, { message: 'expected a postgres:// or postgresql:// connection URL' })
    .optional(),
  SCHOLA_DATA_DIR: z.string().min(1).default('./data'),
  /** Where uploads (import packages, interchange files) wait for their background job; default <data dir>/uploads. */
  SCHOLA_UPLOAD_DIR: z.string().min(1).optional(),
  SCHOLA_PG_POOL_MAX: integer(1, 1000).default(10),
  /** The embedded engine's shared_buffers in MiB (its memory; see database.ts). */
  SCHOLA_PGLITE_BUFFERS_MB: integer(1, 4096).default(16),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SCHOLA_SECRET: z.string().min(32, { message: 'must be at least 32 characters (used to sign tokens)' }).optional(),
  SCHOLA_BODY_LIMIT_BYTES: integer(1024, 1024 * 1024 * 1024).default(1024 * 1024),
  SCHOLA_SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SCHOLA_DEMO_SEED: booleanFlag.default(true),
  SCHOLA_PUBLIC_URL: z
    .string()
    .url({ message: 'expected an absolute URL such as https://schola.example.org' })
    .optional(),
  /** Where notification e-mail goes (smtp:// or smtps://); unset = the outbox table (nothing leaves). */
  SCHOLA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: 'expected smtp://[user:pass@]host[:port] or smtps://…' })
    .optional(),
  SCHOLA_MAIL_FROM: z.string().min(3).max(320).optional(),
  /** Origins allowed to call the API from a browser (CORS), comma-separated; unset = same-origin only. */
  SCHOLA_CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^https?:\/\/[^/?#\s]+$/, {
          message:
            'expected comma-separated origins such as https://app.example.org,http://localhost:5173 (scheme, host ' +
            'and port only)',
        }),
      ),
    )
    .optional(),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly pgliteBuffersMb: number;
  /** Uploads waiting for their background job; every instance sharing a database must share it. */
  readonly uploadDir: string;
  readonly pgPoolMax: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly secret: string | undefined;
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly demoSeed: boolean;
  readonly publicUrl: string | undefined;
  /** Exact origins allowed by CORS; empty = same-origin only. */
  readonly corsOrigins: readonly string[];
  /** Notification e-mail: the SMTP server (unset = the outbox table) and the default From. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default). Empty strings count as unset. */
export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = EnvSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const got = input[String(issue.path[0])];
        return {
          variable: String(issue.path[0] ?? '(environment)'),
          message: `${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`,
        };
      }),
    );
  }
  const e = result.data;
  if (e.NODE_ENV === 'production' && !e.SCHOLA_SECRET) {
    throw new ConfigError([{ variable: 'SCHOLA_SECRET', message: 'is required when NODE_ENV=production' }]);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SCHOLA_DATA_DIR),
    uploadDir: path.resolve(e.SCHOLA_UPLOAD_DIR ?? path.join(e.SCHOLA_DATA_DIR, 'uploads')),
    pgPoolMax: e.SCHOLA_PG_POOL_MAX,
    pgliteBuffersMb: e.SCHOLA_PGLITE_BUFFERS_MB,
    logLevel: e.LOG_LEVEL,
    secret: e.SCHOLA_SECRET,
    bodyLimitBytes: e.SCHOLA_BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SCHOLA_SHUTDOWN_TIMEOUT_MS,
    demoSeed: e.SCHOLA_DEMO_SEED,
    publicUrl: e.SCHOLA_PUBLIC_URL,
    corsOrigins: Object.freeze([...new Set((e.SCHOLA_CORS_ORIGINS ?? []).map((o) => o.toLowerCase()))]),
    smtpUrl: e.SCHOLA_SMTP_URL,
    mailFrom: e.SCHOLA_MAIL_FROM,
  });
}

let cached: Config | undefined;
/** The process's configuration, parsed on first use and then fixed. */
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}

/** Names and meanings, for `schola --help` and the README. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
