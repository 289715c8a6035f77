import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { ClosableKubeClient, createKubeClient, loadKubeconfig, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';

export interface TestDrydock {
  dataDir: string;
  kubeconfigPath: string;
  /** The dashboard's URL when started with `dashboard: true`. */
  dashboardUrl?: string;
  /** Creates a client with this program name (closed in afterAll). */
  client(userAgent?: string): ClosableKubeClient;
  /** The process id of each running part (`apiserver`, the workers by app name). */
  pids(): Record<string, number | undefined>;
}


export interface UseDrydockOptions {
  /** Names the temp directory and the default user agent (`<name>-e2e`). */
  name: string;
  /** Nodes for the launcher's own node simulator (0: specs start the simulator they test). */
  nodes?: number;
  /** Also start the dashboard process (builds it first when its build is stale). */
  dashboard?: boolean;
  /** Also run the controller-manager, scheduler and node simulator as `npm start` does (default: the API server alone). */
  controlLoop?: boolean;
  /** DRYDOCK_CLOCK_SCALE for the workers (simulated time runs this many times faster). */
  clockScale?: number;
}

/** One real Drydock (embedded PostgreSQL + API server) per spec file: started in beforeAll, removed in afterAll. */
export function useDrydock(options: UseDrydockOptions): () => TestDrydock {
  jest.setTimeout(180_000);
  let running: { stop(): Promise<void>; pids(): Record<string, number | undefined> } | undefined;
  let drydock: TestDrydock | undefined;
  const clients: ClosableKubeClient[] = [];
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `drydock-${options.name}-`));
    const dashboardPort = options.dashboard ? await findFreePort() : undefined;
    running = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), nodes: options.nodes, controlLoop: options.controlLoop, clockScale: options.clockScale, dashboard: options.dashboard, dashboardHost: '127.0.0.1', dashboardPort }, () => undefined);
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    const client = (userAgent = `${options.name}-e2e`) => {
      const created = createKubeClient(loadKubeconfig(kubeconfigPath, userAgent));
      clients.push(created);
      return created;
    };
    const launched = running;
    if (options.controlLoop && options.nodes) await waitForControlLoop(client(`${options.name}-e2e-setup`), options.nodes);
    drydock = { dataDir, kubeconfigPath, client, dashboardUrl: dashboardPort ? `http://127.0.0.1:${dashboardPort}` : undefined, pids: () => launched.pids() };
  }, 270_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await running?.stop();
    if (drydock) rmSync(drydock.dataDir, { recursive: true, force: true });
  }, 60_000);
  return () => {
    if (!drydock) throw new Error('Drydock did not start; see the beforeAll failure');
    return drydock;
  };
}

/**
 * The launcher returns once the API server is ready and the workers are spawned; booting them (loading their
 * modules, electing, listing) takes 5-30 s on a loaded machine. As upstream's e2e framework waits for the nodes
 * to be schedulable before its first test, wait for the node simulator's nodes to be Ready and for the
 * controller-manager to hold its Lease, so a test's timeout measures what it tests, not the workers' boot.
 */
async function waitForControlLoop(client: ClosableKubeClient, nodes: number): Promise<void> {
  const ready = (node: KubeObject & { status?: { conditions?: { type: string; status: string }[] } }) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  const up = async () => (await client.list(resources.nodes)).items.filter(ready).length >= nodes
    && !!(await client.get<KubeObject & { spec?: { holderIdentity?: string } }>(resources.leases, 'kube-system', 'kube-controller-manager'))?.spec?.holderIdentity;
  const deadline = Date.now() + 120_000;
  while (!(await up())) {
    if (Date.now() > deadline) throw new Error(`the control loop did not come up within 120 s (${nodes} nodes Ready, the controller-manager's Lease held)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Polls `check` every 20 ms until it returns true; throws with `what` after `timeoutMs` (default 20 s). */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
