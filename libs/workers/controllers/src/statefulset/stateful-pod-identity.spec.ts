import type { Pod } from '../util/workload.types';
import { claimsForOrdinal, newStatefulPod, podOrdinal, revisionForOrdinal, splitByOrdinal } from './stateful-pod-identity';
import type { StatefulSet } from './statefulset.types';

const set = (spec: Partial<StatefulSet['spec']> = {}): StatefulSet => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'u1' },
  spec: { replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } }, ...spec },
});
const pod = (name: string): Pod => ({ metadata: { name } });
const ref = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true };

describe('StatefulSet pod identity and ordering', () => {
  it('reads ordinals only from <set>-<n> names', () => {
    expect(podOrdinal(set(), pod('web-12'))).toBe(12);
    expect(podOrdinal(set(), pod('webby-1'))).toBe(-1);
    expect(podOrdinal(set(), pod('web-x'))).toBe(-1);
  });

  it('keeps ordinals below replicas and condemns the rest, highest first', () => {
    const { replicas, condemned } = splitByOrdinal(set({ replicas: 2 }), [pod('web-3'), pod('web-0'), pod('web-4'), pod('web-2')]);
    expect(replicas.map((p) => p?.metadata.name)).toEqual(['web-0', undefined]);
    expect(condemned.map((p) => p.metadata.name)).toEqual(['web-4', 'web-3', 'web-2']);
  });

  it('names, labels and addresses a pod, with a volume per claim template', () => {
    const withClaims = set({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'] } }] });
    const created = newStatefulPod(withClaims, withClaims.spec.template!, 1, 'web-abc', ref);
    expect(created.metadata.name).toBe('web-1');
    expect(created.metadata.generateName).toBeUndefined();
    expect(created.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': 'web-abc' });
    expect(created.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }] });
    expect(claimsForOrdinal(withClaims, 1)).toEqual([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www-web-1', namespace: 'ns', labels: { app: 'web' } }, spec: { accessModes: ['ReadWriteOnce'] } }]);
  });

  it('creates ordinals below the partition at the current revision', () => {
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect([0, 1, 2].map((ordinal) => revisionForOrdinal(partitioned, ordinal))).toEqual(['current', 'current', 'update']);
    expect(revisionForOrdinal(set({ updateStrategy: { type: 'OnDelete' } }), 0)).toBe('update');
  });
});
