import { UserSelfAuthorizer } from './user-self.authorizer';

const alice = { name: 'alice', groups: ['system:authenticated'] };
const attributes = (verb: string, name: string, subresource: string) => ({ cluster: 'default', verb, group: 'drydock.dev', version: 'v1', namespace: '', resource: 'users', subresource, name });

describe('UserSelfAuthorizer', () => {
  const authorizer = new UserSelfAuthorizer();

  it('lets a user create a kubeconfig of their own and get and delete their own tokens', () => {
    expect(authorizer.authorize(alice, attributes('create', 'alice', 'kubeconfig')).allowed).toBe(true);
    expect(authorizer.authorize(alice, attributes('get', 'alice', 'tokens')).allowed).toBe(true);
    expect(authorizer.authorize(alice, attributes('delete', 'alice', 'tokens')).allowed).toBe(true);
  });

  it('allows nothing about other users, nor other verbs or subresources of their own User', () => {
    expect(authorizer.authorize(alice, attributes('create', 'bob', 'kubeconfig')).allowed).toBe(false);
    expect(authorizer.authorize(alice, attributes('delete', 'bob', 'tokens')).allowed).toBe(false);
    expect(authorizer.authorize(alice, attributes('update', 'alice', 'status')).allowed).toBe(false);
    expect(authorizer.authorize(alice, attributes('delete', 'alice', '')).allowed).toBe(false);
    expect(authorizer.authorize(alice, { ...attributes('create', 'alice', 'kubeconfig'), group: 'example.com' }).allowed).toBe(false);
  });

  it('grants nothing to system: identities (ServiceAccounts cannot be Users)', () => {
    const robot = { name: 'system:serviceaccount:default:robot', groups: ['system:serviceaccounts'] };
    expect(authorizer.authorize(robot, attributes('create', robot.name, 'kubeconfig')).allowed).toBe(false);
    expect(authorizer.rulesFor(robot).rules).toEqual([]);
  });

  it('reports the same as rules (SelfSubjectRulesReview)', () => {
    expect(authorizer.rulesFor(alice).rules).toEqual([
      { verbs: ['create'], apiGroups: ['drydock.dev'], resources: ['users/kubeconfig'], resourceNames: ['alice'] },
      { verbs: ['get', 'delete'], apiGroups: ['drydock.dev'], resources: ['users/tokens'], resourceNames: ['alice'] },
    ]);
  });
});
