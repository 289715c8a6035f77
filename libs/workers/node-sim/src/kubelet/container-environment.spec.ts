import type { KubeObject } from '@drydock/util';
import { ObjectLookup, resolveContainerEnvironment, resourceFieldValue, volumeMountError } from './container-environment';

const objects: Record<string, KubeObject> = {
  'cm/app': { metadata: { name: 'app' }, data: { LEVEL: 'debug', 'app.yaml': 'a: 1\n' } },
  'secret/db': { metadata: { name: 'db' }, data: { password: Buffer.from('s3cret').toString('base64') } },
};
const lookup: ObjectLookup = { configMap: (_ns, name) => objects[`cm/${name}`], secret: (_ns, name) => objects[`secret/${name}`] };
const pod = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', labels: { app: 'web' } }, spec: { nodeName: 'node-1', ...spec } });

describe('container environment', () => {
  it('resolves literal, ConfigMap, Secret, envFrom and downward-API values, with $(VAR) expansion', () => {
    const container = {
      name: 'c',
      envFrom: [{ configMapRef: { name: 'app' }, prefix: 'CFG_' }],
      env: [
        { name: 'A', value: 'x' },
        { name: 'B', value: '$(A)-y' },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
    };
    const { env, error } = resolveContainerEnvironment(pod({}), container, lookup, '10.244.1.5');
    expect(error).toBeUndefined();
    expect(env).toMatchObject({ CFG_LEVEL: 'debug', A: 'x', B: 'x-y', PASSWORD: 's3cret', POD: 'web-1', APP: 'web', IP: '10.244.1.5', HOSTNAME: 'web-1', KUBERNETES_SERVICE_HOST: '10.96.0.1' });
  });

  it('sets HOSTNAME to the pod\'s spec.hostname when it has one, as the runtime names the sandbox', () => {
    const { env } = resolveContainerEnvironment(pod({ hostname: 'web', subdomain: 'sub', containers: [{ name: 'c' }] }), { name: 'c' }, lookup);
    expect(env.HOSTNAME).toBe('web');
  });

  it('words missing objects and keys as the kubelet does; optional ones are skipped', () => {
    expect(resolveContainerEnvironment(pod({}), { name: 'c', envFrom: [{ configMapRef: { name: 'x' } }] }, lookup).error).toBe('configmap "x" not found');
    expect(resolveContainerEnvironment(pod({}), { name: 'c', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] }, lookup).error).toBe('secret "nope" not found');
    expect(resolveContainerEnvironment(pod({}), { name: 'c', env: [{ name: 'P', valueFrom: { configMapKeyRef: { name: 'app', key: 'k' } } }] }, lookup).error).toBe("couldn't find key k in ConfigMap shop/app");
    expect(resolveContainerEnvironment(pod({}), { name: 'c', envFrom: [{ secretRef: { name: 'x', optional: true } }] }, lookup).error).toBeUndefined();
  });

  it('reports FailedMount for a missing volume source', () => {
    expect(volumeMountError(pod({ volumes: [{ name: 'cfg', configMap: { name: 'absent' } }] }), lookup)).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "absent" not found');
    expect(volumeMountError(pod({ volumes: [{ name: 'cfg', configMap: { name: 'app' } }] }), lookup)).toBeUndefined();
  });

  it('resolves resourceFieldRef as upstream: cpu rounded up in divisor units, a limit left unset is the node\'s allocatable', () => {
    const container = {
      name: 'test-container',
      resources: { requests: { memory: '32Mi', cpu: '125m' }, limits: { memory: '64Mi', cpu: '250m' } },
      env: [
        { name: 'MY_CPU_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'test-container', resource: 'requests.cpu' } } },
        { name: 'MY_CPU_REQUEST_MILLIS', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
        { name: 'MY_CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MY_MEM_REQUEST', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
        { name: 'MY_MEM_LIMIT_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      ],
    };
    const { env } = resolveContainerEnvironment(pod({}), container, lookup, '10.244.1.5', '172.18.0.2', { cpu: '4', memory: '8Gi' });
    expect(env).toMatchObject({ MY_CPU_REQUEST: '1', MY_CPU_REQUEST_MILLIS: '125', MY_CPU_LIMIT: '1', MY_MEM_REQUEST: '33554432', MY_MEM_LIMIT_MI: '64' });
    const unlimited = { name: 'c' };
    expect(resourceFieldValue(unlimited, { resource: 'limits.cpu' }, { cpu: '4', memory: '8Gi' })).toBe('4');
    expect(resourceFieldValue(unlimited, { resource: 'limits.memory', divisor: '1Gi' }, { cpu: '4', memory: '8Gi' })).toBe('8');
    expect(resourceFieldValue(unlimited, { resource: 'requests.memory' }, { cpu: '4', memory: '8Gi' })).toBe('0');
  });
});
