import { describe, expect, it } from '@jest/globals';
import { containersOf, withImage, type Manifest } from './set-image-manifest';

function deployment(): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'u-1',
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2026-11-22T04:00:00Z',
      managedFields: [{ manager: 'kubectl' }],
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '3', 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
    },
    spec: {
      replicas: 6,
      template: { metadata: { labels: { app: 'web' } }, spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'sidecar', image: 'envoy:1' }] } },
    },
    status: { replicas: 6 },
  };
}

describe('set image manifest', () => {
  it('changes only the chosen container image', () => {
    const result = withImage(deployment(), 'nginx', 'nginx:1.26');
    const spec = (result.spec!.template as { spec: { containers: { name: string; image: string }[] } }).spec;
    expect(spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.26' }, { name: 'sidecar', image: 'envoy:1' }]);
    expect(result.spec!.replicas).toBe(6);
  });

  it('reaches init containers by name too', () => {
    const result = withImage(deployment(), 'init', 'busybox:1.37');
    expect(containersOf(result).find((c) => c.name === 'init')?.image).toBe('busybox:1.37');
  });

  it('drops status and server-owned metadata so a stale resourceVersion cannot conflict', () => {
    const result = withImage(deployment(), 'nginx', 'nginx:1.26');
    expect(result.status).toBeUndefined();
    expect(Object.keys(result.metadata!).sort()).toEqual(['annotations', 'labels', 'name', 'namespace']);
  });

  it('keeps the user annotations, adds no change-cause and leaves last-applied to kubectl', () => {
    const annotations = withImage(deployment(), 'nginx', 'nginx:1.26').metadata!.annotations as Record<string, string>;
    expect(annotations).toEqual({ 'deployment.kubernetes.io/revision': '3', team: 'a' });
  });

  it('leaves the live object untouched', () => {
    const live = deployment();
    withImage(live, 'nginx', 'nginx:1.26');
    expect(containersOf(live)[0].image).toBe('nginx:1.25');
    expect(live.status).toEqual({ replicas: 6 });
  });
});
