import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Each rule of eslint.config.mjs proven on a deliberate violation, with a clean import beside it: one
// import line in a made-up file inside the right project, linted with the repository's own ESLint
// configuration and project graph (tools/lint/lint-imports.mjs, a separate Node process because ESLint
// loads its configuration with a dynamic import that Jest's sandbox refuses).

const root = join(__dirname, '..', '..');

interface Probe {
  /** What the case proves. */
  title: string;
  /** A file (it need not exist) inside the importing project, relative to the repository root. */
  file: string;
  specifier: string;
  /** The start of the expected `@nx/enforce-module-boundaries` error, or null for a clean import. */
  error: string | null;
}

const dashboardOnly = 'A project tagged with "scope:dashboard" can only depend on libs tagged with "scope:dashboard", "scope:shared"';
const graphqlNoStorage = 'A project tagged with "scope:graphql" can not depend on libs tagged with "scope:storage"';
const workerLibraries = 'A project tagged with "scope:workers" and "type:feature" can only depend on libs tagged with "scope:client", "scope:shared"';
const workerApps = 'A project tagged with "scope:workers" can only depend on libs tagged with "scope:workers", "scope:client", "scope:shared"';
const clientOnly = 'A project tagged with "scope:client" can only depend on libs tagged with "scope:client", "scope:shared"';
const sharedOnly = 'A project tagged with "scope:shared" can only depend on libs tagged with "scope:shared"';
const utilityLayers = 'A project tagged with "type:util" can only depend on libs tagged with "type:util"';
const featureLayers = 'A project tagged with "type:feature" can only depend on libs tagged with "type:feature", "type:data-access", "type:util"';

const probes: Probe[] = [
  { title: 'the dashboard may not import the API server', file: 'apps/dashboard/src/lib/probe.ts', specifier: '@drydock/api', error: dashboardOnly },
  { title: 'the dashboard may not import the GraphQL layer', file: 'apps/dashboard/src/lib/probe.ts', specifier: '@drydock/graphql', error: dashboardOnly },
  { title: 'the dashboard may not import storage', file: 'apps/dashboard/src/components/probe.tsx', specifier: '@drydock/storage', error: dashboardOnly },
  { title: 'the dashboard may not import the worker client', file: 'apps/dashboard/src/server/probe.ts', specifier: '@drydock/client', error: dashboardOnly },
  { title: 'the dashboard may not import a worker library', file: 'apps/dashboard/src/lib/probe.ts', specifier: '@drydock/scheduler', error: dashboardOnly },
  { title: 'the dashboard may not load a database driver', file: 'apps/dashboard/src/lib/probe.ts', specifier: 'pg', error: 'A project tagged with "scope:dashboard" is not allowed to import "pg"' },
  { title: 'the dashboard may not reach into a library by a relative path', file: 'apps/dashboard/src/lib/probe.ts', specifier: '../../../../libs/apiserver/storage/src/index', error: 'Projects cannot be imported by a relative or absolute path' },
  { title: 'the dashboard may import the toolkit', file: 'apps/dashboard/src/lib/probe.ts', specifier: '@drydock/util', error: null },

  { title: 'GraphQL may not import storage', file: 'libs/apiserver/graphql/src/probe.ts', specifier: '@drydock/storage', error: graphqlNoStorage },
  { title: 'GraphQL may not reach storage through another library', file: 'libs/apiserver/graphql/src/probe.spec.ts', specifier: '@drydock/testing', error: graphqlNoStorage },
  { title: 'GraphQL may not load a database driver', file: 'libs/apiserver/graphql/src/probe.ts', specifier: 'pg', error: 'A project tagged with "scope:graphql" is not allowed to import "pg"' },
  { title: 'GraphQL may import the client', file: 'libs/apiserver/graphql/src/probe.ts', specifier: '@drydock/client', error: null },
  { title: 'GraphQL may import the toolkit', file: 'libs/apiserver/graphql/src/probe.ts', specifier: '@drydock/kube', error: null },

  { title: 'a worker library may not import storage', file: 'libs/workers/scheduler/src/probe.ts', specifier: '@drydock/storage', error: workerApps },
  { title: 'a worker library may not import the API server', file: 'libs/workers/controllers/src/probe.ts', specifier: '@drydock/api', error: workerApps },
  { title: 'a worker library may not import another worker library', file: 'libs/workers/scheduler/src/probe.ts', specifier: '@drydock/controllers', error: workerLibraries },
  { title: 'a worker library may not load a database driver', file: 'libs/workers/node-sim/src/probe.ts', specifier: 'pg', error: 'A project tagged with "scope:workers" is not allowed to import "pg"' },
  { title: 'a worker library may import the client', file: 'libs/workers/node-sim/src/probe.ts', specifier: '@drydock/client', error: null },
  { title: 'a worker library may import the toolkit', file: 'libs/workers/controllers/src/probe.ts', specifier: '@drydock/kube', error: null },
  { title: 'a worker app may import its library', file: 'apps/scheduler/src/probe.ts', specifier: '@drydock/scheduler', error: null },
  { title: 'a worker app may not import storage', file: 'apps/node-sim/src/probe.ts', specifier: '@drydock/storage', error: workerApps },
  { title: 'the client may not import storage', file: 'libs/workers/client/src/probe.ts', specifier: '@drydock/storage', error: clientOnly },

  // Every utility of one side and the client import the toolkit, so these probes name libraries that do
  // not (a probe into one that does is refused as a circular dependency before the tags are read).
  { title: 'the toolkit may not import a library of one side, even in a spec', file: 'libs/shared/kube/src/probe.spec.ts', specifier: '@drydock/testing', error: sharedOnly },
  { title: 'the toolkit may not import a data-access layer', file: 'libs/shared/kube/src/probe.ts', specifier: '@drydock/storage', error: utilityLayers },
  { title: 'the toolkit may import the toolkit', file: 'libs/shared/kube/src/probe.ts', specifier: '@drydock/util', error: null },

  { title: 'production code may not import the test helpers', file: 'libs/apiserver/api/src/probe.ts', specifier: '@drydock/testing', error: featureLayers },
  { title: 'a spec may import the test helpers', file: 'libs/apiserver/api/src/probe.spec.ts', specifier: '@drydock/testing', error: null },
  { title: 'an e2e project may import the test helpers', file: 'e2e/storage-contract/probe.spec.ts', specifier: '@drydock/testing', error: null },
];

let errors: string[][];

beforeAll(() => {
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-imports.mjs')], {
    cwd: root,
    input: JSON.stringify(probes.map(({ file, specifier }) => ({ file, specifier }))),
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  errors = JSON.parse(output);
}, 60000);

describe('module boundaries (eslint.config.mjs)', () => {
  it.each(probes.map((probe, index) => [probe.title, index] as const))('%s', (_title, index) => {
    const expected = probes[index].error;
    expect(errors[index]).toEqual(expected === null ? [] : [expect.stringMatching(new RegExp(`^${escapeRegExp(expected)}`))]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
