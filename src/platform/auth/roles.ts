/**
 * The roles Schola knows and the principal a request acts as. One list, used by accounts (CHECK),
 * the policy engine and the default policies.
 */
export const ROLES = [
  'district_admin',
  'school_admin',
  'teacher',
  'counselor',
  'nurse',
  'special_education_coordinator',
  'librarian',
  'cafeteria_manager',
  'transportation_coordinator',
  'finance',
  'admissions',
  'auditor',
  'student',
  'parent',
  'api_client',
] as const;
export type Role = (typeof ROLES)[number];

/** What a principal asks to do with a record. */
export type Action = 'read' | 'write' | 'delete';

/** Who is acting. Built by the authentication layer; never from request bodies. */
export interface Principal {
  kind: 'user' | 'client' | 'system';
  tenantId: string;
  /** Stable id for audit: account id, client id, or 'system:<job>'. */
  actorId: string;
  roles: Role[];
  /** OAuth scopes (clients); users get the scopes their roles imply. */
  scopes: string[];
  /**
   * Education-organization claims: the Ed-Fi school ids the principal is bound to.
   * undefined = the whole tenant (district level).
   */
  schoolIds?: number[];
  /** The seeds' person records this account is (links for relationship checks). */
  person?: {
    edfiStaffUSI?: number;
    edfiStudentUSI?: number;
    onerosterUserSourcedId?: string;
    classroomTeacherId?: string;
    classroomStudentId?: string;
    coreUserId?: string;
  };
  /**
   * A participant token's reach (participant-tokens.ts): one live activity and one part of it. Such a
   * principal reaches nothing else; the domain that issued the token checks it.
   */
  participant?: { sessionId: string; groupId: string; participantId: string };
}

/** Facts about the request that the audit trail keeps. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
  sessionId?: string;
  /** FERPA: why the data is accessed (legitimate educational interest), when the caller states it. */
  justification?: string;
}
