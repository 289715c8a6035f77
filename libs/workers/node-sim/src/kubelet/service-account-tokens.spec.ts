import type { KubeClient } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { ServiceAccountTokens } from './service-account-tokens';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team', uid: 'pod-1' }, spec: { serviceAccountName: 'dev' } };

function recordingClient(): { client: KubeClient; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const client = { createSubresource: async (...args: unknown[]) => { calls.push(args); return { status: { token: `token-${calls.length}` } }; } } as unknown as KubeClient;
  return { client, calls };
}

describe('ServiceAccountTokens (the kubelet token manager)', () => {
  it('asks for a token of the pod\'s account bound to the pod, and keeps it until 80 % of its life has passed', async () => {
    const { client, calls } = recordingClient();
    let now = 0;
    const tokens = new ServiceAccountTokens(() => client, () => now);
    expect(await tokens.token(pod, { path: 'token', expirationSeconds: 3607 })).toBe('token-1');
    expect(calls[0].slice(1, 4)).toEqual(['team', 'dev', 'token']);
    expect(calls[0][4]).toEqual({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-1' } } });
    now = 2_000_000;
    expect(await tokens.token(pod, { path: 'token', expirationSeconds: 3607 })).toBe('token-1');
    now = 3_000_000;
    expect(await tokens.token(pod, { path: 'token', expirationSeconds: 3607 })).toBe('token-2');
    expect(await tokens.token(pod, { path: 'token', audience: 'vault' })).toBe('token-3');
    expect((calls[2][4] as { spec: object }).spec).toMatchObject({ audiences: ['vault'], expirationSeconds: 3600 });
  });

  it('forgets the tokens of a deleted pod', async () => {
    const { client, calls } = recordingClient();
    const tokens = new ServiceAccountTokens(() => client);
    await tokens.token(pod, { path: 'token' });
    tokens.forget(pod);
    await tokens.token(pod, { path: 'token' });
    expect(calls).toHaveLength(2);
  });
});
