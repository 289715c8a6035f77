import { isTerminalPod, podTone } from './cluster-model';
import type { ClusterStore } from './cluster-store';
import type { ClusterSummary, Problem } from './cluster-summary';

const SEVERITY_ORDER: Record<string, number> = { critical: 0, error: 1, warning: 2 };

/**
 * Counts, allocation and node/pod problems computed from the live store after every batch, so the
 * Overview is current (and shows at once) even while `clusterSummary` (which also reads every event)
 * is slow on a large cluster. Warning events only come from the server's summary.
 */
export function liveSummary(store: ClusterStore): Omit<ClusterSummary, 'namespaces' | 'warningEvents' | 'forbidden'> {
  const problems: Problem[] = [];
  const nodes = { total: 0, ready: 0, notReady: 0, unschedulable: 0 };
  const cpu = { requested: 0, limits: 0, allocatable: 0, capacity: 0 };
  const memory = { requested: 0, limits: 0, allocatable: 0, capacity: 0 };
  for (const name of store.nodeNames()) {
    const node = store.node(name);
    if (!node) continue;
    nodes.total++;
    if (node.ready === 'True') nodes.ready++;
    else {
      nodes.notReady++;
      problems.push({ severity: 'critical', kind: 'Node', namespace: null, name, reason: node.status.split(',')[0], message: node.poweredOff ? 'the node is powered off: its kubelet does not report' : 'the node has not reported Ready', since: null });
    }
    if (node.unschedulable) nodes.unschedulable++;
    cpu.allocatable += node.allocatable.cpu;
    cpu.capacity += node.capacity.cpu;
    memory.allocatable += node.allocatable.memory;
    memory.capacity += node.capacity.memory;
    if (node.poweredOff && node.ready === 'True') problems.push({ severity: 'warning', kind: 'Node', namespace: null, name, reason: 'PoweredOff', message: 'powered off: it turns NotReady after the node-monitor grace period', since: null });
  }
  const pods = { total: 0, pending: 0, running: 0, succeeded: 0, failed: 0, unknown: 0, failing: 0 };
  for (const pod of store.allPods()) {
    pods.total++;
    if (pod.phase === 'Pending') pods.pending++;
    else if (pod.phase === 'Running') pods.running++;
    else if (pod.phase === 'Succeeded') pods.succeeded++;
    else if (pod.phase === 'Failed') pods.failed++;
    else pods.unknown++;
    const tone = podTone(pod);
    if (tone === 'failing') {
      pods.failing++;
      problems.push({ severity: 'error', kind: 'Pod', namespace: pod.namespace, name: pod.name, reason: pod.status, message: `the pod is ${pod.status}${pod.restarts ? ` (${pod.restarts} restarts)` : ''}`, since: pod.createdAt });
    } else if (pod.phase === 'Pending' && !pod.nodeName) {
      problems.push({ severity: 'warning', kind: 'Pod', namespace: pod.namespace, name: pod.name, reason: 'Pending', message: 'waiting to be scheduled', since: pod.createdAt });
    }
    if (pod.nodeName && !isTerminalPod(pod)) {
      cpu.requested += pod.requests.cpu;
      memory.requested += pod.requests.memory;
    }
  }
  return { problems: sortProblems(problems), nodes, pods, cpu, memory };
}

/**
 * The live problems plus the server's (which add warning events), one entry per object and reason;
 * a node or pod the store no longer calls a problem keeps only its event-based entries.
 */
export function mergeProblems(live: Problem[], server: Problem[] | undefined, store: ClusterStore): Problem[] {
  if (!server) return live;
  const seen = new Set(live.map((p) => `${p.kind}/${p.namespace ?? ''}/${p.name}`));
  const fromServer = server.filter((p) => {
    const key = `${p.kind}/${p.namespace ?? ''}/${p.name}`;
    // The server's node and pod state problems are older than the store's: keep only what the store cannot know (events).
    return !((p.kind === 'Node' || p.kind === 'Pod') && p.severity !== 'warning') && !(seen.has(key) && p.reason === 'Pending');
  });
  const bySameReason = new Map<string, Problem>();
  for (const p of [...live, ...fromServer]) {
    const key = `${p.kind}/${p.namespace ?? ''}/${p.name}/${p.reason}`;
    if (!bySameReason.has(key)) bySameReason.set(key, p);
  }
  const merged = [...bySameReason.values()].map((p) => (isGone(store, p) ? { ...p, gone: true } : p));
  return sortProblems(merged);
}

function isGone(store: ClusterStore, problem: Problem): boolean {
  if (problem.kind === 'Node') return !store.node(problem.name);
  if (problem.kind === 'Pod') return !store.hasPod(problem.namespace ?? '', problem.name);
  return false;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => Number(a.gone ?? false) - Number(b.gone ?? false) || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || (b.since ?? '').localeCompare(a.since ?? ''));
}

