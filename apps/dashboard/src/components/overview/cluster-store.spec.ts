import { describe, expect, it } from '@jest/globals';
import { podsFromColumns, type NodeSummary, type ObjectChange, type PodSummary } from './cluster-model';
import { ClusterStore, UNSCHEDULED } from './cluster-store';
import { mergeProblems, liveSummary } from './live-summary';
import { podMatcher, NO_FILTER } from './grid-filter-model';

const resources = (cpu: number, memory: number, pods = 0) => ({ cpu, memory, pods });
const node = (name: string, patch: Partial<NodeSummary> = {}): NodeSummary => ({ name, status: 'Ready', ready: 'True', unschedulable: false, poweredOff: false, roles: [], capacity: resources(4, 8e9, 110), allocatable: resources(4, 8e9, 110), internalIP: null, kubeletVersion: null, createdAt: null, ...patch });
const pod = (name: string, nodeName: string | null, patch: Partial<PodSummary> = {}): PodSummary => ({ namespace: 'default', name, phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, nodeName, labels: { app: 'web' }, createdAt: null, requests: resources(0.25, 1e8), ...patch });
const change = (type: string, object: PodSummary): ObjectChange => ({ type, kind: 'Pod', namespace: object.namespace, name: object.name, pod: type === 'DELETED' ? null : object, node: null });
const nodeChange = (type: string, object: NodeSummary): ObjectChange => ({ type, kind: 'Node', namespace: null, name: object.name, pod: null, node: object });

function loaded(): ClusterStore {
  const store = new ClusterStore();
  store.load([node('node-10'), node('node-2'), node('node-1')], [pod('a', 'node-1'), pod('b', 'node-1'), pod('c', 'node-2'), pod('p', null, { phase: 'Pending', status: 'Pending', ready: '0/1' })]);
  return store;
}

describe('the overview load', () => {
  it('turns PodColumns back into the PodSummary objects the store keeps, labels from their shared sets', () => {
    const pods = [pod('a', 'node-1'), pod('b', null, { phase: 'Pending', status: 'ContainerCreating', ready: '0/1', restarts: 3, labels: { app: 'db' }, createdAt: '2026-12-07T10:00:00Z' })];
    const columns = {
      count: 2,
      namespace: ['default', 'default'],
      name: ['a', 'b'],
      phase: ['Running', 'Pending'],
      status: ['Running', 'ContainerCreating'],
      ready: ['1/1', '0/1'],
      restarts: [0, 3],
      nodeName: ['node-1', null],
      labelSet: [0, 1],
      labelSets: [{ app: 'web' }, { app: 'db' }],
      createdAt: [null, '2026-12-07T10:00:00Z'],
      cpuRequests: [0.25, 0.25],
      memoryRequests: [1e8, 1e8],
    };
    expect(podsFromColumns(columns)).toEqual(pods.map(({ requests, ...rest }) => ({ ...rest, requests: { cpu: requests.cpu, memory: requests.memory } })));
  });
});

