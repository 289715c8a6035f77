import { applyDefaults, prune } from './schema-pruning';
import { evaluateSimpleJsonPath, parseSimpleJsonPath } from './simple-json-path';

describe('structural pruning and defaulting', () => {
  const schema = {
    type: 'object',
    properties: {
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'integer', default: 1 } } } },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          mode: { type: 'string', default: 'fast' },
        },
      },
    },
  };

  it('never prunes metadata at the root, even when the schema mentions it', () => {
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, spec: {} };
    prune(object, schema, true);
    expect(object.metadata).toEqual({ name: 'w', labels: { a: 'b' } });
  });

  it('prunes inside array items, keeps map values and embedded resources, and defaults items', () => {
    const object = { spec: { items: [{ name: 'a', bogus: 1 }], labels: { x: 'y' }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { any: true } }, mode: null } };
    prune(object, schema, true);
    applyDefaults(object, schema);
    expect(object.spec).toEqual({ items: [{ name: 'a', weight: 1 }], labels: { x: 'y' }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { any: true } }, mode: 'fast' });
  });
});

describe('simple JSONPath', () => {
  const object = { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True' }] } };

  it('reads escaped dots, filters and wildcards', () => {
    expect(evaluateSimpleJsonPath(parseSimpleJsonPath('.metadata.labels.app\\.kubernetes\\.io/name'), object)).toEqual(['web']);
    expect(evaluateSimpleJsonPath(parseSimpleJsonPath(".status.conditions[?(@.type=='Ready')].status"), object)).toEqual(['True']);
    expect(evaluateSimpleJsonPath(parseSimpleJsonPath('{.status.conditions[*].type}'), object)).toEqual(['Synced', 'Ready']);
  });
});
