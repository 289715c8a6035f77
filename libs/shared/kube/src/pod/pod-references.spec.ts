import { podReferences } from './pod-references';

describe('podReferences', () => {
  it('finds ConfigMaps, Secrets and claims in volumes, projections, env, envFrom and pull secrets, once each', () => {
    const pod = {
      spec: {
        volumes: [
          { name: 'a', configMap: { name: 'settings' } },
          { name: 'b', secret: { secretName: 'tls' } },
          { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'd', projected: { sources: [{ configMap: { name: 'extra' } }, { secret: { name: 'token' } }] } },
          { name: 'e', csi: { driver: 'x', nodePublishSecretRef: { name: 'csi-creds' } } },
        ],
        initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'settings' } }] }],
        containers: [{ name: 'app', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'M', valueFrom: { configMapKeyRef: { name: 'modes', key: 'm' } } }], envFrom: [{ secretRef: { name: 'tls' } }] }],
        imagePullSecrets: [{ name: 'registry' }],
      },
    };
    expect(podReferences(pod)).toEqual({ configMaps: ['extra', 'modes', 'settings'], secrets: ['csi-creds', 'db', 'registry', 'tls', 'token'], persistentVolumeClaims: ['data'] });
  });

  it('finds nothing in a pod without references', () => {
    expect(podReferences({ spec: { containers: [{ name: 'c', image: 'busybox' }] } })).toEqual({ configMaps: [], secrets: [], persistentVolumeClaims: [] });
  });
});
