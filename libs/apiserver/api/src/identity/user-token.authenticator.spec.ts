import type { KubeObject } from '@drydock/util';
import { hashToken } from '../security/pki';
import { newCredential } from './credential-token';
import { CredentialGrant, grantCacheMs, UserTokenAuthenticator } from './user-token.authenticator';
import { UserDirectory } from './user-directory';

const alice: KubeObject = { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name: 'alice', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { teams: [{ team: 'blue', role: 'edit' }, { team: 'green', role: 'view' }] } };

function setup(grants: Map<string, CredentialGrant>, users: KubeObject[] = [alice]) {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const lookups: string[] = [];
  const used: string[] = [];
  const lookup = {
    apiToken: async (hash: string) => (lookups.push(hash), grants.get(hash)),
    session: async (hash: string) => (lookups.push(hash), grants.get(hash)),
  };
  const directory = new UserDirectory({ cached: (key) => users.find((user) => user.metadata.name === key.name) }, { get: async () => null });
  const authenticator = new UserTokenAuthenticator(lookup, directory, (id) => used.push(id), () => now);
  return { authenticator, lookups, used, advance: (ms: number) => (now += ms) };
}

const grant = (extra: Partial<CredentialGrant> = {}): CredentialGrant => ({ userName: 'alice', createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: null, id: 't1', ...extra });

describe('UserTokenAuthenticator', () => {
  it('authenticates an API token as its user, with the user\'s teams and system:authenticated last, and records its use', async () => {
    const { token, hash } = newCredential('apiToken');
    const { authenticator, used } = setup(new Map([[hash, grant()]]));
    expect(await authenticator.authenticateToken(token)).toEqual({ name: 'alice', groups: ['blue', 'green', 'system:authenticated'] });
    expect(used).toEqual(['t1']);
  });

  it('leaves tokens that are not Drydock credentials to the next authenticator, without a lookup', async () => {
    const { authenticator, lookups } = setup(new Map());
    expect(await authenticator.authenticateToken('eyJhbGciOiJSUzI1NiJ9.payload.signature')).toBeUndefined();
    expect(await authenticator.authenticateToken(newCredential('signInLink').token)).toBeUndefined();
    expect(lookups).toEqual([]);
  });

  it('refuses an expired token, one whose User is gone, and one older than its User (an earlier user of that name)', async () => {
    const expired = newCredential('apiToken');
    const orphan = newCredential('apiToken');
    const stale = newCredential('apiToken');
    const grants = new Map([
      [expired.hash, grant({ expiresAt: new Date('2026-05-31T00:00:00Z') })],
      [orphan.hash, grant({ userName: 'carol' })],
      [stale.hash, grant({ createdAt: new Date('2025-12-31T23:59:59Z') })],
    ]);
    const { authenticator } = setup(grants);
    for (const { token } of [expired, orphan, stale]) expect(await authenticator.authenticateToken(token)).toBeUndefined();
  });

  it('refuses a revoked token once the cache entry ends, and at once after invalidate()', async () => {
    const { token, hash } = newCredential('session');
    const grants = new Map([[hash, grant({ id: undefined })]]);
    const { authenticator, advance } = setup(grants);
    expect(await authenticator.authenticateToken(token)).toBeDefined();
    grants.delete(hash);
    advance(grantCacheMs + 1);
    expect(await authenticator.authenticateToken(token)).toBeUndefined();
    grants.set(hash, grant({ id: undefined }));
    expect(await authenticator.authenticateToken(token)).toBeDefined();
    grants.delete(hash);
    authenticator.invalidate();
    expect(await authenticator.authenticateToken(token)).toBeUndefined();
  });

  it('looks a token up once per cache period, by its SHA-256 only', async () => {
    const { token, hash } = newCredential('apiToken');
    const { authenticator, lookups } = setup(new Map([[hash, grant()]]));
    await authenticator.authenticateToken(token);
    await authenticator.authenticateToken(token);
    expect(lookups).toEqual([hashToken(token)]);
  });
});
