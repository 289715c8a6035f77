import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { ServiceAccountTokenRest } from '../subresources/serviceaccount-token.rest';
import { ServiceAccountAuthenticator } from './service-account.authenticator';
import { ServiceAccountKeys } from './service-account-keys';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const accounts = builtinResources().find((d) => d.resource === 'serviceaccounts')!;

async function setUp() {
  const store = new MemoryObjectStore();
  const keys = new ServiceAccountKeys(pem);
  const put = (resource: string, namespace: string, object: KubeObject) => store.create({ cluster: 'default', resource, namespace, name: object.metadata.name! }, object);
  await put('serviceaccounts', 'team', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'dev', namespace: 'team', uid: 'sa-1' } });
  await put('pods', 'team', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team', uid: 'pod-1' }, spec: { serviceAccountName: 'dev', nodeName: 'node-1' } });
  const rest = new ServiceAccountTokenRest(store, keys);
  const request = async (spec: Record<string, unknown> = {}, name = 'dev') => {
    const reply = await rest.create({ def: accounts, cluster: 'default', namespace: 'team', name, query: new URLSearchParams(), req: {} as IncomingMessage }, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec });
    return reply.body as { status: { token: string; expirationTimestamp: string }; spec: Record<string, unknown> };
  };
  return { store, keys, request, authenticator: new ServiceAccountAuthenticator(keys, store) };
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('TokenRequest and the ServiceAccount token authenticator', () => {
  it('issues an hour-long token for the API server audience that authenticates as the account', async () => {
    const { request, authenticator } = await setUp();
    const { status, spec } = await request();
    expect(spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 });
    const claims = claimsOf(status.token);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(await authenticator.authenticateToken(status.token)).toMatchObject({ name: 'system:serviceaccount:team:dev', uid: 'sa-1', groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'] });
  });

  it('binds a token to a pod (with its node) and refuses it once the pod is gone or replaced', async () => {
    const { request, authenticator, store } = await setUp();
    const { status } = await request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-1' } });
    expect(claimsOf(status.token)['kubernetes.io']).toEqual({ namespace: 'team', serviceaccount: { name: 'dev', uid: 'sa-1' }, pod: { name: 'web', uid: 'pod-1' }, node: { name: 'node-1' } });
    expect((await authenticator.authenticateToken(status.token))?.extra).toMatchObject({ 'authentication.kubernetes.io/pod-name': ['web'], 'authentication.kubernetes.io/pod-uid': ['pod-1'] });
    await store.delete({ cluster: 'default', resource: 'pods', namespace: 'team', name: 'web' });
    expect(await authenticator.authenticateToken(status.token)).toBeUndefined();
  });

  it('refuses tokens of a deleted account, of another audience, and of another key', async () => {
    const { request, authenticator, store } = await setUp();
    const foreign = await request({ audiences: ['vault'] });
    expect(await authenticator.authenticateToken(foreign.status.token)).toBeUndefined();
    const other = await new ServiceAccountKeys(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).sign(claimsOf((await request()).status.token));
    expect(await authenticator.authenticateToken(other)).toBeUndefined();
    expect(await authenticator.authenticateToken('not-a-jwt')).toBeUndefined();
    const { status } = await request();
    await store.delete({ cluster: 'default', resource: 'serviceaccounts', namespace: 'team', name: 'dev' });
    expect(await authenticator.authenticateToken(status.token)).toBeUndefined();
  });

  it('answers upstream errors: too short, a missing account, an unknown kind, a stale uid', async () => {
    const { request } = await setUp();
    await expect(request({ expirationSeconds: 300 })).rejects.toThrow('TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    await expect(request({}, 'ghost')).rejects.toThrow('serviceaccounts "ghost" not found');
    await expect(request({ boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' } })).rejects.toThrow('cannot bind token to object of type /v1, Kind=ConfigMap');
    await expect(request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'old' } })).rejects.toThrow('Operation cannot be fulfilled on Pod "web": the UID in the bound object reference (old) does not match the UID in record. The object might have been deleted and then recreated');
  });

  it('gives the projected 3607 s token of a pod a year, warning after 3607 s, as upstream\'s extended expiration', async () => {
    const { request } = await setUp();
    const { status } = await request({ expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
    const claims = claimsOf(status.token);
    expect(claims.exp - claims.iat).toBe(365 * 24 * 3600);
    expect(claims['kubernetes.io'].warnafter - claims.iat).toBe(3607);
    expect(Date.parse(status.expirationTimestamp) - claims.iat * 1000).toBeLessThanOrEqual(3608_000);
  });

  it('reads the account and the bound pod from the watch cache when it holds them (upstream\'s listers), from the store when not, and refuses the token once neither has the account', async () => {
    const { request, store, keys } = await setUp();
    const cache = new Map<string, KubeObject>();
    const keyOf = (key: { cluster: string; resource: string; namespace: string; name: string }) => `${key.cluster}/${key.resource}/${key.namespace}/${key.name}`;
    const authenticator = new ServiceAccountAuthenticator(keys, store, undefined, { cached: (key) => cache.get(keyOf(key)) });
    const { status } = await request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-1' } });
    const reads = jest.spyOn(store, 'get');
    expect(await authenticator.authenticateToken(status.token)).toMatchObject({ name: 'system:serviceaccount:team:dev' });
    expect(reads.mock.calls.map(([key]) => key.resource)).toEqual(['serviceaccounts', 'pods']);
    for (const [resource, name] of [['serviceaccounts', 'dev'], ['pods', 'web']]) cache.set(keyOf({ cluster: 'default', resource, namespace: 'team', name }), (await store.get({ cluster: 'default', resource, namespace: 'team', name }))!);
    reads.mockClear();
    expect(await authenticator.authenticateToken(status.token)).toMatchObject({ name: 'system:serviceaccount:team:dev' });
    expect(reads).not.toHaveBeenCalled();
    // The cache applied the account's deletion: the store is asked, and it has none either.
    await store.delete({ cluster: 'default', resource: 'serviceaccounts', namespace: 'team', name: 'dev' });
    cache.delete(keyOf({ cluster: 'default', resource: 'serviceaccounts', namespace: 'team', name: 'dev' }));
    expect(await authenticator.authenticateToken(status.token)).toBeUndefined();
    expect(reads.mock.calls.map(([key]) => key.resource)).toEqual(['serviceaccounts']);
  });

  it('checks a token\'s signature once per 10 s (upstream\'s token cache), never past its expiry, and its account on every request', async () => {
    const { keys, authenticator, store } = await setUp();
    const now = Date.now();
    const nowSeconds = Math.floor(now / 1000);
    const claims = { iss: keys.issuer, aud: keys.audiences, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 3600, 'kubernetes.io': { namespace: 'team', serviceaccount: { name: 'dev', uid: 'sa-1' } } };
    const token = await keys.sign(claims as never);
    // Within a minute past exp (the leeway) a token still verifies: its check stands only until exp + leeway.
    const expiring = await keys.sign({ ...claims, iat: nowSeconds - 100, nbf: nowSeconds - 100, exp: nowSeconds - 58 } as never);
    const first = await keys.verify(token);
    const expiringFirst = await keys.verify(expiring);
    expect(await keys.verify(token)).toBe(first);
    expect(await keys.verify(expiring)).toBe(expiringFirst);
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue((nowSeconds + 2) * 1000 + 1);
      expect(await keys.verify(token)).toBe(first);
      expect(await keys.verify(expiring)).not.toBe(expiringFirst);
      clock.mockReturnValue(now + 9_000);
      expect(await keys.verify(token)).toBe(first);
      clock.mockReturnValue(now + 11_000);
      const again = await keys.verify(token);
      expect(again).toEqual(first);
      expect(again).not.toBe(first);
    } finally {
      clock.mockRestore();
    }
    const fresh = await keys.sign({ ...claims, exp: nowSeconds + 3600 } as never);
    expect(await authenticator.authenticateToken(fresh)).toBeDefined();
    await store.delete({ cluster: 'default', resource: 'serviceaccounts', namespace: 'team', name: 'dev' });
    expect(await authenticator.authenticateToken(fresh)).toBeUndefined();
  });
});
