import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { customResourceDefinitionResources } from './custom-resource.definitions';
import { describeStrategy, StrategyExample } from '../../testing/strategy-test-kit';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['image'],
      properties: {
        image: { type: 'string', minLength: 1 },
        replicas: { type: 'integer', minimum: 0, maximum: 10, default: 1 },
        mode: { type: 'string', enum: ['fast', 'safe'] },
        selector: { type: 'string' },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        port: { 'x-kubernetes-int-or-string': true },
      },
    },
    status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
  },
};

function crd(): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'], categories: ['all'] },
      versions: [
        { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: schema } },
        { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: schema } },
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema },
          subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
          additionalPrinterColumns: [
            { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
            { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          selectableFields: [{ jsonPath: '.spec.mode' }],
        },
      ],
    },
  };
}

function widget(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, spec };
}

describe('customResourceDefinitionResources', () => {
  const [v1, v1beta1, ...rest] = customResourceDefinitionResources(crd());

  it('defines one resource per served version, preferred version first', () => {
    expect(rest).toEqual([]);
    expect([v1.version, v1beta1.version]).toEqual(['v1', 'v1beta1']);
    expect(v1).toMatchObject({ group: 'example.com', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true, shortNames: ['wd'], categories: ['all'], model: 'com.example.v1.Widget' });
    expect(v1.subresources).toEqual({ status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'status.selector' } });
    expect(v1beta1.subresources).toBeUndefined();
    expect((v1 as { schema?: unknown }).schema).toEqual(schema);
  });

  it('prunes unknown fields, keeps preserved ones and applies defaults', () => {
    const object = widget({ image: 'nginx', unknown: true, extra: { anything: { goes: 1 } } });
    object.status = { replicas: 1, bogus: 'x' };
    v1.strategy.defaults!(object);
    expect(object.spec).toEqual({ image: 'nginx', replicas: 1, extra: { anything: { goes: 1 } } });
    expect(object.status).toEqual({ replicas: 1 });
    expect(object.metadata.name).toBe('w1');
  });

  it('validates types, required fields, enums and bounds with upstream messages', () => {
    const object = widget({ replicas: 'three', mode: 'slow', port: 1.5 });
    expect(v1.strategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.image: Required value',
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.mode: Unsupported value: "slow": supported values: "fast", "safe"',
      'spec.port: Invalid value: "number": spec.port in body must be of type integer,string: "number"',
    ]);
    expect(v1.strategy.validate(widget({ image: 'nginx', replicas: 11 })).map(fieldErrorMessage)).toEqual([
      'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
    ]);
    expect(v1.strategy.validate(widget({ image: 'nginx', port: 'http' }))).toEqual([]);
  });

  it('drops status on create with a status subresource and bumps generation on content changes', () => {
    const object = widget({ image: 'nginx' });
    object.status = { replicas: 3 };
    v1.strategy.prepareForCreate!(object, { now: new Date() });
    expect(object.status).toBeUndefined();
    expect(object.metadata.generation).toBe(1);
    const updated = widget({ image: 'nginx:2' });
    updated.status = { replicas: 9 };
    v1.strategy.prepareForUpdate!(updated, { ...object, status: { replicas: 2 } }, { now: new Date() });
    expect(updated.status).toEqual({ replicas: 2 });
    expect(updated.metadata.generation).toBe(2);
  });

  it('prints the printer columns, and only Age when a version declares none', () => {
    const now = new Date('2026-11-22T00:10:00Z');
    expect(v1.strategy.table!.columns.map((c) => [c.name, c.type, c.priority])).toEqual([['Name', 'string', 0], ['Replicas', 'integer', 0], ['Image', 'string', 1], ['Age', 'date', 0]]);
    expect(v1.strategy.table!.row(widget({ image: 'nginx', replicas: 2 }), { now })).toEqual(['w1', 2, 'nginx', '10m']);
    expect(v1.strategy.table!.row(widget({}), { now })).toEqual(['w1', null, null, '10m']);
    expect(v1beta1.strategy.table!.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
  });

  it('exposes declared selectable fields', () => {
    expect(v1.strategy.selectableFields!(widget({ image: 'nginx', mode: 'fast' }))).toEqual({ 'spec.mode': 'fast' });
  });
});

describe('custom resource strategies, through the strategy test kit', () => {
  const [v1, v1beta1] = customResourceDefinitionResources(crd());
  const example: StrategyExample = {
    valid: widget({ image: 'nginx', mode: 'fast' }),
    broken: (object) => {
      (object.spec as Record<string, unknown>).replicas = 11;
    },
    generation: 'spec',
    // The structural schema prunes unknown fields: the change must be one it keeps.
    change: (object) => {
      (object.spec as Record<string, unknown>).replicas = 3;
    },
  };
  describeStrategy(v1, example);
  describeStrategy(v1beta1, example);
});
