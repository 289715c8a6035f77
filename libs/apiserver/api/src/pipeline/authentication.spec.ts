import { CREDENTIAL_CLUSTER_EXTRA, credentialValidIn, knownTokenLine, parseKnownTokens, StaticTokenAuthenticator } from './authentication';

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
