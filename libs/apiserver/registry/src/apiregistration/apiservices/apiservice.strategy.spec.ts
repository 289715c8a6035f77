import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { apiServiceStrategy } from './apiservice.strategy';

function apiService(name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name, creationTimestamp: '2026-12-07T00:00:00Z' }, spec, ...(status ? { status } : {}) };
  apiServiceStrategy.defaults!(object);
  return object;
}
const now = { now: new Date('2026-12-07T00:00:05Z') };

describe('apiservice strategy', () => {
  it('accepts a Local APIService and one behind a Service, whose port defaults to 443', () => {
    expect(apiServiceStrategy.validate(apiService('v1.apps', { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 }))).toEqual([]);
    const remote = apiService('v1beta1.metrics.k8s.io', { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTLSVerify: true, service: { namespace: 'kube-system', name: 'metrics-server' } });
    expect(apiServiceStrategy.validate(remote)).toEqual([]);
    expect((remote.spec as { service: { port: number } }).service.port).toBe(443);
  });

  it('rejects what ValidateAPIService rejects, with its words', () => {
    const bad = apiService('v1.wrong', { group: '', version: 'v2', groupPriorityMinimum: 0, versionPriority: 1001, insecureSkipTLSVerify: true });
    expect(apiServiceStrategy.validate(bad).map(fieldErrorMessage)).toEqual([
      'metadata.name: Invalid value: "v1.wrong": must be `spec.version+"."+spec.group`: "v2."',
      'spec.group: Required value: only v1 may have an empty group and it better be legacy kube',
      'spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000',
      'spec.versionPriority: Invalid value: 1001: must be positive and less than 1000',
      'spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify',
    ]);
    const noService = apiService('v1.x.io', { group: 'x.io', version: 'v1', groupPriorityMinimum: 1, versionPriority: 1, service: { port: 0 } });
    expect(apiServiceStrategy.validate(noService).map(fieldErrorMessage)).toEqual([
      'spec.service.namespace: Required value',
      'spec.service.name: Required value',
      'spec.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive',
    ]);
  });

  it('never takes status from a create, and prints NAME SERVICE AVAILABLE AGE as the aggregator does', () => {
    const local = apiService('v1.apps', { group: 'apps', version: 'v1' }, { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] });
    apiServiceStrategy.prepareForCreate!(local, now);
    expect(local.status).toEqual({});
    expect(apiServiceStrategy.table!.row(local, now)).toEqual(['v1.apps', 'Local', 'Unknown', '5s']);
    const missing = apiService('v1beta1.metrics.k8s.io', { service: { namespace: 'kube-system', name: 'metrics-server' } }, { conditions: [{ type: 'Available', status: 'False', reason: 'ServiceNotFound' }] });
    expect(apiServiceStrategy.table!.row(missing, now)).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (ServiceNotFound)', '5s']);
    expect(apiServiceStrategy.table!.row(apiService('v1.apps', {}, { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] }), now)[2]).toBe('True');
  });
});
