/**
 * Access control as one object the composition root builds and hands to everything that decides
 * access: the generated API's guard, the domain services (through the unit of work) and the
 * standards bindings. It binds the policy engine (policy.ts) to the tenant's policies and to the
 * relationship questions (who teaches whom, whose child is whom), answered from the facts the domains
 * describe (relationships.ts) — the platform only asks.
 */
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../db/transaction.js';
import { loadPolicies } from './default-policies.js';
import { decide, type AccessRequest, type Decision } from './policy.js';
import type { RelationshipResolver } from './subject-relationship.js';
import { createRelationshipResolver } from './relationships.js';
import type { Principal } from './roles.js';

export interface AccessControl {
  /** The policy engine's decision, inside the caller's tenant transaction. */
  decide(tx: Tx, principal: Principal, request: AccessRequest, now?: Date): Promise<Decision>;
  /** The relationship questions, answered within `tx` (memoised for that unit of work). */
  relationships(tx: Tx): RelationshipResolver;
}

export interface AccessControlOptions {
  /** Default: the registered relationship sets (relationships.ts). */
  relationships?: (tx: Tx) => RelationshipResolver;
}

export function createAccessControl(options: AccessControlOptions = {}): AccessControl {
  const relationships = options.relationships ?? createRelationshipResolver;
  return {
    async decide(tx, principal, request, now) {
      return decide(principal, request, {
        policies: await loadPolicies(tx, principal.tenantId),
        relationships: relationships(tx),
        now,
      });
    },
    relationships,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the composition root (src/app.ts). */
    access: AccessControl;
  }
}

/** Makes `access` available to every route of `app` (called once by the composition root). */
export function provideAccessControl(app: FastifyInstance, access: AccessControl): void {
  if (!app.hasDecorator('access')) app.decorate('access', access);
}
