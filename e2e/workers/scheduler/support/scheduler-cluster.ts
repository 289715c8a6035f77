import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { ClosableKubeClient, createKubeClient, loadKubeconfig, resources } from '@drydock/client';
import type { Node, Pod, Taint } from '@drydock/scheduler';

export interface TestCluster {
  dataDir: string;
  kubeconfigPath: string;
  client: ClosableKubeClient;
}


/**
 * One real Drydock per spec file. No simulated nodes: the tests create their own Node objects. With
 * `controlLoop` the launcher also starts the worker processes, the scheduler among them, as npm start does.
 */
export function useDrydock(options: { controlLoop?: boolean } = {}): () => TestCluster {
  jest.setTimeout(180_000);
  let running: { stop(): Promise<void> } | undefined;
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-scheduler-'));
    running = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), nodes: 0, clockScale: 10, controlLoop: options.controlLoop }, () => undefined);
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    cluster = { dataDir, kubeconfigPath, client: createKubeClient(loadKubeconfig(kubeconfigPath, 'scheduler-e2e')) };
  }, 150_000);
  afterAll(async () => {
    cluster?.client.close();
    await running?.stop();
    if (cluster) rmSync(cluster.dataDir, { recursive: true, force: true });
  }, 60_000);
  return () => {
    if (!cluster) throw new Error('Drydock did not start; see the beforeAll failure');
    return cluster;
  };
}

export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function nodeObject(name: string, options: { cpu?: string; labels?: Record<string, string>; taints?: Taint[] } = {}): Node {
  const resourcesList = { cpu: options.cpu ?? '4', memory: '16Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels } },
    spec: { taints: options.taints },
    status: { capacity: resourcesList, allocatable: resourcesList, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** Creates the node and makes sure its status (capacity, allocatable, conditions) is set. */
export async function createNode(client: ClosableKubeClient, node: Node): Promise<void> {
  const created = await client.create(resources.nodes, '', node);
  await client.update(resources.nodes, { ...created, status: node.status }, { subresource: 'status' });
}

export function podObject(name: string, spec: Partial<Pod['spec']> & { cpu?: string } = {}, labels: Record<string, string> = {}): Pod {
  const { cpu, ...rest } = spec;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', resources: cpu ? { requests: { cpu } } : {} }], ...rest } as Pod['spec'],
  };
}
