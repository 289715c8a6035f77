process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { Json } from '../harness/json';
import { applyObjects, getJson } from '../harness/use-drydock';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const hold = 'example.com/hold';
const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'x' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } },
  },
};
const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'x' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
const heldPod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'held', namespace: 'x', finalizers: [hold] },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
};
const heldConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: 'x', finalizers: [hold] }, data: { a: 'b' } };

/** Issue 12: namespace deletion as upstream's namespace controller does it (Terminating while its content goes, with conditions). */
describe('kubectl delete namespace: Terminating while its content goes, with the namespace deletion conditions', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const conditions = async (): Promise<Record<string, Json>> => {
    const namespace = await getJson(drydock(), ['namespace', 'x']);
    return Object.fromEntries((namespace.status?.conditions ?? []).map((c: Json) => [c.type, c]));
  };
  const describeNamespace = async () => `${JSON.stringify((await getJson(drydock(), ['namespace', 'x'])).status, null, 1)}\n${(await kubectl('get', 'all,cm,pvc', '-n', 'x')).stdout}`;
  const whenRemaining = (content: string, finalizers: string) =>
    eventually(`remaining "${content}" / "${finalizers}"`, async () => {
      const found = await conditions();
      return found.NamespaceContentRemaining?.message === content && found.NamespaceFinalizersRemaining?.message === finalizers ? found : undefined;
    }, 90_000, describeNamespace);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('deletes pods first, keeps what finalizers hold with NamespaceContentRemaining and NamespaceFinalizersRemaining, and goes once empty', async () => {
    expectSuccess(await kubectl('create', 'namespace', 'x'));
    await applyObjects(drydock(), claim, deployment, heldPod, heldConfigMap);
    await runningPods(drydock(), 'app=web', 2, 90_000, 'x');

    expect(expectSuccess(await kubectl('delete', 'ns', 'x', '--wait=false'))).toBe('namespace "x" deleted\n');
    expect(expectSuccess(await kubectl('get', 'ns', 'x', '-o', 'jsonpath={.status.phase}'))).toBe('Terminating');

    // Pods go first (OrderedNamespaceDeletion): the Deployment's pods terminate, the held one stays, the rest waits.
    const first = await whenRemaining('Some resources are remaining: pods. has 1 resource instances', `Some content in the namespace has finalizers remaining: ${hold} in 1 resource instances`);
    expect(first.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain' });
    expect(first.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain' });
    expect(first.NamespaceDeletionContentFailure).toMatchObject({ status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' });
    expect(first.NamespaceDeletionDiscoveryFailure).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' });
    expect(first.NamespaceDeletionGroupVersionParsingFailure).toMatchObject({ status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' });
    expect((await getJson(drydock(), ['pod', 'held', '-n', 'x'])).metadata.deletionTimestamp).toBeDefined();
    expect((await getJson(drydock(), ['configmap', 'kept', '-n', 'x'])).metadata.deletionTimestamp).toBeUndefined();

    // Then the rest: the claim goes through pvc-protection, the held ConfigMap stays.
    expectSuccess(await kubectl('patch', 'pod', 'held', '-n', 'x', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]'));
    await whenRemaining('Some resources are remaining: configmaps. has 1 resource instances', `Some content in the namespace has finalizers remaining: ${hold} in 1 resource instances`);
    expect(expectSuccess(await kubectl('get', 'ns', 'x', '-o', 'jsonpath={.status.phase}'))).toBe('Terminating');
    expect(expectSuccess(await kubectl('get', 'pvc,pods', '-n', 'x', '-o', 'name'))).toBe('');

    expectSuccess(await kubectl('patch', 'configmap', 'kept', '-n', 'x', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]'));
    await eventually('namespace x gone', async () => ((await kubectl('get', 'ns', 'x')).stderr.includes('(NotFound)') ? true : undefined), 90_000, describeNamespace);
  });
});
