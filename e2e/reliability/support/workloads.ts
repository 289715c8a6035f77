import { Violation } from './history';
import { Body, Endpoint, KubeConnection } from './kube-http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const labels = { app: 'web' };

/** A Deployment and a StatefulSet for the controllers to keep right while their processes are killed. */
export async function startWorkloads(endpoint: Endpoint, namespace: string): Promise<void> {
  const api = new KubeConnection(endpoint);
  // A server's first write of each kind loads its code paths: under a load average of 35 that took more than the default 15 s.
  const create = (path: string, body: Body) => api.request('POST', path, body, 60_000);
  try {
    await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const container = { name: 'main', image: 'nginx:1.27' };
    const deployment = await create(`/apis/apps/v1/namespaces/${namespace}/deployments`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } } });
    const service = await create(`/api/v1/namespaces/${namespace}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } });
    const statefulSet = await create(`/apis/apps/v1/namespaces/${namespace}/statefulsets`, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'main', image: 'postgres:17' }] } } } });
    for (const [what, result] of [['deployment', deployment], ['service', service], ['statefulset', statefulSet]] as const) {
      if (result.status !== 201) throw new Error(`creating the ${what}: ${result.status} ${JSON.stringify(result.body)}`);
    }
  } finally {
    api.close();
  }
}

/** Scales both up by one (a rollout in flight when the workers are killed). */
export async function scaleWorkloads(endpoint: Endpoint, namespace: string): Promise<void> {
  const api = new KubeConnection(endpoint);
  try {
    for (const path of [`/apis/apps/v1/namespaces/${namespace}/deployments/web/scale`, `/apis/apps/v1/namespaces/${namespace}/statefulsets/db/scale`]) {
      // The Scale carries the resourceVersion read: a controller's status write in between is a 409, read again
      // and retried as client-go's RetryOnConflict (a short run failed on it, 2026-12-08).
      for (let attempt = 1; ; attempt++) {
        const scale = await api.request('GET', path);
        scale.body.spec.replicas += 1;
        const updated = await api.request('PUT', path, scale.body);
        if (updated.status === 200) break;
        if (updated.status !== 409 || attempt >= 5) throw new Error(`scaling ${path}: ${updated.status}`);
      }
    }
  } finally {
    api.close();
  }
}

/**
 * Waits for the controllers to converge: the Deployment's replicas all ready and updated, exactly that
 * many pods of its ReplicaSets, the StatefulSet's pods one per ordinal and ready, and no pod whose owner
 * is gone. Returns what is still wrong at the deadline.
 */
export async function converged(endpoint: Endpoint, namespace: string, timeoutMs: number): Promise<Violation[]> {
  const api = new KubeConnection(endpoint);
  const deadline = Date.now() + timeoutMs;
  let problems: string[] = [];
  try {
    while (Date.now() < deadline) {
      problems = await convergenceProblems(api, namespace);
      if (problems.length === 0) return [];
      await sleep(500);
    }
    return problems.map((detail) => ({ check: 'controllers converge', detail }));
  } finally {
    api.close();
  }
}

async function convergenceProblems(api: KubeConnection, namespace: string): Promise<string[]> {
  const get = async (path: string) => (await api.request('GET', path)).body;
  const [deployment, statefulSet, replicaSets, pods] = await Promise.all([
    get(`/apis/apps/v1/namespaces/${namespace}/deployments/web`),
    get(`/apis/apps/v1/namespaces/${namespace}/statefulsets/db`),
    get(`/apis/apps/v1/namespaces/${namespace}/replicasets`),
    get(`/api/v1/namespaces/${namespace}/pods`),
  ]);
  if (!deployment?.spec || !statefulSet?.spec || !replicaSets?.items || !pods?.items) return ['the API did not answer'];
  const problems: string[] = [];
  const want = deployment.spec.replicas;
  const status = deployment.status ?? {};
  if (status.observedGeneration !== deployment.metadata.generation || status.readyReplicas !== want || status.updatedReplicas !== want || status.replicas !== want) {
    problems.push(`deployment web wants ${want}: status ${JSON.stringify({ observed: status.observedGeneration, generation: deployment.metadata.generation, replicas: status.replicas, ready: status.readyReplicas, updated: status.updatedReplicas })}`);
  }
  const live = pods.items.filter((pod: Body) => !pod.metadata.deletionTimestamp);
  const replicaSetUids = new Set(replicaSets.items.map((rs: Body) => rs.metadata.uid));
  const webPods = live.filter((pod: Body) => pod.metadata.labels?.app === 'web');
  if (webPods.length !== want) problems.push(`${webPods.length} pods of deployment web, want ${want}`);
  const statefulSetUid = statefulSet.metadata.uid;
  for (const pod of live) {
    const owner = pod.metadata.ownerReferences?.find((ref: Body) => ref.controller);
    if (!owner || (!replicaSetUids.has(owner.uid) && owner.uid !== statefulSetUid)) problems.push(`orphaned pod ${pod.metadata.name}`);
  }
  const dbPods = live.filter((pod: Body) => pod.metadata.labels?.app === 'db').map((pod: Body) => pod.metadata.name).sort();
  const ordinals = Array.from({ length: statefulSet.spec.replicas }, (_, i) => `db-${i}`);
  if (JSON.stringify(dbPods) !== JSON.stringify(ordinals)) problems.push(`statefulset db pods ${dbPods.join(',')}, want ${ordinals.join(',')}`);
  if ((statefulSet.status?.readyReplicas ?? 0) !== statefulSet.spec.replicas) problems.push(`statefulset db ready ${statefulSet.status?.readyReplicas ?? 0} of ${statefulSet.spec.replicas}`);
  return problems;
}
