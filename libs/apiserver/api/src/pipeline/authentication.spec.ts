import { CREDENTIAL_CLUSTER_EXTRA, credentialValidIn, knownTokenLine, parseKnownTokens, StatelessTokenCache, StaticTokenAuthenticator, TokenAuthenticator } from './authentication';

describe('the known-tokens file', () => {
  it('authenticates a token whose hash it lists, with its groups and system:authenticated, and no other', async () => {
    const text = `${knownTokenLine('scheduler-token', 'system:kube-scheduler')}\n# a comment\n${knownTokenLine('other', 'ops', ['admins', 'oncall'])}\n`;
    expect(text).not.toContain('scheduler-token');
    const authenticator = new StaticTokenAuthenticator(parseKnownTokens(text));
    expect(await authenticator.authenticateToken('scheduler-token')).toEqual({ name: 'system:kube-scheduler', groups: ['system:authenticated'] });
    expect(await authenticator.authenticateToken('other')).toEqual({ name: 'ops', groups: ['admins', 'oncall', 'system:authenticated'] });
    expect(await authenticator.authenticateToken('unknown')).toBeUndefined();
    expect(await new StaticTokenAuthenticator([]).authenticateToken('scheduler-token')).toBeUndefined();
  });
});

describe('credentials of one logical cluster', () => {
  it('are valid in that cluster only; others everywhere', () => {
    const lab = { name: 'system:serviceaccount:kube-system:x', groups: [], extra: { [CREDENTIAL_CLUSTER_EXTRA]: ['lab'] } };
    expect(credentialValidIn(lab, 'lab')).toBe(true);
    expect(credentialValidIn(lab, 'default')).toBe(false);
    expect(credentialValidIn({ name: 'alice', groups: [] }, 'lab')).toBe(true);
  });
});

describe('StatelessTokenCache', () => {
  it('asks the authenticators once per token, answers "not mine" from memory too, in their order, and hands out copies', async () => {
    const asked: string[] = [];
    const counting = (name: string, inner: TokenAuthenticator): TokenAuthenticator => ({ authenticateToken: (token) => (asked.push(`${name} ${token}`), inner.authenticateToken(token)) });
    const known = new StaticTokenAuthenticator(parseKnownTokens(knownTokenLine('scheduler-token', 'system:kube-scheduler')));
    const node: TokenAuthenticator = { authenticateToken: async (token) => (token === 'node-a' ? { name: 'system:node:a', groups: ['system:nodes'], extra: { [CREDENTIAL_CLUSTER_EXTRA]: ['default'] } } : undefined) };
    const cache = new StatelessTokenCache([counting('known', known), counting('node', node)]);
    for (let i = 0; i < 3; i++) {
      expect(await cache.authenticateToken('scheduler-token')).toEqual({ name: 'system:kube-scheduler', groups: ['system:authenticated'] });
      expect(await cache.authenticateToken('node-a')).toMatchObject({ name: 'system:node:a' });
      expect(await cache.authenticateToken('a-user-token')).toBeUndefined();
    }
    expect(asked).toEqual(['known scheduler-token', 'known node-a', 'node node-a', 'known a-user-token', 'node a-user-token']);
    const first = (await cache.authenticateToken('node-a'))!;
    first.groups.push('system:masters');
    first.extra![CREDENTIAL_CLUSTER_EXTRA].push('lab');
    expect(await cache.authenticateToken('node-a')).toEqual({ name: 'system:node:a', groups: ['system:nodes'], extra: { [CREDENTIAL_CLUSTER_EXTRA]: ['default'] } });
  });
});
