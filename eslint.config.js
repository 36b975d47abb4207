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
);
