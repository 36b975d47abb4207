/**
 * The zod inputs of the people-facing identity endpoints (sign-in, password reset), shared by the
 * services, the OpenAPI description and the web app's forms. Imports nothing but zod: the web app
 * may import this file.
 */
import { z } from 'zod';

/** Mirrors src/platform/auth/passwords.ts (kept here so this file stays free of server imports). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const tenantSlugSchema = z.string().trim().min(1, 'is required').max(63, 'is too long');
/** E-mail addresses are compared lower-cased (the accounts table enforces it). */
export const emailSchema = z.string().trim().toLowerCase().min(3, 'is required').max(320, 'is too long');

export const signInInput = z.strictObject({
  tenant: tenantSlugSchema,
  email: emailSchema,
  password: z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH, 'is too long'),
});

export const passwordResetRequestInput = z.strictObject({ tenant: tenantSlugSchema, email: emailSchema });

export const passwordResetInput = z.strictObject({
  tenant: tenantSlugSchema,
  token: z.string().min(1, 'is required').max(200, 'is too long'),
  // The strength rules (length in code points, not a common password) are checked by the service.
  password: z.string().max(PASSWORD_MAX_LENGTH * 4, 'is too long'),
});

/** The form-side check of a new password: the service's length rule, said before the round trip. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** The public view of an account (never its hash or lockout state). */
export const accountViewSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  schoolIds: z.array(z.number()).nullable(),
  status: z.string(),
  lastSignInAt: z.string().nullable(),
  person: z.object({
    edfiStaffUSI: z.number().optional(),
    edfiStudentUSI: z.number().optional(),
    onerosterUserSourcedId: z.string().optional(),
    classroomTeacherId: z.string().optional(),
    classroomStudentId: z.string().optional(),
    coreUserId: z.string().optional(),
  }),
});

export const signInResult = z.object({ account: accountViewSchema, expiresAt: z.string(), sessionToken: z.string() });

export const meResult = z.object({
  principal: z.object({
    kind: z.string(),
    tenantId: z.string(),
    actorId: z.string(),
    roles: z.array(z.string()),
    scopes: z.array(z.string()),
    schoolIds: z.array(z.number()).nullable(),
  }),
  /** The signed-in person's account and, for the shell, their tenant's name and slug. */
  account: accountViewSchema.optional(),
  tenant: z.object({ slug: z.string(), name: z.string(), kind: z.string() }).optional(),
});
