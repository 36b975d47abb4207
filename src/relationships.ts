/**
 * Composition: the relationship facts each domain describes, registered for the policy engine
 * (src/platform/auth/relationships.ts). Imported by src/schema.ts, so every entry point has them.
 */
import { registerRelationshipSets } from './platform/auth/relationships.js';
import { accountRelationshipSets } from './platform/identity/relationships.js';
import { classroomRelationshipSets } from './domains/classroom/index.js';
import { k12RelationshipSets } from './domains/edfi/index.js';

registerRelationshipSets({ ...k12RelationshipSets, ...classroomRelationshipSets, ...accountRelationshipSets });
