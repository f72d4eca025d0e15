// @ts-check
const nx = require('@nx/eslint-plugin');

/**
 * Module boundaries with real tags (project.json). Two kinds of tag, both enforced:
 * - `type:*`, the layers: apps -> domain -> core -> contracts; pure libraries import only contracts.
 * - `scope:*`, one per project: which domain may use which. `SCOPE_ARROWS` is the table of
 *   docs/architecture.md ("Allowed arrows"); a new arrow is a decision, made here and there.
 * Every scope may use `core` and `contracts`, except the pure ones (contracts only).
 * Type rules come from typescript-eslint via Nx's preset.
 */
const SCOPE_ARROWS = {
  api: ['identity', 'catalog', 'bank', 'papers', 'imports', 'invitations', 'attempts', 'analytics', 'grading', 'webhooks', 'audit', 'privacy'],
  worker: ['identity', 'invitations', 'attempts', 'analytics', 'grading', 'webhooks', 'audit', 'privacy'],
  identity: ['audit'],
  catalog: [],
  bank: ['catalog', 'scoring'],
  papers: ['catalog', 'bank', 'scoring', 'paper-import', 'webhooks', 'audit'],
  imports: ['catalog', 'bank', 'papers', 'paper-import'],
  invitations: ['identity', 'papers', 'webhooks'],
  attempts: ['papers', 'invitations', 'scoring', 'analytics'],
  analytics: ['papers', 'statistics', 'grading-rules'],
  grading: ['attempts', 'papers', 'grading-rules', 'analytics', 'webhooks', 'audit'],
  webhooks: ['audit'],
  audit: [],
  privacy: ['invitations', 'attempts', 'grading', 'analytics', 'webhooks'],
  testing: ['migrations'],
  bench: ['attempts', 'invitations', 'paper-import', 'grading', 'grading-rules', 'testing', 'migrations'],
  tools: ['identity', 'invitations', 'paper-import', 'statistics', 'migrations'],
};
/** Pure libraries: no framework, no I/O, so not even core. Tests may use them to compute what they expect. */
const PURE_SCOPES = ['scoring', 'paper-import', 'statistics', 'grading-rules'];
/** What test code (specs, the apps' test folders) may use besides what the code it tests may. */
const TEST_SCOPES = ['testing', ...PURE_SCOPES];

const scopeConstraints = (testExtra) => [
  ...Object.entries(SCOPE_ARROWS).map(([scope, allowed]) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [...allowed, 'core', 'contracts', ...testExtra].map((to) => `scope:${to}`),
  })),
  ...PURE_SCOPES.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: ['contracts', ...testExtra].map((to) => `scope:${to}`) })),
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:contracts'] },
  { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
  // Raw SQL classes: TypeORM only, nothing of ours (a migration must not change when code does).
  { sourceTag: 'scope:migrations', onlyDependOnLibsWithTags: [] },
];

/** The module-boundary options; `forTests`: for test code, which may also use the test helpers and pure libraries. */
const boundaries = (forTests) => {
  const testExtra = forTests ? ['type:testing', 'type:pure'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', ...testExtra] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', 'type:pure', ...testExtra] },
      { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:contracts', 'type:migrations'] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:contracts', ...testExtra] },
      { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', 'type:pure', 'type:testing', 'type:migrations'] },
      { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', 'type:pure', 'type:migrations', ...testExtra] },
      ...scopeConstraints(forTests ? TEST_SCOPES : []),
    ],
  };
};

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', 'tmp', '.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Test helpers parse arbitrary JSON responses.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Tests (specs and the apps' test folders) may use the shared test helpers (libs/testing); the code they test may not.
    files: ['**/*.spec.ts', '**/__tests__/**/*.ts', 'apps/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // What a candidate's phone downloads (the entry, the API client, the exam) uses native elements: Ant Design
    // alone would double its JavaScript (docs/performance.md, issue 12). Staff code may use it.
    files: ['apps/web/src/main.tsx', 'apps/web/src/api/**/*.{ts,tsx}', 'apps/web/src/candidate/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['antd', 'antd/*', '@ant-design/*', '@rc-component/*'], message: 'The candidate app uses native elements (candidate.css), no UI library.' }] }],
    },
  },
];
