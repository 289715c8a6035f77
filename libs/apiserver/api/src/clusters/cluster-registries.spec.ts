import type { ResourceDefinition } from '@drydock/registry';
import { builtinResources } from '../builtin-resources';
import { ClusterRegistries } from './cluster-registries';

const widgets: ResourceDefinition = { ...builtinResources().find((def) => def.resource === 'configmaps')!, group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget' };

describe('ClusterRegistries', () => {
  it('serves a CRD in the cluster that has it and in no other', () => {
    const registries = new ClusterRegistries(builtinResources());
    registries.replaceSource('lab', 'crd:widgets.example.com', [widgets]);
    expect(registries.registry('lab').lookup('example.com', 'v1', 'widgets')).toBe(widgets);
    expect(registries.registry('default').lookup('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(registries.registry('other').lookup('example.com', 'v1', 'widgets')).toBeUndefined();
    expect(registries.registry('other').lookup('', 'v1', 'pods')).toBeDefined();
  });

  it('lets clusters without CRDs share one registry and one OpenAPI service', () => {
    const registries = new ClusterRegistries(builtinResources());
    expect(registries.registry('a')).toBe(registries.registry('b'));
    expect(registries.openApi('a')).toBe(registries.openApi('b'));
    expect(registries.registry('a')).not.toBe(registries.defaultRegistry);
  });

  it('returns a cluster to the shared registry once its last CRD is gone', () => {
    const registries = new ClusterRegistries(builtinResources());
    registries.replaceSource('lab', 'crd:widgets.example.com', [widgets]);
    registries.replaceSource('lab', 'crd:widgets.example.com', []);
    expect(registries.registry('lab')).toBe(registries.registry('other'));
  });

  it("serves Drydock's own group (users, teams, clusters) in the default cluster only", () => {
    const registries = new ClusterRegistries(builtinResources());
    expect(registries.defaultRegistry.lookup('drydock.dev', 'v1', 'clusters')).toBeDefined();
    expect(registries.registry('lab').lookup('drydock.dev', 'v1', 'users')).toBeUndefined();
    registries.replaceSource('lab', 'crd:widgets.example.com', [widgets]);
    expect(registries.registry('lab').lookup('drydock.dev', 'v1', 'teams')).toBeUndefined();
  });
});
