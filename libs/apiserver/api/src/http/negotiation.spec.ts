import { negotiateFormat, wantsAggregatedDiscovery } from './negotiation';

describe('negotiateFormat', () => {
  it('picks a Table for kubectl get', () => {
    expect(negotiateFormat('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toEqual({ table: true, yaml: false });
  });

  it('falls through unknown `as` targets to JSON', () => {
    expect(negotiateFormat('application/json;as=Foo;g=x;v=v1, application/json')).toEqual({ table: false, yaml: false });
  });

  it('serves YAML when asked first', () => {
    expect(negotiateFormat('application/yaml')).toEqual({ table: false, yaml: true });
  });
});

describe('wantsAggregatedDiscovery', () => {
  it('recognises kubectl 1.35 discovery Accept headers', () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(wantsAggregatedDiscovery(accept)).toBe('v2');
  });

  it('serves legacy discovery to plain JSON clients', () => {
    expect(wantsAggregatedDiscovery('application/json, */*')).toBeUndefined();
  });
});
