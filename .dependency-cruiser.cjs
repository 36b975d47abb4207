/**
 * The layers of Schola (ARCHITECTURE.md, "Layers"), enforced by `npm run lint`:
 *   platform ← domains ← standards ← composition (app.ts, schema.ts) ← cli, demo;  web ← shared schemas
 * - platform never imports domains, standards, the composition root, the CLI or the demo;
 * - domains never import standards, the composition root, the CLI or the demo;
 * - a domain reaches another domain only through its entry (`index.ts`), except that a domain's
 *   tables may name another domain's tables (foreign keys);
 * - no import cycles anywhere.
 */
/**
 * Tests may reach across layers to build real scenarios (a platform test on the demo district);
 * only cycles are forbidden to them too.
 */
const TESTS = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes the layers meaningless and initialisation order fragile.',
      from: { path: '^(src|web/src)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platform-stands-alone',
      severity: 'error',
      comment: 'The platform is what every domain stands on: it imports no domain, standard or composition code.',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: '^src/(domains|standards|cli|demo)/|^src/(app|schema|data-classification)\\.ts$' },
    },
    {
      name: 'domains-below-standards',
      severity: 'error',
      comment: 'Domains own the rules; the standards bindings are views over them, never the other way round.',
      from: { path: '^src/domains/', pathNot: TESTS },
      to: { path: '^src/(standards|cli|demo)/|^src/(app|schema|data-classification)\\.ts$' },
    },
    {
      name: 'domain-through-entry',
      severity: 'error',
      comment:
        'A domain reaches another only through its index.ts (its public entry); only table modules may name ' +
        "another domain's tables (foreign keys).",
      from: { path: '^src/domains/([^/]+)/', pathNot: [TESTS, '^src/domains/[^/]+/tables(\\.ts|/)'] },
      to: {
        path: '^src/domains/([^/]+)/',
        pathNot: ['^src/domains/$1/', '^src/domains/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'tables-name-only-tables',
      severity: 'error',
      comment: "A domain's table module may import only another domain's table modules (for foreign keys).",
      from: { path: '^src/domains/([^/]+)/tables(\\.ts|/)' },
      to: {
        path: '^src/domains/([^/]+)/',
        pathNot: ['^src/domains/$1/', '^src/domains/[^/]+/tables(\\.ts|/)'],
      },
    },
    {
      name: 'web-imports-only-shared-schemas',
      severity: 'error',
      comment:
        'The web app may share zod schemas with the server (files named *.schema.ts or schemas.ts), nothing else.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '(\\.schema\\.ts|/schemas\\.ts)$' },
    },
    {
      name: 'production-code-not-from-tests',
      severity: 'error',
      comment: 'Test fixtures and helpers live beside tests, never imported by production code.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$|/testing/' },
      to: { path: '\\.test\\.ts$|^test/|/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|\\.tmp|dist|web/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
