import type { Informer } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { makePod } from '../framework/testing';
import { defaultSelector, DefaultSelectorSources } from './default-selector';

function informerOf(objects: KubeObject[]): Informer<KubeObject> {
  return {
    get: (namespace: string, name: string) => objects.find((o) => o.metadata.namespace === namespace && o.metadata.name === name),
    list: (namespace?: string) => objects.filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  } as unknown as Informer<KubeObject>;
}

describe('defaultSelector (upstream DefaultSelector)', () => {
  const rs: KubeObject = { metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } } } };
  const service: KubeObject = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } };
  const other: KubeObject = { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' } } };
  const sources: DefaultSelectorSources = { services: informerOf([service, other]), replicationControllers: informerOf([]), replicaSets: informerOf([rs]), statefulSets: informerOf([]) };

  it("merges the selecting Services' selectors with the controller's", () => {
    const pod = makePod('web-abc-1', {}, { app: 'web', 'pod-template-hash': 'abc' });
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }];
    expect(defaultSelector(pod, sources)).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': 'abc' } });
  });

  it('is null for a bare pod no Service selects', () => {
    expect(defaultSelector(makePod('lonely', {}, { app: 'lonely' }), sources)).toBeNull();
  });
});
