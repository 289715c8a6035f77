import { signNodeToken, verifyNodeToken } from './node-token';

describe('node tokens', () => {
  const key = 'k'.repeat(43);

  it('names the node and cluster it was signed for', () => {
    const token = signNodeToken(key, { cluster: 'lab', node: 'node-1' });
    expect(token.startsWith('drydock_n_')).toBe(true);
    expect(verifyNodeToken(key, token)).toEqual({ cluster: 'lab', node: 'node-1' });
  });

  it('refuses a token of another key, a changed subject, and strings that are no token', () => {
    const token = signNodeToken(key, { cluster: 'default', node: 'node-1' });
    expect(verifyNodeToken('x'.repeat(43), token)).toBeUndefined();
    const [payload, signature] = token.slice('drydock_n_'.length).split('.');
    const forged = `drydock_n_${Buffer.from('default/node-2').toString('base64url')}.${signature}`;
    expect(payload).not.toBe(Buffer.from('default/node-2').toString('base64url'));
    expect(verifyNodeToken(key, forged)).toBeUndefined();
    for (const junk of ['', 'drydock_n_', 'drydock_n_a.b.c', `${token}x`, 'Bearer abc']) expect(verifyNodeToken(key, junk)).toBeUndefined();
  });
});
