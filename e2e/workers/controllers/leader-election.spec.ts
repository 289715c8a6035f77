import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { KubeObject } from '@drydock/util';
import { resources, WatchHandle } from '@drydock/client';
import { autoReady, createNamespace, eventually, useControllers } from './support/use-controllers';

const repoRoot = resolve(__dirname, '../../..');
const ns = 'leader-e2e';

interface ManagerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** apps/controller-manager as `npm start` runs it, with clock scale 5 (lease 15 s → 3 s). */
function startManagerProcess(kubeconfig: string): ManagerProcess {
  const child = spawn(process.execPath, ['-r', join(repoRoot, 'tools/register-typescript.js'), join(repoRoot, 'apps/controller-manager/src/main.ts')], {
    cwd: repoRoot, env: { ...process.env, KUBECONFIG: kubeconfig, DRYDOCK_CLOCK_SCALE: '5' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output, exited };
}

const leads = (manager: ManagerProcess) => manager.output.join('').includes('became leader');

describe('two controller-manager processes: one leads, the standby takes over when it dies', () => {
  const harness = useControllers({ manager: false });
  const managers: ManagerProcess[] = [];
  let kubelet: WatchHandle | undefined;

  afterAll(async () => {
    kubelet?.close();
    for (const manager of managers) manager.child.kill('SIGKILL');
  });

  it('finishes a rollout after the leader is killed mid-rollout, and stops cleanly on SIGTERM', async () => {
    const { client, kubeconfigPath } = harness();
    await createNamespace(client, ns);
    kubelet = autoReady(client, ns);
    managers.push(startManagerProcess(kubeconfigPath), startManagerProcess(kubeconfigPath));
    await eventually('a leader', () => managers.some(leads), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(managers.filter(leads)).toHaveLength(1);
    const leader = managers.find(leads)!;
    const standby = managers.find((m) => m !== leader)!;
    const lease = await client.get<KubeObject & { spec: { holderIdentity?: string } }>(resources.leases, 'kube-system', 'kube-controller-manager');
    expect(lease?.spec.holderIdentity).toBeTruthy();

    await client.create(resources.deployments, ns, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } } });
    await eventually('6 available', async () => (await client.get<KubeObject & { status?: { availableReplicas?: number } }>(resources.deployments, ns, 'web'))?.status?.availableReplicas === 6, 30_000);
    await client.patch(resources.deployments, ns, 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } } } }, 'strategic');
    await eventually('the rollout started', async () => (await client.list(resources.replicasets, { namespace: ns })).items.length === 2, 10_000);
    leader.child.kill('SIGKILL');
    await leader.exited;

    await eventually('the standby leads', () => leads(standby), 30_000);
    await eventually('the rollout finished by the standby', async () => {
      const d = await client.get<KubeObject & { status?: { updatedReplicas?: number; replicas?: number; availableReplicas?: number; conditions?: { reason?: string }[] } }>(resources.deployments, ns, 'web');
      return d?.status?.updatedReplicas === 6 && d.status.replicas === 6 && d.status.availableReplicas === 6 && !!d.status.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable');
    }, 60_000);

    standby.child.kill('SIGTERM');
    expect(await standby.exited).toBe(0);
    const released = await client.get<KubeObject & { spec: { holderIdentity?: string } }>(resources.leases, 'kube-system', 'kube-controller-manager');
    expect(released?.spec.holderIdentity ?? '').toBe('');
  });
});
