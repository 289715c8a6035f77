import { coreResources, supportedFieldLabels } from './core-resources';

const byResource = Object.fromEntries(coreResources.map((r) => [r.resource, r]));

describe('coreResources', () => {
  it('registers the fifteen core kinds with their OpenAPI models', () => {
    expect(coreResources).toHaveLength(15);
    for (const definition of coreResources) expect(definition.model).toBe(`io.k8s.api.core.v1.${definition.kind}`);
  });

  it.each([
    ['pods', ['po'], ['all']],
    ['services', ['svc'], ['all']],
    ['replicationcontrollers', ['rc'], ['all']],
    ['namespaces', ['ns'], undefined],
    ['nodes', ['no'], undefined],
    ['configmaps', ['cm'], undefined],
    ['endpoints', ['ep'], undefined],
    ['events', ['ev'], undefined],
    ['persistentvolumes', ['pv'], undefined],
    ['persistentvolumeclaims', ['pvc'], undefined],
    ['serviceaccounts', ['sa'], undefined],
    ['resourcequotas', ['quota'], undefined],
    ['limitranges', ['limits'], undefined],
  ])('gives %s the upstream short names and categories', (resource, shortNames, categories) => {
    expect(byResource[resource].shortNames).toEqual(shortNames);
    expect(byResource[resource].categories).toEqual(categories);
  });

  it('lists eviction as a policy/v1 subresource of pods', () => {
    expect(byResource.pods.subresources?.extra).toContainEqual({ name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  });

  it('reports the field labels kinds accept', () => {
    expect(supportedFieldLabels(byResource.secrets)).toEqual(['metadata.name', 'metadata.namespace', 'type']);
    expect(supportedFieldLabels(byResource.configmaps)).toBeUndefined();
    expect(supportedFieldLabels(byResource.pods)).toContain('spec.nodeName');
  });
});
