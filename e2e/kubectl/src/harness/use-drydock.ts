import { Drydock, startDrydock } from './drydock.harness';
import { expectSuccess } from './expectations';
import { namespaceManifest, writeManifest } from './fixtures';
import { Json } from './json';

const TEST_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 150_000;
const DESTROY_TIMEOUT_MS = 60_000;

/**
 * One Drydock for the calling spec file: started in beforeAll, stopped and removed in afterAll.
 * Returns an accessor, since the instance exists only once beforeAll ran. `env`: settings of this Drydock (startDrydock).
 */
export function useDrydock(env: NodeJS.ProcessEnv = {}): () => Drydock {
  // jest-circus reads only the global testTimeout; the e2e project's own testTimeout in jest.config.js is ignored.
  jest.setTimeout(TEST_TIMEOUT_MS);
  let drydock: Drydock | undefined;
  beforeAll(async () => {
    drydock = await startDrydock(env);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await drydock?.destroy();
  }, DESTROY_TIMEOUT_MS);
  return () => {
    if (!drydock) throw new Error('Drydock did not start; see the beforeAll failure');
    return drydock;
  };
}

let manifestCount = 0;

/** Any Kubernetes object as a test writes it. */
export interface Manifest {
  kind: string;
  metadata: { name: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * Test set-up: `kubectl apply -f` of each manifest, failing the test if one is refused. Set-up goes through
 * apply so that a broken imperative command (`create namespace`, …) fails only the tests about that command.
 */
export async function applyObjects(drydock: Drydock, ...manifests: Manifest[]): Promise<void> {
  for (const manifest of manifests) {
    const file = writeManifest(drydock.workDir, `setup-${++manifestCount}-${manifest.kind}-${manifest.metadata.name}.yaml`, manifest);
    expectSuccess(await drydock.run(['apply', '-f', file]));
  }
}

/** Test set-up: a namespace, created with `kubectl apply -f`. */
export async function createNamespace(drydock: Drydock, name: string): Promise<void> {
  await applyObjects(drydock, namespaceManifest(name));
}

/** `kubectl get … -o json`, parsed. */
export async function getJson(drydock: Drydock, args: string[]): Promise<Json> {
  return JSON.parse(expectSuccess(await drydock.run(['get', ...args, '-o', 'json'])));
}
