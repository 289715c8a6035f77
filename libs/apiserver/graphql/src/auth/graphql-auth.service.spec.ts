import { ApiError } from '@drydock/client';
import type { KubeApiClient } from '../kube/kube-api.client';
import { bearerToken, GraphqlAuthService, operationNameOf } from './graphql-auth.service';
import { isGraphqlPath } from '../graphql-ws.handler';

describe('GraphQL authentication', () => {
  it('reads a bearer token from an Authorization value, nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc  ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken({ token: 'abc' })).toBeUndefined();
  });

  it('takes the operation name a body gives (operationName, else its first named operation), and only a GraphQL name', () => {
    expect(operationNameOf({ operationName: 'SecretReveal', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } })).toBe('SecretReveal');
    expect(operationNameOf({ query: '# a comment\n  query KindObject($name: String!) { kindObject(name: $name) }' })).toBe('KindObject');
    expect(operationNameOf({ query: 'mutation HelmRollback { helmRollback }' })).toBe('HelmRollback');
    expect(operationNameOf({ query: '{ kinds { kind } }' })).toBeUndefined();
    expect(operationNameOf({ operationName: 'x) Bearer secret', query: '{ a }' })).toBeUndefined();
    expect(operationNameOf(undefined)).toBeUndefined();
  });

  it('asks the REST API who the token is (SelfSubjectReview), caches the answer, and refuses what REST answers 401', async () => {
    const request = jest.fn(async ({ token }: { token: string }, call: { method: string; path: string }) => {
      expect(call.method).toBe('POST');
      if (token !== 'good') throw ApiError.fromResponse(401, JSON.stringify({ kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }));
      return { status: { userInfo: { username: 'drydock-admin', groups: ['system:masters'] } } };
    });
    const auth = new GraphqlAuthService({ request } as unknown as KubeApiClient);
    expect(await auth.authenticate('good')).toEqual({ name: 'drydock-admin', groups: ['system:masters'] });
    expect(await auth.authenticate('good')).toEqual({ name: 'drydock-admin', groups: ['system:masters'] });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0][1]).toMatchObject({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews' });
    expect(await auth.authenticate('bad')).toBeUndefined();
    expect(await auth.authenticate(undefined)).toBeUndefined();
  });

  it('reviews an impersonating caller as the user it impersonates, cached apart from the caller itself', async () => {
    const request = jest.fn(async ({ impersonation }: { token: string; impersonation?: Record<string, string[]> }) => {
      const name = impersonation?.['impersonate-user']?.[0] ?? 'drydock-admin';
      return { status: { userInfo: { username: name, groups: impersonation?.['impersonate-group'] ?? ['system:masters'] } } };
    });
    const auth = new GraphqlAuthService({ request } as unknown as KubeApiClient);
    expect(await auth.authenticate('good', { 'impersonate-user': ['alice'], 'impersonate-group': ['devs'] })).toEqual({ name: 'alice', groups: ['devs'] });
    expect(await auth.authenticate('good')).toEqual({ name: 'drydock-admin', groups: ['system:masters'] });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('routes only /graphql (with or without a query or trailing slash) to GraphQL', () => {
    expect(isGraphqlPath('/graphql')).toBe(true);
    expect(isGraphqlPath('/graphql/?x=1')).toBe(true);
    expect(isGraphqlPath('/api/v1/namespaces/default/pods/p/exec?command=env')).toBe(false);
    expect(isGraphqlPath('/graphqlx')).toBe(false);
  });
});
