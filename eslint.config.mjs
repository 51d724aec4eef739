// ESLint 9 flat config. `npm run lint` (errors fail; warnings are reported, not fatal) and `npm run lint:fix`.
// A rule is silenced on a line only with `// eslint-disable-next-line <rule> -- <why the rule is wrong here>`.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint/rules/boundaries.mjs';

// The src/server modules that are pure by declaration: no `import 'server-only'`, and the *.rules.ts modules may
// import them.
const PURE_SERVER_MODULES = [
  // DomainError and its message keys: the client-safe *.rules.ts modules throw and name them.
  'src/server/errors.ts',
  'src/server/error-keys.ts',
  'src/server/error-keys.testing.ts',
  'src/server/db-unavailable.ts',
  // The role and permission table (survey-permissions.rules.ts, report-subscription.rules.ts) and the Viewer type.
  'src/server/auth/policies.ts',
  'src/server/viewer.ts',
  // Imported by src/proxy.ts.
  'src/server/http/security-headers.ts',
];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'src/generated/**',
      'src/gql/**',
      'src/graphql/resolvers-types.generated.ts',
      'next-env.d.ts',
      'bench/results/**',
      'backups/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { kefu: boundaries },
    rules: { 'kefu/disable-needs-reason': 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // CommonJS config files (next.config.js).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler diagnostics, errors whatever a later preset says: state set from an effect, a ref read or
      // written while rendering, an impure call (Date.now()) in render, a variable reassigned after render.
      'react-hooks/set-state-in-effect': 'error',
      'react-hooks/refs': 'error',
      'react-hooks/purity': 'error',
      'react-hooks/immutability': 'error',
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      // App Router only: there is no pages/ directory for this rule to check links against.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Tests run in Node under Vitest, never in a browser bundle, and may reach any layer.
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'kefu/client-boundary': ['error', { clientDirs: ['src/components/', 'src/lib/data/'] }],
      'kefu/infra-boundary': [
        'error',
        { infraDir: 'src/server/', registry: ['src/server/domain-registry.ts'], exempt: ['src/server/demo/'] },
      ],
      'kefu/server-only-marker': ['error', { serverDir: 'src/server/', pure: PURE_SERVER_MODULES }],
      'kefu/pure-rules': ['error', { pure: PURE_SERVER_MODULES }],
    },
  },
);
