import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { customResourceDefinitionStrategy } from './crd.strategy';
import { establishCrd } from './establish-crd';
import { valueAt } from '../../support/object-fields';

function crd(overrides: Record<string, unknown> = {}): KubeObject {
  const object: KubeObject = {
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
      ...overrides,
    },
  };
  customResourceDefinitionStrategy.defaults!(object);
  customResourceDefinitionStrategy.prepareForCreate!(object, { now: new Date() });
  return object;
}

describe('customresourcedefinition strategy', () => {
  it('defaults singular, listKind and conversion, and records the storage version', () => {
    const object = crd();
    expect(valueAt(object, 'spec.names')).toMatchObject({ singular: 'crontab', listKind: 'CronTabList' });
    expect(valueAt(object, 'spec.conversion')).toEqual({ strategy: 'None' });
    expect(object.status).toEqual({ acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
    expect(customResourceDefinitionStrategy.validate(object)).toEqual([]);
  });

  it('requires the name to be plural.group, exactly one storage version and a schema', () => {
    const object = crd({ versions: [{ name: 'v1', served: true, storage: false }] });
    object.metadata.name = 'crontab.stable.example.com';
    expect(customResourceDefinitionStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
      'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
      'spec.versions: Invalid value: [{"name":"v1","served":true,"storage":false}]: must have exactly one version marked as storage version',
      'status.storedVersions: Invalid value: []: must have at least one stored version',
    ]);
  });

  it('rejects a group without a dot and untyped schema fields', () => {
    const object = crd({ group: 'example', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } } }] });
    object.metadata.name = 'crontabs.example';
    expect(customResourceDefinitionStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ]);
  });

  it('keeps group and plural immutable', () => {
    const old = crd();
    const updated = crd({ names: { plural: 'tabs', kind: 'CronTab' } });
    expect(customResourceDefinitionStrategy.validateUpdate!(updated, old).map((e) => e.field)).toEqual(['spec.names.plural']);
  });

  it('establishes the CRD with accepted names and the two conditions', () => {
    const status = establishCrd(crd(), new Date('2026-11-22T01:02:03.456Z'));
    expect(status.acceptedNames).toEqual({ plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] });
    expect(status.conditions).toEqual([
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2026-11-22T01:02:03Z', reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: '2026-11-22T01:02:03Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ]);
  });
});

describe('customresourcedefinition policy rules', () => {
  it('requires API approval for k8s.io groups and forbids preserveUnknownFields', () => {
    const object = crd({ group: 'gateway.networking.k8s.io', names: { plural: 'crontabs', kind: 'CronTab' }, preserveUnknownFields: true });
    object.metadata.name = 'crontabs.gateway.networking.k8s.io';
    expect(customResourceDefinitionStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
      'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
    ]);
    object.metadata.annotations = { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/3328' };
    delete (object.spec as Record<string, unknown>).preserveUnknownFields;
    expect(customResourceDefinitionStrategy.validate(object)).toEqual([]);
  });

  it('reports untyped array items and extra metadata constraints with the structural messages', () => {
    const schema = { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } }, spec: { type: 'array', items: {} } } };
    const object = crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] });
    expect(customResourceDefinitionStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].items.type: Required value: must not be empty for specified array items',
    ]);
  });
});

describe('establishCrd', () => {
  it('keeps storedVersions and the transition time of conditions that were already true', () => {
    const object = crd();
    object.status = { storedVersions: ['v1'], conditions: [{ type: 'Established', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }] };
    const status = establishCrd(object, new Date('2026-11-22T00:00:00Z'));
    expect(status.storedVersions).toEqual(['v1']);
    expect(status.conditions.map((c) => [c.type, c.lastTransitionTime])).toEqual([['Established', '2026-01-01T00:00:00Z'], ['NamesAccepted', '2026-11-22T00:00:00Z']]);
  });
});
