import type { KubeObject } from '@drydock/util';
import { toPod, toPodColumns } from './to-model';

const pod = (name: string, labels: Record<string, string> | undefined, extra: { nodeName?: string; phase?: string; cpu?: string } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels, creationTimestamp: '2026-12-07T10:00:00Z' },
  spec: { nodeName: extra.nodeName, containers: [{ name: 'web', resources: { requests: { cpu: extra.cpu ?? '100m', memory: '64Mi' } } }] },
  status: { phase: extra.phase ?? 'Running', containerStatuses: [{ name: 'web', ready: extra.phase !== 'Pending', restartCount: 2, state: extra.phase === 'Pending' ? { waiting: { reason: 'ContainerCreating' } } : { running: {} } }] },
});

describe('pods as columns (the overview)', () => {
  const pods = [pod('web-1', { app: 'web' }, { nodeName: 'node-1' }), pod('web-2', { app: 'web' }, { nodeName: 'node-2', cpu: '250m' }), pod('db-0', { app: 'db' }, { phase: 'Pending' }), pod('bare', undefined, { phase: 'Pending' })];
  const columns = toPodColumns(pods);

  it("gives entry i of every column the value of pod i's field of the same name", () => {
    expect(columns.count).toBe(4);
    pods.forEach((raw, i) => {
      const one = toPod(raw);
      expect([columns.namespace[i], columns.name[i], columns.phase[i], columns.status[i], columns.ready[i], columns.restarts[i], columns.nodeName[i], columns.createdAt[i]]).toEqual([one.namespace, one.name, one.phase, one.status, one.ready, one.restarts, one.nodeName ?? null, one.createdAt ?? null]);
      expect([columns.cpuRequests[i], columns.memoryRequests[i]]).toEqual([one.requests.cpu, one.requests.memory]);
      expect(columns.labelSets[columns.labelSet[i]]).toEqual(one.labels ?? {});
    });
    expect(columns.status).toEqual(['Running', 'Running', 'ContainerCreating', 'ContainerCreating']);
    expect(columns.cpuRequests).toEqual([0.1, 0.25, 0.1, 0.1]);
  });

  it('sends each distinct set of labels once', () => {
    expect(columns.labelSets).toEqual([{ app: 'web' }, { app: 'db' }, {}]);
    expect(columns.labelSet).toEqual([0, 0, 1, 2]);
  });

  it("computes a pod's values once per version of the pod: a list's copies share them, a new status is read again", () => {
    const raw = pod('counted', { app: 'web' }, { nodeName: 'node-1' });
    let reads = 0;
    const first: KubeObject = { ...raw, status: { ...(raw.status as object) } };
    Object.defineProperty(first.status, 'phase', { get: () => (reads++, 'Running'), enumerable: true });
    expect(toPodColumns([first]).phase).toEqual(['Running']);
    const afterFirst = reads;
    // A list hands over a copy of the object sharing its metadata, spec and status: nothing is read again.
    expect(toPodColumns([{ ...first }, { ...first }]).status).toEqual(['Running', 'Running']);
    expect(reads).toBe(afterFirst);
    // The next version of the pod (a new status object) is read again.
    const next: KubeObject = { ...first, status: { phase: 'Failed', containerStatuses: [] } };
    expect(toPodColumns([next]).phase).toEqual(['Failed']);
    expect(toPodColumns([first]).phase).toEqual(['Running']);
  });

  it('is empty columns for no pods', () => {
    expect(toPodColumns([])).toMatchObject({ count: 0, name: [], labelSets: [] });
  });
});
