import { decodeContinue, encodeContinue } from './continue-token';

describe('continue tokens', () => {
  it('round-trip the revision and the last key', () => {
    const token = { revision: 42, namespace: 'default', name: 'web-1' };
    expect(decodeContinue(encodeContinue(token))).toEqual(token);
  });

  it('reject garbage with 400 BadRequest', () => {
    expect(() => decodeContinue('not-a-token')).toThrow(expect.objectContaining({ code: 400, reason: 'BadRequest' }));
  });
});