describe('ClusterStore', () => {
  it('orders nodes naturally and groups pods per node, unscheduled ones apart', () => {
    const store = loaded();
    expect(store.nodeNames()).toEqual(['node-1', 'node-2', 'node-10']);
    expect(store.view('node-1').pods.map((p) => p.name)).toEqual(['a', 'b']);
    expect(store.view('node-1').requested).toEqual({ cpu: 0.5, memory: 2e8 });
    expect(store.view(UNSCHEDULED).pods.map((p) => p.name)).toEqual(['p']);
  });

  it('replaces only the views of nodes a batch touched, so memoised cards of the others skip rendering', () => {
    const store = loaded();
    const before = store.nodeNames().map((name) => store.view(name));
    store.apply([change('MODIFIED', pod('c', 'node-2', { status: 'CrashLoopBackOff', ready: '0/1' }))]);
    const after = store.nodeNames().map((name) => store.view(name));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1].pods[0].status).toBe('CrashLoopBackOff');
    expect(after[2]).toBe(before[2]);
  });

  it('moves a pod that got a node (scheduled) and forgets a deleted one', () => {
    const store = loaded();
    store.apply([change('MODIFIED', pod('p', 'node-10', { phase: 'Pending', status: 'ContainerCreating', ready: '0/1' })), change('DELETED', pod('a', 'node-1'))]);
    expect(store.view(UNSCHEDULED).pods).toEqual([]);
    expect(store.view('node-10').pods.map((p) => p.name)).toEqual(['p']);
    expect(store.view('node-1').pods.map((p) => p.name)).toEqual(['b']);
    expect(store.podCount).toBe(3);
  });

  it('does not count terminal pods against the node', () => {
    const store = loaded();
    store.apply([change('MODIFIED', pod('b', 'node-1', { phase: 'Succeeded', status: 'Completed', ready: '0/1' }))]);
    expect(store.view('node-1').active).toBe(1);
    expect(store.view('node-1').requested.cpu).toBe(0.25);
  });

  it('shows a node that pods name before the node itself arrives, and takes node changes', () => {
    const store = loaded();
    store.apply([change('ADDED', pod('x', 'node-3'))]);
    expect(store.nodeNames()).toContain('node-3');
    expect(store.view('node-3').node).toBeUndefined();
    store.apply([nodeChange('ADDED', node('node-3', { poweredOff: true }))]);
    expect(store.view('node-3').node?.poweredOff).toBe(true);
  });
});

describe('liveSummary and mergeProblems', () => {
  it('counts from the store and lists failing and unscheduled pods and NotReady nodes', () => {
    const store = loaded();
    store.apply([change('MODIFIED', pod('c', 'node-2', { status: 'CrashLoopBackOff', ready: '0/1', restarts: 3 })), nodeChange('MODIFIED', node('node-10', { ready: 'Unknown', status: 'NotReady' }))]);
    const summary = liveSummary(store);
    expect(summary.nodes).toEqual({ total: 3, ready: 2, notReady: 1, unschedulable: 0 });
    expect(summary.pods).toMatchObject({ total: 4, running: 3, pending: 1, failing: 1 });
    expect(summary.problems.map((p) => `${p.severity} ${p.kind} ${p.name} ${p.reason}`)).toEqual(['critical Node node-10 NotReady', 'error Pod c CrashLoopBackOff', 'warning Pod p Pending']);
  });

  it("keeps the server's warning events, drops its stale state problems and marks deleted objects", () => {
    const store = loaded();
    const merged = mergeProblems(liveSummary(store).problems, [
      { severity: 'error', kind: 'Pod', namespace: 'default', name: 'a', reason: 'Error', message: 'stale', since: null },
      { severity: 'warning', kind: 'Pod', namespace: 'default', name: 'gone', reason: 'BackOff', message: 'old event', since: null },
      { severity: 'warning', kind: 'Deployment', namespace: 'default', name: 'web', reason: 'FailedCreate', message: 'quota', since: null },
    ], store);
    expect(merged.map((p) => `${p.name} ${p.reason}${p.gone ? ' gone' : ''}`)).toEqual(['p Pending', 'web FailedCreate', 'gone BackOff gone']);
  });
});

describe('podMatcher', () => {
  it('matches a label pair, a name substring, a namespace and problems only', () => {
    const crash = pod('api-1', 'node-1', { labels: { app: 'api' }, status: 'CrashLoopBackOff', ready: '0/1' });
    const web = pod('web-1', 'node-1');
    expect([crash, web].filter(podMatcher({ ...NO_FILTER, search: 'app=api' }))).toEqual([crash]);
    expect([crash, web].filter(podMatcher({ ...NO_FILTER, search: 'web' }))).toEqual([web]);
    expect([crash, web].filter(podMatcher({ ...NO_FILTER, problemsOnly: true }))).toEqual([crash]);
    expect([crash, web].filter(podMatcher({ ...NO_FILTER, namespace: 'shop' }))).toEqual([]);
  });
});
