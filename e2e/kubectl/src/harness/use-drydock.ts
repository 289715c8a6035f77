import { Drydock, startDrydock } from './drydock.harness';
import { expectSuccess } from './expectations';

const START_TIMEOUT_MS = 150_000;
const DESTROY_TIMEOUT_MS = 60_000;

/**
 * One Drydock for the calling spec file: started in beforeAll, stopped and removed in afterAll.
 * Returns an accessor, since the instance exists only once beforeAll ran.
 */
export function useDrydock(): () => Drydock {
  let drydock: Drydock | undefined;
  beforeAll(async () => {
    drydock = await startDrydock();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await drydock?.destroy();
  }, DESTROY_TIMEOUT_MS);
  return () => {
    if (!drydock) throw new Error('Drydock did not start; see the beforeAll failure');
    return drydock;
  };
}

/** `kubectl create namespace NAME`, failing the test if it does not succeed. */
export async function createNamespace(drydock: Drydock, name: string): Promise<void> {
  expectSuccess(await drydock.run(['create', 'namespace', name]));
}

/** `kubectl get … -o json`, parsed. */
export async function getJson(drydock: Drydock, args: string[]): Promise<any> {
  return JSON.parse(expectSuccess(await drydock.run(['get', ...args, '-o', 'json'])));
}
