import nx from '@nx/eslint-plugin';

/**
 * Lint: Nx module boundaries keep the layers apart (apps → features → data access → utilities) and
 * the scopes apart (workers and the dashboard never import API-server code or the database layer).
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/.drydock', 'tmp/**', '**/.next', 'apps/dashboard/next-env.d.ts', 'libs/apiserver/openapi/src/generated/**', 'tools/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'scope:apiserver', onlyDependOnLibsWithTags: ['scope:apiserver', 'scope:shared'] },
            { sourceTag: 'scope:workers', onlyDependOnLibsWithTags: ['scope:workers', 'scope:shared'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:launcher', onlyDependOnLibsWithTags: ['scope:launcher', 'scope:apiserver', 'scope:workers', 'scope:dashboard', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
