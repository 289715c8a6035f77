import pino from 'pino';
import { builtinResources } from '@drydock/registry';
import { WatchedMemoryStore } from '@drydock/testing';
import type { KubeObject } from '@drydock/util';
import { Admission } from '../pipeline/admission';
import { GenericStore } from '../rest/generic-store';
import { SandboxClusters, type SandboxClustersDeps } from './sandbox-clusters';

/** Each cluster's SystemLoops.start() waits for the test to let it finish. */
const systemObjects: { release: () => void }[] = [];
jest.mock('../system/system-loops', () => ({
  SystemLoops: class {
    start(): Promise<void> {
      return new Promise((resolve) => systemObjects.push({ release: resolve }));
    }
    stop(): void {
      // nothing runs
    }
  },
}));

const definitions = builtinResources();
const clusterKey = { cluster: 'default', resource: 'clusters.drydock.dev', namespace: '', name: 'lab' };

function setup(): { store: WatchedMemoryStore; clusters: SandboxClusters; statusWrites: () => { phase?: string; readyNodes?: number }[] } {
  const store = new WatchedMemoryStore();
  const deps = {
    storage: { store, watch: store.watch },
    registries: { defaultRegistry: { lookup: (group: string, _version: string, resource: string) => definitions.find((d) => d.group === group && d.resource === resource) }, forget: () => undefined },
    generic: new GenericStore(store, Admission.none),
    rbacIndex: { forget: () => undefined },
    logger: pino({ level: 'silent' }),
    caCert: '',
    serverUrl: 'https://127.0.0.1:6443',
  } as unknown as SandboxClustersDeps;
  const clusters = new SandboxClusters(deps);
  const statusWrites = () => [...writes];
  const writes: { phase?: string; readyNodes?: number }[] = [];
  const update = store.update.bind(store);
  store.update = async (key, object, options) => {
    if (key.resource === 'clusters.drydock.dev') writes.push({ ...(object.status as { phase?: string; readyNodes?: number }) });
    return update(key, object, options);
  };
  return { store, clusters, statusWrites };
}

function node(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

const settle = () => jest.advanceTimersByTimeAsync(0);

describe('SandboxClusters: create → Ready', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    systemObjects.splice(0);
  });
  afterEach(() => jest.useRealTimers());

  it("binds the cluster's owner while its system objects are still being made", async () => {
    const { store, clusters } = setup();
    clusters.start();
    await store.create(clusterKey, { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab', uid: 'u-lab' }, spec: { owner: { user: 'alice' }, nodes: 3 } });
    await settle();
    expect(systemObjects).toHaveLength(1);
    // SystemLoops.start() has not finished, yet the owner's bindings in the cluster and its access in the default cluster exist.
    expect(store.latest({ cluster: 'lab', resource: 'clusterrolebindings.rbac.authorization.k8s.io', namespace: '', name: 'drydock:owner:cluster-admin' })).toMatchObject({ subjects: [{ kind: 'User', name: 'alice' }] });
    expect(store.latest({ cluster: 'default', resource: 'clusterrolebindings.rbac.authorization.k8s.io', namespace: '', name: 'drydock:cluster-owner:lab' })).toBeDefined();
    clusters.stop();
  });

  it('writes the status at once when the phase changes (Bootstrapped, the last node Ready), other changes after 100 ms', async () => {
    const { store, clusters, statusWrites } = setup();
    clusters.start();
    await store.create(clusterKey, { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab', uid: 'u-lab' }, spec: { owner: { user: 'alice' }, nodes: 3 } });
    await settle();
    systemObjects[0].release();
    await settle();
    expect(statusWrites().map((status) => status.phase)).toEqual(['Provisioning']);
    const nodeKey = (name: string) => ({ cluster: 'lab', resource: 'nodes', namespace: '', name });
    await store.create(nodeKey('node-1'), node('node-1'));
    await store.create(nodeKey('node-2'), node('node-2'));
    await settle();
    // Two of three nodes Ready: still Provisioning, gathered for 100 ms.
    expect(statusWrites()).toHaveLength(1);
    await store.create(nodeKey('node-3'), node('node-3'));
    await settle();
    expect(statusWrites().at(-1)).toMatchObject({ phase: 'Ready', readyNodes: 3 });
    clusters.stop();
  });
});
