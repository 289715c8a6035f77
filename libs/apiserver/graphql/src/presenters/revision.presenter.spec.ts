import type { KubeObject } from '@drydock/util';
import { rolloutHistory } from './revision.presenter';

const rs = (name: string, revision: string, image: string, owner = 'd-uid'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: owner, controller: true }] },
  spec: { template: { metadata: { labels: { app: 'd', 'pod-template-hash': name } }, spec: { containers: [{ name: 'web', image }] } } },
});

describe("a Deployment's rollout history", () => {
  const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', uid: 'd-uid', annotations: { 'deployment.kubernetes.io/revision': '10' } } };
  const history = rolloutHistory(deployment, [rs('d-c', '10', 'nginx:1.27'), rs('d-a', '2', 'nginx:1.25'), rs('d-b', '9', 'nginx:1.26'), rs('other', '1', 'x', 'other-uid')]);

  it('lists the revisions of its own ReplicaSets, oldest first, the current one marked', () => {
    expect(history.map((r) => [r.revision, r.replicaSet, r.current])).toEqual([[2, 'd-a', false], [9, 'd-b', false], [10, 'd-c', true]]);
  });

  it('shows templates without the pod-template-hash label', () => {
    expect(history[0].template).toEqual({ metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } });
    expect(history[0].templateYaml).not.toContain('pod-template-hash');
  });

  it('diffs each template against the previous revision as a unified diff, none for the first', () => {
    expect(history[0].diff).toBe('');
    expect(history[1].diff.startsWith('--- revision 2\n+++ revision 9\n@@ ')).toBe(true);
    expect(history[1].diff).toContain('\n-    - image: nginx:1.25\n+    - image: nginx:1.26\n');
  });
});
