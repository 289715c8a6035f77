import type { KubeObject } from '@drydock/util';
import { podProxyLocation, serviceProxyLocation, splitSchemeNamePort } from './proxy-location';

const objects: Record<string, KubeObject> = {
  'pods/web-1': { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop' }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }, status: { podIP: '10.244.1.5' } },
  'pods/pending': { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending', namespace: 'shop' }, spec: { containers: [{ name: 'c' }] } },
  'services/web': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 80 }] } },
  'endpoints/web': { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '10.244.1.5', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop' } }], ports: [{ name: 'http', port: 8080 }] }] } as KubeObject,
  'services/empty': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
  'endpoints/empty': { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'empty', namespace: 'shop' } },
};
const store = { get: async ({ resource, name }: { resource: string; name: string }) => objects[`${resource}/${name}`] } as never;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { code: number; reason: string; message: string }) => ({ code: error.code, reason: error.reason, message: error.message }));

describe('proxy locations (upstream\'s pod and service ResourceLocation)', () => {
  it('splits name, name:port and scheme:name:port, refusing other schemes and empty names', () => {
    expect(splitSchemeNamePort('web')).toEqual({ scheme: '', name: 'web', port: '' });
    expect(splitSchemeNamePort('web:80')).toEqual({ scheme: '', name: 'web', port: '80' });
    expect(splitSchemeNamePort('https:web:443')).toEqual({ scheme: 'https', name: 'web', port: '443' });
    expect([splitSchemeNamePort('ftp:web:21'), splitSchemeNamePort(':80'), splitSchemeNamePort('a:b:c:d')]).toEqual([undefined, undefined, undefined]);
  });

  it('takes a pod\'s first declared port without one, and refuses a pod without an address', async () => {
    expect(await podProxyLocation(store, 'default', 'shop', 'web-1')).toMatchObject({ podIP: '10.244.1.5', port: 8080 });
    expect(await podProxyLocation(store, 'default', 'shop', 'web-1:81')).toMatchObject({ port: 81 });
    expect(await failure(podProxyLocation(store, 'default', 'shop', 'pending:80'))).toEqual({ code: 400, reason: 'BadRequest', message: 'address not allowed' });
    expect(await failure(podProxyLocation(store, 'default', 'shop', 'nope'))).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });

  it('maps a Service port number to its name, then to the endpoint port of that name', async () => {
    expect(await serviceProxyLocation(store, 'default', 'shop', 'web:80')).toMatchObject({ podIP: '10.244.1.5', port: 8080 });
    expect(await serviceProxyLocation(store, 'default', 'shop', 'web:http')).toMatchObject({ port: 8080 });
    expect(await failure(serviceProxyLocation(store, 'default', 'shop', 'web:81'))).toEqual({ code: 503, reason: 'ServiceUnavailable', message: 'no service port 81 found for service "web"' });
    expect(await failure(serviceProxyLocation(store, 'default', 'shop', 'web:metrics'))).toEqual({ code: 503, reason: 'ServiceUnavailable', message: 'no endpoints available for service "web:metrics"' });
    expect(await failure(serviceProxyLocation(store, 'default', 'shop', 'empty:80'))).toEqual({ code: 503, reason: 'ServiceUnavailable', message: 'no endpoints available for service "empty"' });
    expect(await failure(serviceProxyLocation(store, 'default', 'shop', 'ftp:web:80'))).toEqual({ code: 400, reason: 'BadRequest', message: 'invalid service request "ftp:web:80"' });
  });
});
