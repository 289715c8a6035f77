import type { KubeObject } from '@drydock/util';
import { quotaEvaluatorFor, QuotaObject } from '@drydock/kube';
import { checkQuotaRequest, QuotaRefusal } from './resource-quota-check';

const pod = (name: string, resources?: object): KubeObject => ({ metadata: { name, namespace: 'team' }, spec: { containers: [{ name: 'c', resources }] } });
const quota = (hard: Record<string, string>, used: Record<string, string>, spec: Partial<QuotaObject['spec']> = {}): QuotaObject => ({
  metadata: { name: 'q', namespace: 'team' },
  spec: { hard, ...spec },
  status: { hard, used },
});
const check = (object: KubeObject, quotas: QuotaObject[], operation: 'CREATE' | 'UPDATE' = 'CREATE', old: KubeObject | null = null) =>
  checkQuotaRequest({ evaluator: quotaEvaluatorFor(object.spec && 'containers' in (object.spec as object) ? 'pods' : 'services'), operation, object, old, quotas, now: Date.now() });

describe('checkQuotaRequest', () => {
  it('charges the new usage to a covering quota', () => {
    expect(check(pod('a'), [quota({ pods: '2' }, { pods: '1' })]).map((c) => c.used)).toEqual([{ pods: '2' }]);
  });

  it('refuses with upstream message when hard would be exceeded', () => {
    expect(() => check(pod('a'), [quota({ pods: '2' }, { pods: '2' })])).toThrow(new QuotaRefusal('exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2'));
  });

  it('lists only the exceeded resources, sorted', () => {
    const q = quota({ pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi' }, { pods: '1', 'requests.cpu': '800m', 'requests.memory': '1Gi' });
    expect(() => check(pod('a', { requests: { cpu: '500m', memory: '1Mi' } }), [q])).toThrow(
      'exceeded quota: q, requested: requests.cpu=500m,requests.memory=1Mi, used: requests.cpu=800m,requests.memory=1Gi, limited: requests.cpu=1,requests.memory=1Gi',
    );
  });

  it('refuses a pod that does not set a resource the quota covers', () => {
    expect(() => check(pod('a'), [quota({ 'limits.cpu': '2' }, { 'limits.cpu': '0' })])).toThrow('failed quota: q: must specify limits.cpu for: c');
  });

  it('refuses while the quota controller has not counted usage yet', () => {
    expect(() => check(pod('a'), [quota({ pods: '2' }, {})])).toThrow('status unknown for quota: q, resources: pods');
  });

  it('ignores quotas whose scopes the pod does not match', () => {
    expect(check(pod('a'), [quota({ pods: '2' }, { pods: '1' }, { scopes: ['BestEffort'] })])).toHaveLength(1);
    expect(() => check(pod('a'), [quota({ pods: '1' }, { pods: '1' }, { scopes: ['BestEffort'] })])).toThrow('exceeded quota');
    expect(check(pod('a'), [quota({ pods: '1' }, { pods: '1' }, { scopes: ['NotBestEffort'] })])).toEqual([]);
    expect(check(pod('a'), [quota({ pods: '1' }, { pods: '1' }, { scopes: ['Terminating'] })])).toEqual([]);
  });

  it('charges an update only what it adds (a Service turning NodePort)', () => {
    const service = (type: string): KubeObject => ({ metadata: { name: 's', namespace: 'team' }, spec: { type, ports: [{ port: 80 }, { port: 443 }] } });
    const q = quota({ services: '5', 'services.nodeports': '1' }, { services: '1', 'services.nodeports': '0' });
    expect(check(service('ClusterIP'), [q], 'UPDATE', service('ClusterIP'))).toEqual([]);
    expect(() => check(service('NodePort'), [q], 'UPDATE', service('ClusterIP'))).toThrow(
      'exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
  });
});
