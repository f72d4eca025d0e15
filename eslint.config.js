// @ts-check
const nx = require('@nx/eslint-plugin');

/**
 * Module boundaries with real tags (project.json): apps -> domain -> core/contracts, pure
 * libraries import only contracts. Type rules come from typescript-eslint via Nx's preset.
 */
/** The module-boundary options; `pureExtra`: the tags a pure library may import (none, except in its tests). */
const boundaries = (pureExtra) => ({
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', 'type:pure', 'type:testing'] },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:core', 'type:contracts', 'type:pure', 'type:testing'] },
    { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:contracts'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:contracts', ...pureExtra] },
  ],
});

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', 'tmp', '.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Test helpers parse arbitrary JSON responses.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Tests of a pure library may use the shared test helpers (libs/testing); its code may not.
    files: ['**/*.spec.ts', '**/__tests__/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])] },
  },
];
