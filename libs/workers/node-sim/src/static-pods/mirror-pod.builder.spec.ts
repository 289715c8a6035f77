import type { KubeObject } from '@drydock/util';
import { schedulerManifest } from '../control-plane/kubeadm-manifests';
import { buildMirrorPod, manifestProblem } from './mirror-pod.builder';

const node = { name: 'controlplane', uid: 'node-uid' };

describe('mirror pods of static pod manifests', () => {
  it('names the pod after the node, binds it, marks it as a mirror and makes the Node its controller', () => {
    const mirror = buildMirrorPod(schedulerManifest(), node, '2026-01-01T00:00:00Z');
    expect(mirror.metadata).toMatchObject({
      name: 'kube-scheduler-controlplane',
      namespace: 'kube-system',
      labels: { component: 'kube-scheduler', tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.seen': '2026-01-01T00:00:00Z' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid: 'node-uid', controller: true }],
    });
    const annotations = mirror.metadata.annotations!;
    expect(annotations['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(annotations['kubernetes.io/config.mirror']).toBe(annotations['kubernetes.io/config.hash']);
    expect(mirror.spec).toMatchObject({ nodeName: 'controlplane', priorityClassName: 'system-node-critical', hostNetwork: true, tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] });
  });

  it('puts a manifest without a namespace in default, and gives an edited manifest a new hash', () => {
    const manifest: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    const first = buildMirrorPod(manifest, { name: 'node-1', uid: 'u' }, 'now');
    expect(first.metadata).toMatchObject({ name: 'web-node-1', namespace: 'default' });
    const edited = buildMirrorPod({ ...manifest, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, { name: 'node-1', uid: 'u' }, 'now');
    expect(edited.metadata.annotations!['kubernetes.io/config.hash']).not.toBe(first.metadata.annotations!['kubernetes.io/config.hash']);
  });

  it('skips files that are not v1 Pods with a name and containers', () => {
    expect(manifestProblem({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } })).toBe('kind Deployment of apiVersion apps/v1 is not a v1 Pod');
    expect(manifestProblem({ apiVersion: 'v1', kind: 'Pod', metadata: {} })).toBe('metadata.name is required');
    expect(manifestProblem({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} })).toBe('spec.containers: Required value');
    expect(manifestProblem('text')).toBe('not an object');
  });
});
