/**
 * The web app's API types are generated from the server's OpenAPI document (`npm run web:api`):
 * the committed web/src/api/schema.d.ts must be what the generator writes today.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchema, SCHEMA_FILE } from '../../scripts/web-api.js';

describe('web API types', () => {
  it('are not stale (run `npm run web:api` after changing an endpoint the web app uses)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8') === (await generatedSchema())).toBe(true);
  }, 120_000);
});
