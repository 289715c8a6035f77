import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { buildGraph, mapQuery, podsOf, podUsesQuery, type MapObject } from './resource-graph';

const pod = (name: string, labels: Record<string, string>): MapObject => ({ kind: 'Pod', metadata: { name, namespace: 'default', labels }, status: { phase: 'Running' } });
const uses = (name: string): MapObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  node: { kind: 'Node', metadata: { name: 'node-1' } },
  serviceAccount: { kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } },
  configMaps: [{ kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' } }],
  secrets: [null],
});

describe('the resource map of an object', () => {
  it('follows a Deployment to its ReplicaSet, pods, node, ServiceAccount, ConfigMap and the Service that selects the pods', () => {
    const deployment: MapObject = {
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      owners: [],
      owned: [{ kind: 'ReplicaSet', metadata: { name: 'web-1' }, owned: [pod('web-1-a', { app: 'web' }), pod('web-1-b', { app: 'web' })] }],
    };
    expect(podsOf(deployment)).toEqual([{ name: 'web-1-a', namespace: 'default' }, { name: 'web-1-b', namespace: 'default' }]);
    const { nodes, edges } = buildGraph(
      deployment,
      [
        { metadata: { name: 'web' }, spec: { selector: { app: 'web' } } },
        { metadata: { name: 'other' }, spec: { selector: { app: 'other' } } },
        { metadata: { name: 'headless' }, spec: { selector: null } },
      ],
      [uses('web-1-a'), uses('web-1-b')],
    );
    expect(nodes.map((node) => node.id).sort()).toEqual(['ConfigMap/settings', 'Deployment/web', 'Node/node-1', 'Pod/web-1-a', 'Pod/web-1-b', 'ReplicaSet/web-1', 'Service/web', 'ServiceAccount/default']);
    expect(nodes.find((node) => node.root)?.id).toBe('Deployment/web');
    expect(edges.map((edge) => edge.id)).toEqual(
      expect.arrayContaining(['Deployment/web->ReplicaSet/web-1:owns', 'ReplicaSet/web-1->Pod/web-1-a:owns', 'Pod/web-1-a->Node/node-1:runs on', 'Pod/web-1-b->ConfigMap/settings:uses', 'Service/web->Pod/web-1-b:selects', 'Pod/web-1-a->ServiceAccount/default:runs as']),
    );
    expect(edges).toHaveLength(2 * 5 + 1);
  });

  it('asks for what each kind can have: a pod its uses, a Service its selected pods, a cluster-scoped kind no namespace', () => {
    // Checked against the generated schema of the built-in kinds (the dashboard's typed documents are checked against the other one).
    const kindsSchema = buildSchema(readFileSync(join(__dirname, '../../../../../libs/apiserver/graphql/kinds-schema.graphql'), 'utf8'));
    for (const [field, namespaced] of [['appsV1Deployment', true], ['coreV1Pod', true], ['coreV1Service', true], ['batchV1CronJob', true], ['coreV1Node', false]] as const) {
      expect(validate(kindsSchema, parse(mapQuery(field, namespaced))).map((error) => error.message)).toEqual([]);
    }
    expect(validate(kindsSchema, parse(podUsesQuery([{ name: 'a', namespace: 'default' }, { name: 'b', namespace: 'blue' }]).query)).map((error) => error.message)).toEqual([]);
    expect(podUsesQuery([{ name: 'a', namespace: 'default' }]).variables).toEqual({ namespace0: 'default', name0: 'a' });
    expect(mapQuery('coreV1Service', true)).toContain('selectedPods {');
    expect(mapQuery('coreV1Node', false)).not.toContain('$namespace');
  });
});
