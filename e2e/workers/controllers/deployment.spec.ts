import type { KubeObject } from '@drydock/util';
import { resources, WatchHandle } from '@drydock/client';
import { computeHash } from '@drydock/controllers';
import { autoReady, createNamespace, eventually, useControllers } from './support/use-controllers';

interface ReplicaSetObject extends KubeObject {
  spec: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { image?: string }[] } }; selector?: { matchLabels?: Record<string, string> } };
  status?: { availableReplicas?: number; replicas?: number };
}
interface DeploymentObject extends KubeObject {
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; readyReplicas?: number; conditions?: { type: string; status: string; reason?: string }[] };
}

const ns = 'deploy-e2e';
const deployment = (name: string, image: string, replicas = 4) => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name, annotations: { 'kubernetes.io/change-cause': `create ${image}` } },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

describe('Deployment reconciler against a real Drydock', () => {
  const harness = useControllers();
  let kubelet: WatchHandle | undefined;
  const replicaSets = async (name: string) => (await harness().client.list<ReplicaSetObject>(resources.replicasets, { namespace: ns, labelSelector: `app=${name}` })).items;
  const get = async (name: string) => (await harness().client.get<DeploymentObject>(resources.deployments, ns, name))!;
  const complete = async (name: string, replicas: number) => {
    const d = await get(name);
    const s = d.status ?? {};
    return s.observedGeneration === d.metadata.generation && s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas
      && !!s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') && !!s.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
  };

  beforeAll(async () => {
    await createNamespace(harness().client, ns);
    kubelet = autoReady(harness().client, ns);
  });
  afterAll(() => kubelet?.close());

  it('creates a ReplicaSet <name>-<pod-template-hash> with revision 1 and the pods, and completes as kubectl rollout status reads it', async () => {
    const { client, kubectl } = harness();
    const d = await client.create<KubeObject>(resources.deployments, ns, deployment('web', 'nginx:1.25'));
    await eventually('one RS', async () => (await replicaSets('web')).length === 1);
    const [rs] = await replicaSets('web');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.spec.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'kubernetes.io/change-cause': 'create nginx:1.25' });
    const status = await kubectl('rollout', 'status', `deployment/web`, '-n', ns, '--timeout=90s');
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    expect(status.code).toBe(0);
    await eventually('complete status', () => complete('web', 4), 30_000);
    expect((await get('web')).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('rolls an image change out without exceeding maxSurge or maxUnavailable at any step', async () => {
    const { client, kubectl } = harness();
    const seen: { total: number; available: number }[] = [];
    const trace: string[] = [];
    const state = new Map<string, ReplicaSetObject>();
    const watch = client.watch<ReplicaSetObject>(resources.replicasets, { namespace: ns, labelSelector: 'app=web' }, (event) => {
      if (event.type === 'DELETED') state.delete(event.object.metadata.name!);
      else if (event.type !== 'BOOKMARK' && event.type !== 'ERROR') state.set(event.object.metadata.name!, event.object);
      const sets = [...state.values()];
      seen.push({ total: sets.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0), available: sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0) });
      trace.push(`${event.type} ${event.object.metadata.name} rv=${event.object.metadata.resourceVersion} spec=${event.object.spec.replicas} avail=${event.object.status?.availableReplicas} total=${seen[seen.length - 1].total}`);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.patch(resources.deployments, ns, 'web', { metadata: { annotations: { 'kubernetes.io/change-cause': 'image 1.26' } }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } }, 'strategic');
      const status = await kubectl('rollout', 'status', 'deployment/web', '-n', ns, '--timeout=120s');
      expect(status.code).toBe(0);
      await eventually('complete', () => complete('web', 4), 30_000);
    } finally {
      watch.close();
    }
    if (Math.max(...seen.map((s) => s.total)) > 5) process.stderr.write(trace.join('\n'));
    expect(seen.length).toBeGreaterThan(4);
    expect(Math.max(...seen.map((s) => s.total))).toBeLessThanOrEqual(5);
    expect(Math.min(...seen.slice(1).map((s) => s.available))).toBeGreaterThanOrEqual(3);
    const sets = await replicaSets('web');
    expect(sets).toHaveLength(2);
    const byRevision = Object.fromEntries(sets.map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], rs]));
    expect(byRevision['1'].spec.replicas).toBe(0);
    expect(byRevision['2'].spec.replicas).toBe(4);
    expect(byRevision['2'].metadata.annotations!['kubernetes.io/change-cause']).toBe('image 1.26');
    const events = (await client.list<KubeObject & { reason?: string; message?: string }>(resources.events, { namespace: ns, fieldSelector: 'involvedObject.name=web' })).items;
    expect(events.map((e) => e.message)).toContain(`Scaled up replica set ${byRevision['2'].metadata.name} from 0 to 1`);
    expect(events.some((e) => e.reason === 'ScalingReplicaSet' && e.message === `Scaled down replica set ${byRevision['1'].metadata.name} from 4 to 3`)).toBe(true);
  });

  it('kubectl rollout history lists both revisions with their change-cause; undo --to-revision=1 reuses the old RS as revision 3', async () => {
    const { kubectl } = harness();
    const history = await kubectl('rollout', 'history', 'deployment/web', '-n', ns);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/1\s+create nginx:1\.25/);
    expect(history.stdout).toMatch(/2\s+image 1\.26/);
    const [oldRS] = (await replicaSets('web')).filter((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision'] === '1');
    const undo = await kubectl('rollout', 'undo', 'deployment/web', '-n', ns, '--to-revision=1');
    expect(undo.stdout).toContain('deployment.apps/web rolled back');
    expect((await kubectl('rollout', 'status', 'deployment/web', '-n', ns, '--timeout=120s')).code).toBe(0);
    await eventually('complete after undo', () => complete('web', 4), 30_000);
    const sets = await replicaSets('web');
    expect(sets).toHaveLength(2);
    const reused = sets.find((rs) => rs.metadata.uid === oldRS.metadata.uid)!;
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(reused.spec.replicas).toBe(4);
    expect((await get('web')).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('scales proportionally, honours paused, and cleans up beyond revisionHistoryLimit', async () => {
    const { client, kubectl } = harness();
    await client.patch(resources.deployments, ns, 'web', { spec: { revisionHistoryLimit: 0 } }, 'merge');
    await eventually('old RS removed', async () => (await replicaSets('web')).length === 1);
    expect((await kubectl('scale', 'deployment/web', '-n', ns, '--replicas=6')).code).toBe(0);
    await eventually('6 replicas', () => complete('web', 6), 60_000);
    expect((await kubectl('rollout', 'pause', 'deployment/web', '-n', ns)).code).toBe(0);
    await client.patch(resources.deployments, ns, 'web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } }, 'strategic');
    await eventually('paused condition', async () => !!(await get('web')).status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'DeploymentPaused'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await replicaSets('web')).toHaveLength(1);
    expect((await kubectl('rollout', 'resume', 'deployment/web', '-n', ns)).code).toBe(0);
    expect((await kubectl('rollout', 'status', 'deployment/web', '-n', ns, '--timeout=120s')).code).toBe(0);
    await eventually('complete after resume', () => complete('web', 6), 30_000);
    await eventually('history trimmed to the new RS', async () => (await replicaSets('web')).length === 1);
  });

  it('a Recreate deployment scales the old RS to zero before the new one comes up', async () => {
    const { client } = harness();
    const recreate = { ...deployment('batch', 'nginx:1.25', 2), spec: { ...deployment('batch', 'nginx:1.25', 2).spec, strategy: { type: 'Recreate' } } };
    await client.create(resources.deployments, ns, recreate);
    await eventually('recreate complete', () => complete('batch', 2), 60_000);
    const overlap: number[] = [];
    const watch = client.watch<ReplicaSetObject>(resources.replicasets, { namespace: ns, labelSelector: 'app=batch' }, () => undefined);
    const poll = setInterval(() => void replicaSets('batch').then((sets) => overlap.push(sets.filter((rs) => (rs.spec.replicas ?? 0) > 0).length)), 50);
    try {
      await client.patch(resources.deployments, ns, 'batch', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } }, 'strategic');
      await eventually('recreated', async () => (await replicaSets('batch')).length === 2 && (await complete('batch', 2)), 60_000);
    } finally {
      clearInterval(poll);
      watch.close();
    }
    expect(Math.max(...overlap)).toBe(1);
  });

  it('a rollout that makes no progress within progressDeadlineSeconds reports ProgressDeadlineExceeded, and kubectl rollout status fails', async () => {
    const { client, kubectl } = harness();
    await createNamespace(client, 'stuck-e2e');
    const stuck = deployment('stuck', 'nginx:1.25', 2);
    await client.create(resources.deployments, 'stuck-e2e', { ...stuck, spec: { ...stuck.spec, progressDeadlineSeconds: 20 } });
    await eventually('ProgressDeadlineExceeded', async () => {
      const d = await client.get<DeploymentObject>(resources.deployments, 'stuck-e2e', 'stuck');
      return !!d?.status?.conditions?.some((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded');
    }, 20_000);
    const status = await kubectl('rollout', 'status', 'deployment/stuck', '-n', 'stuck-e2e', '--timeout=20s');
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain('deployment "stuck" exceeded its progress deadline');
    expect((await client.get<DeploymentObject>(resources.deployments, 'stuck-e2e', 'stuck'))?.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('a name collision with a foreign ReplicaSet bumps status.collisionCount and uses the next hash', async () => {
    const { client } = harness();
    await createNamespace(client, 'collide-e2e');
    const spec = deployment('clash', 'nginx:1.25', 1);
    const created = await client.create<KubeObject>(resources.deployments, 'collide-e2e', { ...spec, spec: { ...spec.spec, paused: true } }) as KubeObject & { spec: { template: unknown } };
    const hash = computeHash(created.spec.template);
    await client.create(resources.replicasets, 'collide-e2e', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `clash-${hash}`, labels: { other: 'x' } },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await client.patch(resources.deployments, 'collide-e2e', 'clash', { spec: { paused: false } }, 'merge');
    await eventually('an RS of its own', async () => (await client.list(resources.replicasets, { namespace: 'collide-e2e', labelSelector: 'app=clash' })).items.length === 1, 20_000);
    const [own] = (await client.list(resources.replicasets, { namespace: 'collide-e2e', labelSelector: 'app=clash' })).items;
    const d = await client.get<KubeObject & { status?: { collisionCount?: number } }>(resources.deployments, 'collide-e2e', 'clash');
    expect(d?.status?.collisionCount).toBe(1);
    expect(own.metadata.name).toBe(`clash-${computeHash(created.spec.template, 1)}`);
  });

  it('minReadySeconds: ready pods count as available only after that long (30 s simulated = 3 s)', async () => {
    const { client } = harness();
    const slow = deployment('slow', 'nginx:1.25', 2);
    await client.create(resources.deployments, ns, { ...slow, spec: { ...slow.spec, minReadySeconds: 30 } });
    await eventually('2 ready', async () => (await get('slow')).status?.readyReplicas === 2, 20_000);
    const readyAt = Date.now();
    expect((await get('slow')).status?.availableReplicas ?? 0).toBe(0);
    await eventually('2 available', async () => (await get('slow')).status?.availableReplicas === 2, 20_000);
    expect(Date.now() - readyAt).toBeGreaterThan(1500);
    const rs = (await replicaSets('slow'))[0];
    expect(rs.spec).toMatchObject({ minReadySeconds: 30 });
  });
});
