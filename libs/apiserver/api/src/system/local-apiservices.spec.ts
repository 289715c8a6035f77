import { builtinResources } from '@drydock/registry';
import { availableCondition, crdApiServices, localApiServices } from './local-apiservices';

describe('the Local APIServices of the served group/versions', () => {
  it('registers each served built-in group/version with kube-apiserver\'s priorities, and metrics.k8s.io', () => {
    const apiServices = localApiServices(builtinResources());
    const names = apiServices.map((apiService) => apiService.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['v1.', 'v1.apiregistration.k8s.io', 'v1.apps', 'v2.autoscaling', 'v1.autoscaling', 'v1.batch', 'v1.rbac.authorization.k8s.io', 'v1beta1.metrics.k8s.io']));
    // A group Drydock does not serve, and its own drydock.dev group, get none (upstream registers only what it knows).
    expect(names).not.toContain('v1.certificates.k8s.io');
    expect(names.some((name) => name?.endsWith('drydock.dev'))).toBe(false);
    expect(apiServices.find((apiService) => apiService.metadata.name === 'v1.apps')).toMatchObject({ spec: { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 } });
    expect(apiServices.find((apiService) => apiService.metadata.name === 'v1.')).toMatchObject({ spec: { group: '', version: 'v1', groupPriorityMinimum: 18000, versionPriority: 1 } });
  });

  it('registers each served version of a CRD with the crdRegistrationController\'s low priorities', () => {
    const crd = { metadata: { name: 'gadgets.toys.example.com' }, spec: { group: 'toys.example.com', versions: [{ name: 'v1', served: true }, { name: 'v1beta1', served: false }, { name: 'v2', served: true }] } };
    expect(crdApiServices(crd).map((apiService) => [apiService.metadata.name, apiService.spec, apiService.metadata.labels])).toEqual([
      ['v1.toys.example.com', { group: 'toys.example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 100 }, { 'kube-aggregator.kubernetes.io/automanaged': 'true' }],
      ['v2.toys.example.com', { group: 'toys.example.com', version: 'v2', groupPriorityMinimum: 1000, versionPriority: 100 }, { 'kube-aggregator.kubernetes.io/automanaged': 'true' }],
    ]);
  });

  it('says a Local APIService is available, and one behind a missing Service is not', () => {
    expect(availableCondition({ metadata: { name: 'v1.apps' }, spec: {} }, false)).toEqual({ type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' });
    const remote = { metadata: { name: 'v1.x.io' }, spec: { service: { namespace: 'ns', name: 'api' } } };
    expect(availableCondition(remote, false)).toEqual({ type: 'Available', status: 'False', reason: 'ServiceNotFound', message: 'service/api in "ns" is not present' });
  });
});
