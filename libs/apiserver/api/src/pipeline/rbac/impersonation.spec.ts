import type { IncomingMessage } from 'node:http';
import { MastersAuthorizer, UnionAuthorizer, type Authorizer } from '../authorization';
import type { AuthorizationAttributes } from './policy-rule';
import { impersonate } from './impersonation';

const request = (headers: Record<string, string[]>) => ({ headersDistinct: headers }) as unknown as IncomingMessage;
const admin = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

/** Allows `impersonate` on the listed resources only. */
const allowing = (...resources: string[]): Authorizer => ({
  authorize: (_user, attributes: AuthorizationAttributes) => ({ allowed: attributes.verb === 'impersonate' && resources.includes(attributes.resource), reason: '' }),
  rulesFor: () => ({ rules: [], incomplete: false }),
});

describe('impersonation (upstream WithImpersonation)', () => {
  const masters = new UnionAuthorizer([new MastersAuthorizer()]);

  it('leaves a request without Impersonate-* headers as it is', () => {
    expect(impersonate(masters, admin, request({}), 'default')).toBe(admin);
  });

  it('a ServiceAccount username becomes that account with its groups and system:authenticated', () => {
    expect(impersonate(masters, admin, request({ 'impersonate-user': ['system:serviceaccount:dev-ns:dev'] }), 'default')).toEqual({
      name: 'system:serviceaccount:dev-ns:dev',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:dev-ns', 'system:authenticated'],
    });
  });

  it('groups given replace the account groups', () => {
    const user = impersonate(masters, admin, request({ 'impersonate-user': ['system:serviceaccount:a:b'], 'impersonate-group': ['team', 'system:authenticated'] }), 'default');
    expect(user).toEqual({ name: 'system:serviceaccount:a:b', groups: ['team', 'system:authenticated'] });
  });

  it('system:anonymous gains system:unauthenticated', () => {
    expect(impersonate(masters, admin, request({ 'impersonate-user': ['system:anonymous'] }), 'default')).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it('checks the impersonate verb for each part and refuses with upstream Forbidden', () => {
    const someone = { name: 'jane', groups: ['system:authenticated'] };
    expect(impersonate(allowing('users', 'groups'), someone, request({ 'impersonate-user': ['bob'], 'impersonate-group': ['ops'] }), 'default')).toEqual({ name: 'bob', groups: ['ops', 'system:authenticated'] });
    expect(() => impersonate(allowing('users'), someone, request({ 'impersonate-user': ['bob'], 'impersonate-group': ['ops'] }), 'default')).toThrow(
      'groups "ops" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
    expect(() => impersonate(allowing('users'), someone, request({ 'impersonate-user': ['system:serviceaccount:ns1:sa'] }), 'default')).toThrow(
      'serviceaccounts "sa" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "ns1"',
    );
  });

  it('refuses groups without a user as a bad request', () => {
    expect(() => impersonate(masters, admin, request({ 'impersonate-group': ['ops'] }), 'default')).toThrow(expect.objectContaining({ code: 400 }));
  });
});
