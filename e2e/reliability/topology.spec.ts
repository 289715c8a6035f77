import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { kubectlBinaries } from '@drydock/testing';
import { Body, Endpoint, KubeConnection } from './support/kube-http';
import { ComposeTopology } from './support/compose-topology';
import { Fault, formatTable, fullRun, runScenario } from './support/scenario';
import { converged, startWorkloads } from './support/workloads';

/**
 * Issue #16 part 4: docker/compose.yaml's topology, run here without Docker as plain processes with each
 * service's command and environment as written there: one PostgreSQL (embedded, standing in for a
 * managed one), two API servers, a load balancer in front of them for the workers, two controller-managers
 * (one leads), a scheduler and two node simulators each running its shard of the nodes.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);
const chart = join(__dirname, '..', '..', 'deploy', 'helm', 'drydock');

describe('the multi-process topology of docker/compose.yaml, as plain processes', () => {
  jest.setTimeout(fullRun ? 10 * 60_000 : 180_000);
  let topology: ComposeTopology;
  let servers: Endpoint[];
  const startedAt = performance.now();

  beforeAll(async () => {
    // The dashboard's process is the one `npm start` runs (e2e/dashboard drives it); building its pages here would double this suite's time.
    topology = await ComposeTopology.start({ skip: ['dashboard'], workerEnv: { DRYDOCK_CLOCK_SCALE: '10' } });
    servers = topology.apiServers().map((name) => topology.endpoint(name));
    process.stdout.write(`[topology] ${topology.processes.size} processes started and both API servers ready in ${Math.round((performance.now() - startedAt) / 1000)} s\n`);
  }, 420_000);

  afterAll(async () => {
    await topology?.stop();
    process.stdout.write(`[topology] ${fullRun ? 'full' : 'short'} run: ${Math.round((performance.now() - startedAt) / 1000)} s\n`);
  }, 60_000);

  const get = async (endpoint: Endpoint, path: string): Promise<Body> => {
    const api = new KubeConnection(endpoint);
    try {
      const result = await api.request('GET', path);
      if (result.status !== 200) throw new Error(`GET ${path}: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    } finally {
      api.close();
    }
  };

  /** The Deployment and the StatefulSet one replica up; a read-modify-write of their scale, again on a 409 (their controllers write too). */
  const scaleUp = async (endpoint: Endpoint, namespace: string) => {
    const api = new KubeConnection(endpoint);
    try {
      for (const path of [`/apis/apps/v1/namespaces/${namespace}/deployments/web/scale`, `/apis/apps/v1/namespaces/${namespace}/statefulsets/db/scale`]) {
        for (let attempt = 1; ; attempt++) {
          const scale = await api.request('GET', path);
          const updated = await api.request('PUT', path, { ...scale.body, spec: { replicas: scale.body.spec.replicas + 1 } });
          if (updated.status === 200) break;
          if (updated.status !== 409 || attempt === 10) throw new Error(`scaling ${path}: ${updated.status} ${JSON.stringify(updated.body)}`);
        }
      }
    } finally {
      api.close();
    }
  };

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
      await sleep(300);
    }
  };

  it('runs two API servers on one database and splits the nodes between the node simulators, disjoint and all Ready', async () => {
    expect(topology.apiServers()).toEqual(['apiserver-1', 'apiserver-2']);
    const nodes = await waitFor('four Ready nodes', async () => {
      const list = await get(servers[1], '/api/v1/nodes');
      const ready = list.items.filter((node: Body) => node.status?.conditions?.some((c: Body) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === 4 ? list.items : undefined;
    }, 120_000);
    // Each shard's kubelet endpoint serves exactly its own nodes: node-1 and node-3 on one, node-2 and node-4 on the other.
    const endpointOf = Object.fromEntries(nodes.map((node: Body) => [node.metadata.name, node.metadata.annotations['sim.drydock.dev/kubelet-endpoint']]));
    expect(endpointOf['node-1']).toBe(endpointOf['node-3']);
    expect(endpointOf['node-2']).toBe(endpointOf['node-4']);
    expect(endpointOf['node-1']).not.toBe(endpointOf['node-2']);
    const registered = (name: string, line: RegExp) => waitFor(`${name} to report its nodes`, async () => (line.test(topology.log(name)) ? true : undefined));
    await registered('node-sim-0', /shard 0 of 2\): 2 nodes registered .*\(node-1, node-3\)/);
    await registered('node-sim-1', /shard 1 of 2\): 2 nodes registered .*\(node-2, node-4\)/);
  });

  it('converges a Deployment and a StatefulSet written through one API server and read through the other; each shard runs its pods, whose logs either API server proxies', async () => {
    await startWorkloads(servers[0], 'topology');
    expect(await converged(servers[1], 'topology', 180_000)).toEqual([]);
    // Where the scheduler puts those four pods among four equal nodes is its choice (all on one shard at
    // times): a pod bound to a node of each shard shows each shard running its own.
    const api = new KubeConnection(servers[1]);
    try {
      expect((await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'topology-shards' } }, 60_000)).status).toBe(201);
      for (const node of ['node-1', 'node-2']) {
        const created = await api.request('POST', '/api/v1/namespaces/topology-shards/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `on-${node}` }, spec: { nodeName: node, containers: [{ name: 'main', image: 'nginx:1.27' }] } }, 60_000);
        expect(created.status).toBe(201);
      }
    } finally {
      api.close();
    }
    await waitFor('a running pod on each shard', async () => {
      const pods = await get(servers[0], '/api/v1/namespaces/topology-shards/pods');
      return pods.items.filter((pod: Body) => pod.status?.phase === 'Running').length === 2 ? true : undefined;
    }, 120_000);
    // pods/log is proxied by either API server to the kubelet endpoint of the pod's shard.
    for (const server of servers) {
      for (const node of ['node-1', 'node-2']) {
        const connection = new KubeConnection(server);
        const log = await connection.request('GET', `/api/v1/namespaces/topology-shards/pods/on-${node}/log`, undefined, 60_000).finally(() => connection.close());
        expect({ server: server.server, node, status: log.status }).toEqual({ server: server.server, node, status: 200 });
      }
    }
  });

  const values = ['--set', 'database.url=postgresql://drydock:secret@db.example:5432/drydock?sslmode=require', '--set', 'nodeSim.shards=3'];

  it('the Helm chart lints and renders a non-root topology with probes and working credentials', async () => {
    const { helm } = kubectlBinaries();
    await run(helm, ['lint', '--strict', chart, ...values]);
    const rendered = parseAllDocuments((await run(helm, ['template', 'dd', chart, '--namespace', 'drydock-system', ...values])).stdout).map((document) => document.toJSON()).filter(Boolean);
    const byKind = (kind: string) => rendered.filter((object: Body) => object.kind === kind);
    const deployments = Object.fromEntries(byKind('Deployment').map((object: Body) => [object.metadata.name, object]));
    expect(Object.keys(deployments).sort()).toEqual(['dd-drydock-apiserver', 'dd-drydock-controller-manager', 'dd-drydock-dashboard', 'dd-drydock-node-sim-0', 'dd-drydock-node-sim-1', 'dd-drydock-node-sim-2', 'dd-drydock-scheduler']);
    expect(byKind('PodDisruptionBudget').map((object: Body) => object.metadata.name).sort()).toEqual(['dd-drydock-apiserver', 'dd-drydock-controller-manager']);
    for (const deployment of Object.values(deployments) as Body[]) {
      expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(deployment.spec.template.spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    }
    const apiserver = deployments['dd-drydock-apiserver'].spec.template.spec.containers[0];
    expect([apiserver.readinessProbe.httpGet.path, apiserver.livenessProbe.httpGet.path]).toEqual(['/readyz', '/livez']);
    expect(apiserver.env.find((env: Body) => env.name === 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'dd-drydock-database', key: 'DATABASE_URL' });
    expect(deployments['dd-drydock-node-sim-2'].spec.strategy.type).toBe('Recreate');
    expect(deployments['dd-drydock-node-sim-2'].spec.template.spec.containers[0].env).toEqual(expect.arrayContaining([{ name: 'DRYDOCK_NODE_SHARD_INDEX', value: '2' }, { name: 'DRYDOCK_NODE_SHARD_COUNT', value: '3' }]));
    // The chart's certificates and tokens are what the API server reads from pki/ (checked as it checks them).
    const secret = (name: string) => Object.fromEntries(Object.entries(byKind('Secret').find((object: Body) => object.metadata.name === name).data).map(([file, value]) => [file, Buffer.from(String(value), 'base64').toString()]));
    const pki = secret('dd-drydock-pki');
    const kubeconfigs = secret('dd-drydock-kubeconfigs');
    const ca = new X509Certificate(pki['ca.crt']);
    const serving = new X509Certificate(pki['apiserver.crt']);
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.checkHost('dd-drydock-apiserver.drydock-system.svc')).toBe('dd-drydock-apiserver.drydock-system.svc');
    expect(serving.checkPrivateKey(createPrivateKey(pki['apiserver.key']))).toBe(true);
    expect(createPrivateKey(pki['sa.key']).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    const tokenOf = (file: string) => parse(kubeconfigs[file]).users[0].user.token as string;
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(pki['admin-token.sha256']).toBe(sha256(tokenOf('kubeconfig')));
    expect(pki['known-tokens.csv'].trim().split('\n').sort()).toEqual([`${sha256(tokenOf('controller-manager.conf'))},system:kube-controller-manager,,""`, `${sha256(tokenOf('node-simulator.conf'))},system:drydock:node-simulator,,""`, `${sha256(tokenOf('scheduler.conf'))},system:kube-scheduler,,""`].sort());
    expect(Buffer.from(pki['dashboard-session.key'], 'base64')).toHaveLength(32);
  });

  // RELIABILITY_FULL only: the chart's nine pods take minutes on the shared machine, and the kill -9
  // scenario below repeats faults.spec.ts's two API servers, one killed (npm test runs that one there).
  if (fullRun) it('the Helm chart installs into this Drydock through the load balancer, its pods Running', async () => {
    const { helm } = kubectlBinaries();
    const kubeconfig = join(topology.dataDir, 'kubeconfig');
    await run(helm, ['install', 'dd', chart, '--namespace', 'drydock-system', '--create-namespace', '--kubeconfig', kubeconfig, ...values], { timeout: 120_000 });
    const components = ['apiserver', 'apiserver', 'controller-manager', 'controller-manager', 'dashboard', 'node-sim-0', 'node-sim-1', 'node-sim-2', 'scheduler'];
    const pods = await waitFor(`the chart's ${components.length} pods Running`, async () => {
      const list = await get(topology.endpoint(), '/api/v1/namespaces/drydock-system/pods');
      const running = list.items.filter((pod: Body) => pod.status?.phase === 'Running');
      return running.length === components.length ? running : undefined;
    }, 120_000);
    expect(pods.map((pod: Body) => pod.metadata.labels['app.kubernetes.io/component']).sort()).toEqual(components);
  });

  if (fullRun) it('kill -9 of one API server and of the leading controller-manager mid-load loses nothing, and the standby takes over', async () => {
    const leaderLine = /became leader/;
    const leader = await waitFor('a leading controller-manager', async () => ['controller-manager-1', 'controller-manager-2'].find((name) => leaderLine.test(topology.log(name))));
    const standby = leader === 'controller-manager-1' ? 'controller-manager-2' : 'controller-manager-1';
    const faults: Fault[] = [
      {
        name: 'kill -9 apiserver-1',
        inject: async () => {
          topology.kill('apiserver-1');
          await sleep(500);
          await topology.ready(servers[0], 240_000);
        },
      },
      {
        name: 'kill -9 the leading controller-manager',
        inject: async () => {
          await scaleUp(servers[1], 'topology');
          topology.kill(leader);
          await waitFor(`${standby} to take the lease`, async () => (leaderLine.test(topology.log(standby)) ? true : undefined));
        },
      },
    ];
    const row = await runScenario({
      name: 'compose topology: kill -9 apiserver-1 and the leading controller-manager',
      namespace: 'topology-traffic',
      endpoints: servers,
      faults,
      quietMs: 10_000,
      traffic: { writers: 3, readers: 3 },
      after: () => converged(topology.endpoint(), 'topology', 180_000),
    });
    process.stdout.write(`\nTopology scenario:\n${formatTable([row])}\n\n`);
    expect(row.violations).toEqual([]);
    expect(topology.processes.get('apiserver-1')!.restarts).toBeGreaterThanOrEqual(1);
  }, 10 * 60_000);
});
