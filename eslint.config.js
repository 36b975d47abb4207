// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      '.tmp/',
      'drizzle/',
      'docs/',
      'coverage/',
      '.dependency-cruiser.cjs',
      'web/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        fetch: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // No line over 120 characters (prettier's printWidth), strings, templates and comments included: prettier
      // cannot break those. Test titles are exempt (prettier keeps `it('…', async () => {` on one line).
      'max-len': [
        'error',
        {
          code: 120,
          tabWidth: 2,
          ignoreUrls: true,
          ignoreStrings: false,
          ignoreTemplateLiterals: false,
          ignoreComments: false,
          ignorePattern: '^\\s*(it|test|describe)(\\.\\w+)*\\(',
        },
      ],
    },
  },
  {
    // Generated: the web app's API types (npm run web:api).
    files: ['web/src/api/schema.d.ts'],
    rules: { 'max-len': 'off' },
  },
  {
    // Pending: files other work was changing when the rule came in; wrap them (then drop them from this list).
    files: [
      'src/demo/accounts.test.ts',
      'src/demo/accounts.ts',
      'src/demo/k12-daily.ts',
      'src/demo/seed.ts',
      'src/domains/edfi/attendance/events.ts',
      'src/domains/edfi/attendance/rates.test.ts',
      'src/domains/edfi/attendance/rates.ts',
      'src/domains/edfi/attendance/service.test.ts',
      'src/domains/edfi/attendance/service.ts',
      'src/domains/finance/tables/payroll.ts',
      'src/platform/audit/audit.test.ts',
      'src/platform/audit/audit.ts',
      'src/platform/audit/chain.ts',
      'src/platform/audit/verify.ts',
      'src/platform/notifications/delivery-task.ts',
      'src/platform/notifications/delivery.test.ts',
      'src/platform/notifications/render.ts',
      'web/src/components/StudentCard.tsx',
      'web/src/pages/admin/AccessPolicies.tsx',
      'src/demo/k12-grades.ts',
      'src/domains/compliance/records/service.ts',
      'src/domains/compliance/retention/retention.test.ts',
      'src/domains/edfi/grades/gpa.ts',
      'src/domains/edfi/grades/gradebook.ts',
      'src/domains/edfi/grades/grades.ts',
      'src/domains/edfi/grades/report-cards.test.ts',
      'src/domains/edfi/grades/report-cards.ts',
      'src/domains/edfi/grades/section.ts',
      'src/domains/edfi/grades/service.test.ts',
      'src/domains/edfi/index.ts',
      'src/domains/finance/billing/overdue.ts',
      'src/domains/finance/billing/rules.test.ts',
      'src/domains/finance/billing/webhooks.test.ts',
      'src/domains/finance/fiscal/service.ts',
      'src/domains/finance/ledger/service.test.ts',
      'src/domains/finance/payroll/service.test.ts',
      'src/domains/finance/tables/billing.ts',
      'test/support/gradebook.ts',
    ],
    rules: { 'max-len': 'off' },
  },
);
