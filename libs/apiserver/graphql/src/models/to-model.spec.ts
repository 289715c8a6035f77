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

  it('is empty columns for no pods', () => {
    expect(toPodColumns([])).toMatchObject({ count: 0, name: [], labelSets: [] });
  });
});
