import type { KubeObject } from '@drydock/util';
import { calculateUsage, quotaStatusUpdate } from './quota-usage';
import { serializeResourceList } from '@drydock/kube';

const pod = (name: string, phase = 'Running', cpu?: string): KubeObject => ({
  metadata: { name, namespace: 'team' },
  spec: { containers: [{ name: 'c', resources: cpu ? { requests: { cpu }, limits: { cpu } } : {} }] },
  status: { phase },
});
const objects: Record<string, KubeObject[]> = {
  pods: [pod('a', 'Running', '500m'), pod('b', 'Pending'), pod('done', 'Succeeded', '1')],
  configmaps: [{ metadata: { name: 'c', namespace: 'team' } }],
};
const objectsOf = (groupResource: string) => objects[groupResource] ?? [];
const now = Date.now();

describe('calculateUsage', () => {
  it('counts the non-terminal pods and their requests, configmaps, and zero for what nothing uses', () => {
    const quota = { metadata: { name: 'q' }, spec: { hard: { pods: '2', 'requests.cpu': '2', 'count/pods': '10', configmaps: '5', secrets: '3', 'count/deployments.apps': '1' } } };
    expect(serializeResourceList(calculateUsage(quota, objectsOf, now))).toEqual({
      pods: '2', 'requests.cpu': '500m', 'count/pods': '3', configmaps: '1', secrets: '0', 'count/deployments.apps': '0',
    });
  });

  it('counts only the pods the scopes match', () => {
    const quota = { metadata: { name: 'q' }, spec: { hard: { pods: '5' }, scopes: ['BestEffort'] } };
    expect(serializeResourceList(calculateUsage(quota, objectsOf, now))).toEqual({ pods: '1' });
  });
});

describe('quotaStatusUpdate', () => {
  it('writes hard from spec and used from the objects, and nothing when the status already says so', () => {
    const quota = { metadata: { name: 'q' }, spec: { hard: { pods: '2' } }, status: {} };
    const status = quotaStatusUpdate(quota, objectsOf, now);
    expect(status).toEqual({ hard: { pods: '2' }, used: { pods: '2' } });
    expect(quotaStatusUpdate({ ...quota, status: status! }, objectsOf, now)).toBeUndefined();
  });
});
