import type { KubeObject } from '@drydock/util';
import { resources, WatchHandle } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';

interface Listed extends KubeObject {
  spec?: Record<string, unknown> & { nodeName?: string; containers?: { image: string }[]; volumes?: unknown[] };
  status?: Record<string, unknown> & { phase?: string; conditions?: { type: string; status: string }[] };
}

const ns = 'sts-e2e';
const statefulSet = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
  spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.9' }] } }, ...extra },
});

describe('StatefulSet reconciler in a running Drydock (3 simulated nodes)', () => {
  const drydock = useDrydock({ name: 'statefulset-controller', nodes: 3, controlLoop: true, clockScale: 20 });
  const client = () => drydock().client();
  /** What the watch saw, in order: `added web-1`, `ready web-0`, `deleting web-2`. */
  const seen: string[] = [];
  let watch: WatchHandle | undefined;
  const pods = async (app: string) => (await client().list<Listed>(resources.pods, { namespace: ns, labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);
  const status = async (name: string) => (await client().get<Listed>(resources.statefulsets, ns, name))?.status ?? {};
  const index = (entry: string) => seen.indexOf(entry);

  beforeAll(async () => {
    await eventually('3 nodes', async () => (await client().list(resources.nodes)).items.length === 3, 40_000);
    await client().create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    watch = client().watch(resources.pods, { namespace: ns }, (event) => {
      const pod = event.object as Listed;
      const name = pod.metadata.name!;
      const note = (entry: string) => { if (!seen.includes(entry)) seen.push(entry); };
      if (event.type === 'ADDED') note(`added ${name}`);
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) note(`ready ${name}`);
      if (pod.metadata.deletionTimestamp || event.type === 'DELETED') note(`deleting ${name}@${pod.metadata.labels?.['controller-revision-hash']}`);
    });
  });
  afterAll(() => watch?.close());

  it('creates web-0, web-1, web-2 in order, each only after the previous one is Ready', async () => {
    await client().create(resources.statefulsets, ns, statefulSet('web', 3));
    await eventually('3 ready replicas', async () => (await status('web')).readyReplicas === 3, 40_000);
    expect(index('added web-0')).toBeGreaterThanOrEqual(0);
    expect(index('added web-1')).toBeGreaterThan(index('ready web-0'));
    expect(index('added web-2')).toBeGreaterThan(index('ready web-1'));
    const created = await pods('web');
    expect(created.map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const web1 = created.find((p) => p.metadata.name === 'web-1')!;
    expect(web1.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(web1.spec).toMatchObject({ hostname: 'web-1', subdomain: 'web' });
    const current = await status('web');
    expect(web1.metadata.labels?.['controller-revision-hash']).toBe(current.updateRevision);
    expect(current).toMatchObject({ replicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, currentRevision: current.updateRevision, observedGeneration: 1 });
    const events = (await client().list<KubeObject & { reason?: string; message?: string }>(resources.events, { namespace: ns })).items;
    expect(events.some((e) => e.reason === 'SuccessfulCreate' && e.message === 'create Pod web-0 in StatefulSet web successful')).toBe(true);
  }, 60_000);

  it('scales down from the highest ordinal', async () => {
    await client().patch(resources.statefulsets, ns, 'web', { spec: { replicas: 1 } }, 'merge');
    await eventually('only web-0 left', async () => (await client().list<Listed>(resources.pods, { namespace: ns, labelSelector: 'app=web' })).items.map((p) => p.metadata.name).join() === 'web-0', 40_000);
    const deleting2 = seen.findIndex((entry) => entry.startsWith('deleting web-2@'));
    const deleting1 = seen.findIndex((entry) => entry.startsWith('deleting web-1@'));
    expect(deleting2).toBeGreaterThanOrEqual(0);
    expect(deleting1).toBeGreaterThan(deleting2);
    await eventually('status 1 replica', async () => (await status('web')).replicas === 1);
  }, 60_000);

  it('rolls an image change from the highest ordinal down', async () => {
    await client().patch(resources.statefulsets, ns, 'web', { spec: { replicas: 3 } }, 'merge');
    await eventually('3 ready replicas again', async () => (await status('web')).readyReplicas === 3, 40_000);
    const oldRevision = (await status('web')).updateRevision as string;
    await client().patch(resources.statefulsets, ns, 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] } } } }, 'strategic');
    await eventually('the rollout complete', async () => {
      const now = await status('web');
      return now.updateRevision !== oldRevision && now.currentRevision === now.updateRevision && now.updatedReplicas === 3 && now.readyReplicas === 3;
    }, 50_000);
    const order = ['web-2', 'web-1', 'web-0'].map((name) => seen.indexOf(`deleting ${name}@${oldRevision}`));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect((await pods('web')).every((p) => p.spec!.containers![0].image === 'registry.k8s.io/pause:3.10')).toBe(true);
    const revisions = (await client().list<KubeObject & { revision?: number }>(resources.controllerrevisions, { namespace: ns })).items;
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
  }, 60_000);

  it('creates the claims of volumeClaimTemplates before the pod, named <claim>-<set>-<ordinal>', async () => {
    const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    await client().create(resources.statefulsets, ns, statefulSet('db', 1, { volumeClaimTemplates: [claim] }));
    await eventually('claim data-db-0 and pod db-0', async () => !!(await client().get(resources.persistentvolumeclaims, ns, 'data-db-0')) && !!(await client().get(resources.pods, ns, 'db-0')));
    const claimObject = await client().get<KubeObject>(resources.persistentvolumeclaims, ns, 'data-db-0');
    const pod = await client().get<Listed>(resources.pods, ns, 'db-0');
    expect(Date.parse(claimObject!.metadata.creationTimestamp!)).toBeLessThanOrEqual(Date.parse(pod!.metadata.creationTimestamp!));
    expect(claimObject!.metadata.labels).toMatchObject({ app: 'db' });
    // Beside the claim, the ServiceAccount admission plugin's projected token volume, as on any upstream pod.
    const [claimVolume, ...admitted] = pod!.spec!.volumes as { name: string }[];
    expect(claimVolume).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } });
    expect(admitted.map((volume) => volume.name)).toEqual([expect.stringMatching(/^kube-api-access-\w{5}$/)]);
  }, 60_000);
});
