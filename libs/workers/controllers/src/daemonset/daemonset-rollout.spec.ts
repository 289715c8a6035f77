import type { Pod } from '../util/workload.types';
import { excessDaemonPods, rollingUpdateWithoutSurge, rollingUpdateWithSurge } from './daemonset-rollout';

const pod = (name: string, hash: string, ready = true, created = '2026-01-01T00:00:00Z'): Pod => ({
  metadata: { name, labels: { 'controller-revision-hash': hash }, creationTimestamp: created },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const available = (p: Pod) => p.status?.conditions?.[0].status === 'True';

describe('DaemonSet rolling update decisions', () => {
  it('deletes at most maxUnavailable available old pods, and unavailable old pods at once', () => {
    const nodes = new Map([['n1', [pod('a', 'old')]], ['n2', [pod('b', 'old')]], ['n3', [pod('c', 'old', false)]]]);
    expect(rollingUpdateWithoutSurge(nodes, 'new', 1, available).oldPodsToDelete.map((p) => p.metadata.name)).toEqual(['c', 'a']);
    nodes.set('n1', [pod('a2', 'new', false)]);
    expect(rollingUpdateWithoutSurge(nodes, 'new', 1, available).oldPodsToDelete.map((p) => p.metadata.name)).toEqual(['c']);
  });

  it('surges a new pod beside an old one and deletes the old one once the new one is available', () => {
    const nodes = new Map([['n1', [pod('a', 'old')]], ['n2', [pod('b', 'old')]]]);
    expect(rollingUpdateWithSurge(nodes, 'new', 1, available)).toEqual({ oldPodsToDelete: [], nodesToSurge: ['n1'] });
    nodes.set('n1', [pod('a', 'old'), pod('a2', 'new')]);
    const step = rollingUpdateWithSurge(nodes, 'new', 1, available);
    expect(step.oldPodsToDelete.map((p) => p.metadata.name)).toEqual(['a']);
    expect(step.nodesToSurge).toEqual(['n2']);
  });

  it('keeps only the oldest daemon pod on a node (one per revision while surging)', () => {
    const pods = [pod('young', 'new', true, '2026-01-02T00:00:00Z'), pod('old', 'old', true, '2026-01-01T00:00:00Z'), pod('new2', 'new', true, '2026-01-03T00:00:00Z')];
    expect(excessDaemonPods(pods, 'new', false).map((p) => p.metadata.name)).toEqual(['young', 'new2']);
    expect(excessDaemonPods(pods, 'new', true).map((p) => p.metadata.name)).toEqual(['new2']);
  });
});
