/* eslint-disable @typescript-eslint/no-explicit-any -- tests read deep into JSON objects */
import { applyServerSide } from '../managed/server-side-apply';
import { crdSchemaNavigator, StructuralSchema } from './crd-schema.navigator';
import { openApiNavigator } from './openapi-navigator.adapter';

const schema: StructuralSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        routes: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name', 'port'],
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer', default: 80 }, weight: { type: 'integer' } } },
        },
        hosts: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        args: { type: 'array', items: { type: 'string' } },
        selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
      },
    },
  },
};

const { navigator, modelName } = crdSchemaNavigator(schema, { base: openApiNavigator });
const cr = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Route', metadata: { name: 'r', finalizers: ['x'] }, spec });
const apply = (live: any, spec: Record<string, unknown>, manager: string) =>
  applyServerSide({ live, applied: cr(spec), manager, force: false, modelName, navigator, now: new Date('2026-11-22T02:00:00Z'), apiVersion: 'example.com/v1' });

describe('crdSchemaNavigator', () => {
  it('merges custom resource lists by x-kubernetes-list-map-keys and key defaults, and owns sets by value', () => {
    const first = apply(null, { routes: [{ name: 'a', weight: 1 }], hosts: ['h1'], selector: { app: 'x' } }, 'helm');
    const fields = first.managedFields[0].fieldsV1 as any;
    expect(fields['f:spec']['f:routes']).toEqual({ 'k:{"name":"a","port":80}': { '.': {}, 'f:name': {}, 'f:weight': {} } });
    expect(fields['f:spec']['f:hosts']).toEqual({ 'v:"h1"': {} });
    expect(fields['f:spec']['f:selector']).toEqual({});
    expect(fields['f:metadata']).toEqual({ 'f:finalizers': { 'v:"x"': {} } });
    const second = apply(first.object, { routes: [{ name: 'b', weight: 2 }], hosts: ['h2'] }, 'operator');
    expect((second.object as any).spec.routes).toEqual([{ name: 'a', weight: 1 }, { name: 'b', weight: 2 }]);
    expect((second.object as any).spec.hosts).toEqual(['h1', 'h2']);
  });

  it('treats lists without a list type as atomic, so a second manager’s value conflicts', () => {
    const first = apply(null, { args: ['--a'] }, 'helm');
    expect(() => apply(first.object, { args: ['--b'] }, 'operator')).toThrow('Apply failed with 1 conflict: conflict with "helm": .spec.args');
  });
});
